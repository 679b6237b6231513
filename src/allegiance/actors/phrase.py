"""Splitting a mention into known pieces: names, titles, agent nouns, affiliations.

A mention such as "the former Ukrainian president" becomes pieces
[modifier former] [state UKR adjective] [title president]; the resolver composes them.
Matching is greedy longest-first over normalised words, so it costs a few dict lookups per word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.names import normalise
from allegiance.actors.records import Entry

# Words that describe a person by the power they hold rather than by an office's exact title.
RULER = "ruler"
DESCRIPTORS: dict[str, str] = {
    "leader": RULER, "dictator": RULER, "strongman": RULER, "autocrat": RULER, "ruler": RULER,
    "despot": RULER, "tyrant": RULER, "head of state": "head_of_state", "president": "head_of_state",
    "premier": "head_of_government", "prime minister": "head_of_government", "pm": "head_of_government",
    "head of government": "head_of_government", "chancellor": "head_of_government",
    "top diplomat": "foreign_minister", "foreign minister": "foreign_minister",
    "foreign affairs minister": "foreign_minister", "minister of foreign affairs": "foreign_minister",
    "foreign secretary": "foreign_minister", "secretary of state": "foreign_minister",
    "defence minister": "defence_minister", "defense minister": "defence_minister",
    "minister of defence": "defence_minister", "minister of defense": "defence_minister",
    "defence secretary": "defence_minister", "defense secretary": "defence_minister",
    "secretary of defense": "defence_minister", "defence chief": "defence_minister", "defense chief": "defence_minister",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "press secretary": "spokesperson",
    "head": "org_head", "chief": "org_head", "boss": "org_head", "ceo": "org_head", "chief executive": "org_head",
    "chairman": "org_head", "chairwoman": "org_head", "chair": "org_head", "director": "org_head",
    "secretary general": "org_head", "secretary-general": "org_head", "director general": "org_head",
    "director-general": "org_head", "founder": "org_head", "owner": "org_head", "commander-in-chief": "military_commander",
}
# Skipped between pieces: they neither name nor describe.
FILLER = frozenset("the a an of 's ' and its his her their our this that these then new top senior current "
                   "incumbent sitting outgoing acting longtime long-time veteran powerful embattled mr mrs ms dr sir madam".split())
# Head nouns that describe a bloc without naming it ("the Russian-led alliance").
GENERIC_BLOCS = frozenset({"alliance", "bloc", "union", "grouping", "organisation", "organization", "partnership"})
FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "one-time"})
_AFFIL_SUFFIX = ("backed", "led", "controlled", "allied", "aligned", "funded", "installed", "appointed", "run",
                 "sponsored", "friendly", "loyal", "leaning")
# Words that make a lower-case text read as running text rather than a name typed in lower case.
_PROSE_WORDS = frozenset({"the", "a", "an", "of", "in", "at", "for", "from", "with", "on"})
_LOWER_PROSE: tuple[set[str], set[str]] = (set(), set())
SCANNED_MAX = 20_000  # texts whose pieces are remembered (cleared when full)
_SPLIT = re.compile(r"(\S)('s)(?=\s|$)|(?<![\w-])(ex)-(?=\w)")


@dataclass(frozen=True)
class Piece:
    kind: str  # entity | title | agent | affiliation | former | word
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...] = ()
    sector: str | None = None
    title: str | None = None  # descriptor kind or "title" for an exact role title
    country: str | None = None


def words_of(text: str) -> list[str]:
    """Normalised words, with possessive 's and the prefix ex- split off as words of their own."""
    return list(_words(text))


@functools.lru_cache(maxsize=1 << 14)  # mentions repeat within and across articles
def _words(text: str) -> tuple[str, ...]:
    return tuple(_SPLIT.sub(lambda m: f"{m[1]} 's" if m[1] else "ex ", normalise(text)).split())


@functools.lru_cache(maxsize=1 << 14)
def words_key(text: str) -> str:
    """``" ".join(words_of(text))``: the form the knowledge base's name, title and agent keys take."""
    return " ".join(_words(text))


def _cased(text: str) -> tuple[set[str], set[str]] | None:
    """Normalised words written with a capital, and those written all in capitals; None for lower-case text
    (``_LOWER_PROSE`` when it reads as running text rather than a name typed in lower case)."""
    if text == text.lower():
        return _LOWER_PROSE if _PROSE_WORDS.intersection(text.split()) else None
    raw = text.replace("'s", " ").replace("\u2019s", " ").split()
    # The parts of a hyphenated word are written as names too: "Russia" and "North" in "the Russia-North Korea treaty".
    raw += [part for w in raw if "-" in w for part in w.split("-") if part]
    return ({normalise(w) for w in raw if w[:1].isupper()}, {normalise(w) for w in raw if w.isupper()})


def _cased_as_name(words: list[str], entries: list[Entry], cased: tuple[set[str], set[str]] | None) -> bool:
    if cased is _LOWER_PROSE:
        # Running text names an organization with capitals: "the congress" of local deputies, "a lightning
        # offensive" and "organization of the summit" name none. People and states keep the lower-case rules.
        if all(e.kind == "org" for e in entries):
            return False
        cased = None
    if all(e.kind == "person" for e in entries):
        # People are matched on surnames and checked against loose words elsewhere; in cased text a
        # name is written with a capital ("a Berlin park" is no Park).
        return cased is None or any(w in cased[0] or w in cased[1] for w in words)
    short = len(words) == 1 and len(words[0]) <= 3 and any(e.how in ("name", "code") for e in entries)
    if cased is None:
        return not (short and len(words[0]) <= 2)  # lower-case "us" is the pronoun
    capital, upper = cased
    if short:
        return words[0] in upper  # "UN", "US", "EU" - not "Un" in "Kim Jong Un"
    return any(w in capital or w in upper for w in words)


class Scanner:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.titles: dict[str, str] = dict(DESCRIPTORS)
        for title in kb.role_titles:
            self.titles.setdefault(title, "title")
        self.max_n = max(kb.max_words, kb.max_agent_words, max(k.count(" ") + 1 for k in self.titles))
        self._scanned: dict[str, tuple[tuple[str, ...], tuple[Piece, ...]]] = {}

    def scan_text(self, text: str) -> tuple[tuple[str, ...], tuple[Piece, ...]]:
        """``words_of(text)`` and its pieces, remembered per text (mentions repeat within and across
        articles, and the pieces of a text depend on nothing else); tuples, since they are shared."""
        found = self._scanned.get(text)
        if found is None:
            if len(self._scanned) >= SCANNED_MAX:
                self._scanned.clear()
            words = words_of(text)
            found = self._scanned[text] = (tuple(words), tuple(self.scan(words, text)))
        return found

    def _affiliation(self, word: str) -> str | None:
        if word in self.kb.affiliations:
            return self.kb.affiliations[word]
        if "-" not in word:
            return None
        head, _, tail = word.partition("-")
        rest = tail if head == "pro" else word.rpartition("-")[0] if word.rpartition("-")[2] in _AFFIL_SUFFIX else ""
        if not rest:
            return None
        for e in self.kb.index.get(rest.replace("-", " "), ()):
            if e.kind == "state":
                return e.key
        return None

    def scan(self, words: list[str], text: str | None = None) -> list[Piece]:
        """Pieces of a mention; with its original ``text``, names must be capitalised as names are."""
        cased = _cased(text) if text is not None else None
        words = [part for w in words for part in self._split(w)]
        pieces: list[Piece] = []
        i = 0
        while i < len(words):
            piece = self._longest(words, i, cased)
            pieces.append(piece)
            i = piece.end
        return pieces

    def _split(self, word: str) -> list[str]:
        """"russia-north" (from "the Russia-North Korea treaty") is two words; "pro-kremlin" is one."""
        if "-" not in word or word in self.kb.index or self._affiliation(word):
            return [word]
        parts = [p for p in word.split("-") if p]
        return parts if any(p in self.kb.index for p in parts) else [word]

    def _longest(self, words: list[str], i: int, cased: tuple[set[str], set[str]] | None) -> Piece:
        kb = self.kb
        for n in range(min(self.max_n, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            entries = kb.index.get(phrase) or kb.index.get(phrase.replace(" 's", "'s"))
            if entries and not _cased_as_name(words[i:i + n], entries, cased):
                entries = None
            title = self.titles.get(phrase)
            sector = kb.agents.get(phrase)
            if entries and not (title and all(e.how == "surname" for e in entries)):
                return Piece("entity", i, i + n, phrase, tuple(entries), sector=sector)
            if title:
                return Piece("title", i, i + n, phrase, sector=sector or "GOV", title=title)
            if sector:
                return Piece("agent", i, i + n, phrase, sector=sector)
        word = words[i]
        if word in FORMER:
            return Piece("former", i, i + 1, word)
        country = self._affiliation(word)
        if country:
            return Piece("affiliation", i, i + 1, word, country=country)
        return Piece("word", i, i + 1, word)
