"""Verb-pattern syntax shared by the project lexicon and PETRARCH dictionaries: parse, format, match.

A pattern is a sequence of elements around the verb marker ``*``::

    * (to +)                  the verb, then the preposition "to", then a target actor
    $ troop * toward +        a source actor and "troop" before the verb, "toward" and a target after
    in_*                      "in" immediately before the verb ("_" joins elements that must be adjacent)
    * &weapon (from ^)        a member of the synonym set "weapon"; ^ stands for a skipped phrase
    * {humanitarian aid}      braces group a noun phrase; parentheses a prepositional phrase

``$`` is the source slot, ``+`` the target slot, ``%`` a compound actor. A word with a trailing
underscore (``cash_``) matches only that exact form; other words also match inflected forms. Words
not joined by ``_`` may have other words between them, as in PETRARCH.
"""

from __future__ import annotations

import re
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from allegiance.errors import DataFileError

SLOTS = {"$": "source", "+": "target", "%": "compound", "^": "skip", "*": "verb"}
_SLOT_CHARS = {v: k for k, v in SLOTS.items()}
_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_WORD = re.compile(r"^&?[a-z0-9][a-z0-9'.,/!-]*$")
_GLUED_AFTER = re.compile(r"\*(?=[a-z0-9&])")
_GLUED_BEFORE = re.compile(r"(?<=[a-z0-9])\*")
_CLOSE = {"(": ")", "{": "}"}
_NOUNISH = frozenset({"PROPN", "NOUN", "PRON", "NUM", "X"})
MAX_INFLECTION = 3  # "aid" matches "aids"/"aided"; longer tails are other words
# Tails that make an inflection: "for" must not match "forces", nor "off" "office".
_TAILS = frozenset({"s", "es", "ed", "d", "ing", "'s", "n", "en", "ly"})


class PatternError(DataFileError):
    """A verb pattern cannot be parsed."""


@dataclass(frozen=True)
class Element:
    kind: str  # word | synset | source | target | compound | skip | verb
    value: str = ""  # the lower-case word, or the synset name
    exact: bool = False  # trailing "_": no inflected forms
    joined: bool = False  # must be adjacent to the element before it
    group: str = ""  # enclosing groups, outermost first: "(" prepositional phrase, "{" noun phrase
    opens: int = 0  # how many of those groups start at this element (so groups round-trip)


@dataclass(frozen=True)
class Pattern:
    elements: tuple[Element, ...]

    @functools.cached_property
    def verb_index(self) -> int:
        return next(i for i, e in enumerate(self.elements) if e.kind == "verb")

    @functools.cached_property
    def specificity(self) -> int:
        """How many literal words and sets the pattern asks for: more specific patterns win."""
        return sum(1 for e in self.elements if e.kind in ("word", "synset"))

    @functools.cached_property
    def required(self) -> frozenset[str]:
        """Literal words that must be present (a cheap test before matching); a hyphenated word's parts, since
        the parser splits "counter-terrorist" into three tokens."""
        return frozenset(w for e in self.elements if e.kind == "word" for w in hyphen_parts(e.value))

    @functools.cached_property
    def synsets(self) -> tuple[str, ...]:
        """Names of the synonym sets the pattern asks for: a member of each must be present too."""
        return tuple(e.value for e in self.elements if e.kind == "synset")

    def text(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        return format_pattern(self)


def parse_pattern(text: str) -> Pattern:
    """Parse pattern text (either case; PETRARCH's upper case or the project's lower case)."""
    elements: list[Element] = []
    group = ""
    opens = 0
    # PETRARCH sometimes glues the verb marker to a word ("*sceptical")
    clean = _GLUED_AFTER.sub("* ", _GLUED_BEFORE.sub(" *", text.strip().lower()))
    for tok in _TOKEN.findall(clean):
        if tok in "({":
            group, opens = group + tok, opens + 1
            continue
        if tok in ")}":
            if not group or {"(": ")", "{": "}"}[group[-1]] != tok:
                raise PatternError(f"unbalanced {tok!r} in pattern {text!r}", input=text)
            group = group[:-1]
            opens = min(opens, len(group))  # an empty group leaves nothing behind
            continue
        made = False
        for n, part in enumerate(tok.split("_")):
            if part == "":
                if made and elements[-1].kind == "word":
                    elements[-1] = _replace(elements[-1], exact=True)
                elif made or n > 0 and tok.strip("_") != "":
                    raise PatternError(f"misplaced '_' in pattern {text!r}", input=text)
                continue
            joined = (n > 0 or tok.startswith("_")) and bool(elements)
            elements.append(_element(part, joined, group, opens, text))
            opens, made = 0, True
        if not made:
            raise PatternError(f"stray {tok!r} in pattern {text!r}", input=text)
    if group:
        raise PatternError(f"unclosed {group[-1]!r} in pattern {text!r}", input=text)
    if sum(1 for e in elements if e.kind == "verb") != 1:
        raise PatternError(f"pattern {text!r} needs exactly one '*'", input=text)
    return Pattern(tuple(elements))


def _replace(e: Element, **changes: object) -> Element:
    return Element(**{**e.__dict__, **changes})  # type: ignore[arg-type]


def _element(part: str, joined: bool, group: str, opens: int, text: str) -> Element:
    if part in SLOTS:
        return Element(SLOTS[part], "", False, joined, group, opens)
    if part.startswith("&") and _WORD.match(part):
        return Element("synset", part[1:].rstrip("."), False, joined, group, opens)
    if not _WORD.match(part):
        raise PatternError(f"bad word {part!r} in pattern {text!r}", input=text)
    return Element("word", part, False, joined, group, opens)


def format_pattern(pattern: Pattern) -> str:
    """Canonical lower-case text; ``parse_pattern(format_pattern(p)) == p``."""
    out: list[str] = []
    current = ""
    for e in pattern.elements:
        piece = _SLOT_CHARS.get(e.kind) or ("&" + e.value if e.kind == "synset" else e.value)
        piece = ("_" if e.joined else "") + piece + ("_" if e.exact else "")
        base = e.group[: len(e.group) - e.opens]
        while current != base[: len(current)] or len(current) > len(base):
            out.append(_CLOSE[current[-1]])
            current = current[:-1]
        opening = e.group[len(current) :]
        current = e.group
        out.append((" " + opening if opening else "" if e.joined else " ") + piece)
    out.extend(_CLOSE[g] for g in reversed(current))
    return "".join(out).strip()


# --- matching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tok:
    """The little a pattern needs to know about a token."""

    text: str  # lower case
    lemma: str  # lower case
    pos: str = ""
    keys: frozenset[str] = field(default=frozenset(), compare=False)  # every word that would match it

    def __post_init__(self) -> None:
        if not self.keys:
            n = len(self.text)
            cut = {self.text[: n - k] for k in range(1, MAX_INFLECTION + 1) if n - k > 0}
            object.__setattr__(self, "keys", frozenset({self.text, self.lemma} | cut))


# a synonym set compiled for lookup: first word → members (as (word, exact) pairs), longest first
CompiledSynsets = Mapping[str, Mapping[str, tuple[tuple[tuple[str, bool], ...], ...]]]


def compile_synsets(raw: Mapping[str, Iterable[tuple[str, ...]]]) -> dict[str, dict[str, tuple]]:
    out: dict[str, dict[str, tuple]] = {}
    for name, members in raw.items():
        index: dict[str, list[tuple[tuple[str, bool], ...]]] = {}
        for member in members:
            words = tuple((w.rstrip("_"), w.endswith("_")) for w in member)
            if words:
                index.setdefault(words[0][0], []).append(words)
        out[name] = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
    return out


def hyphen_parts(word: str) -> tuple[str, ...]:
    """The words a hyphenated pattern word is made of ("self-harm": self, harm), or the word itself."""
    parts = tuple(p for p in word.split("-") if p) if "-" in word else ()
    return parts if len(parts) > 1 else (word,)


def _hyphenated_len(word: str, exact: bool, toks: Sequence[Tok], i: int) -> int:
    """Tokens a hyphenated pattern word spans at ``i`` as the parser splits it ("counter", "-", "terrorist");
    only its last part may be inflected ("sit-ins"). 0 when it is not there."""
    parts = hyphen_parts(word)
    n = 2 * len(parts) - 1
    if len(parts) < 2 or i + n > len(toks):
        return 0
    if any(toks[i + 2 * k + 1].text != "-" for k in range(len(parts) - 1)):
        return 0
    if any(toks[i + 2 * k].text != part for k, part in enumerate(parts[:-1])):
        return 0
    return n if word_matches(parts[-1], exact, toks[i + n - 1]) else 0


def word_matches(word: str, exact: bool, tok: Tok) -> bool:
    if tok.text == word or tok.lemma == word:
        return True
    if exact:
        return False
    if not tok.text.startswith(word) or len(tok.text) - len(word) > MAX_INFLECTION:
        return False
    tail = tok.text[len(word):]
    return tail in _TAILS or (tail[:1] == word[-1:] and tail[1:] in _TAILS)  # "stopped", "planning"


def _first_unit(e: Element, toks: Sequence[Tok], indices: range, synsets: CompiledSynsets) -> int:
    """The first of ``indices`` where element ``e`` matches (``_unit_len`` > 0), or -1."""
    if e.kind == "word":
        # A word matches only tokens it is a key of (``Tok.keys``): test that before the full rule.
        word, exact = e.value, e.exact
        if "-" in word:
            return next((i for i in indices if _unit_len(e, toks, i, synsets)), -1)
        return next((i for i in indices if word in toks[i].keys and word_matches(word, exact, toks[i])), -1)
    if e.kind in ("source", "target", "compound"):
        return next((i for i in indices if toks[i].pos in _NOUNISH), -1)
    if e.kind == "synset":
        # A member can start only at a token one of whose keys is some member's first word.
        firsts = synsets.get(e.value, {}).keys()
        return next((i for i in indices if not firsts.isdisjoint(toks[i].keys) and _unit_len(e, toks, i, synsets)), -1)
    return next((i for i in indices if _unit_len(e, toks, i, synsets)), -1)


def _unit_len(e: Element, toks: Sequence[Tok], i: int, synsets: CompiledSynsets) -> int:
    """Number of tokens element ``e`` consumes at position ``i``, or 0 when it does not match there."""
    if i < 0 or i >= len(toks):
        return 0
    tok = toks[i]
    if e.kind == "word":
        if word_matches(e.value, e.exact, tok):
            return 1
        return _hyphenated_len(e.value, e.exact, toks, i) if "-" in e.value else 0
    if e.kind in ("source", "target", "compound"):
        return 1 if tok.pos in _NOUNISH else 0
    if e.kind == "skip":
        return 1 if tok.pos not in ("PUNCT", "") else 0
    if e.kind == "synset":
        index = synsets.get(e.value)
        if not index:
            return 0
        best = 0
        for key in tok.keys:
            for member in index.get(key, ()):
                n = len(member)
                if n > best and i + n <= len(toks) and all(
                    word_matches(w, exact, toks[i + k]) for k, (w, exact) in enumerate(member)
                ):
                    best = n
        return best
    return 0


def match_pattern(
    pattern: Pattern,
    toks: Sequence[Tok],
    verb: int,
    synsets: CompiledSynsets,
    *,
    start: int = 0,
    end: int | None = None,
) -> dict[str, int] | None:
    """Match ``pattern`` with its ``*`` on ``toks[verb]``; words may lie in ``toks[start:end]``.

    Returns the token index each slot ($ source, + target, % compound) landed on, plus ``"last"``
    and ``"first"`` (the extent of the match), or None when the pattern does not match.
    """
    end = len(toks) if end is None else end
    els = pattern.elements
    k = pattern.verb_index
    slots: dict[str, int] = {}
    # after the verb: left to right, first match, gaps allowed unless joined
    pos = verb + 1
    last = verb
    for e in els[k + 1 :]:
        limit = pos + 1 if e.joined else end
        found = _first_unit(e, toks, range(max(pos, 0), min(limit, end, len(toks))), synsets)
        if found < 0:
            return None
        if e.kind in ("source", "target", "compound"):
            slots.setdefault(e.kind, found)
        n = _unit_len(e, toks, found, synsets)
        pos, last = found + n, found + n - 1
    # before the verb: right to left; element j must touch element j+1 when j+1 is joined
    pos = verb - 1
    first = verb
    for j in range(k - 1, -1, -1):
        e, after = els[j], els[j + 1]
        found = -1
        lowest = pos if after.joined else start
        for i in range(pos, max(lowest, start) - 1, -1):
            n = _unit_len(e, toks, i, synsets)
            if n and i + n - 1 <= pos:
                found = i
                break
        if found < 0:
            return None
        if e.kind in ("source", "target", "compound"):
            slots.setdefault(e.kind, found)
        pos, first = found - 1, found
    slots["first"], slots["last"] = first, last
    return slots
