"""The event lexicon: verb patterns, nominal triggers and multiword expressions → CAMEO codes.

``load_lexicon()`` reads the packaged project lexicon (``data/lexicon/verbs.yaml``, ``nominal.yaml``,
``multiword.yaml``); ``load_lexicon([path, ...])`` reads any mix of project YAML files and PETRARCH
verb dictionaries (``CAMEO.2.0.txt``, ``PETR.Validate.verbs.txt``) through the same loader.

Matching works on a spaCy token (or a plain token list, for dictionaries without a parser). Results
are ordered best first: multiword expressions, then verb patterns by how many words they ask for,
then the verb's default code. A best match whose ``code`` is None means the lexicon says "this use
of the verb is not an event" (PETRARCH's null patterns).

Confidence is a prior for the combiner, not a calibrated probability: a bare verb 0.55, a pattern
0.65 + 0.07 per literal word (at most 0.95), a multiword expression 0.85, a nominal trigger 0.6.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from allegiance import parse
from allegiance.coding.context import verdict
from allegiance.coding.lexicon_io import PatternEntry, VerbBlock, VerbEntry, read_petrarch, read_project
from allegiance.coding.patterns import Tok, compile_synsets, match_pattern, word_matches
from allegiance.coding.phrases import (
    MULTIWORD_FORMAT,
    NOMINAL_FORMAT,
    Judgements,
    MultiwordEntry,
    NominalEntry,
    load_yaml,
    read_judgements,
    read_multiword,
    read_nominal,
)

INTERNED_MAX = 50_000  # distinct (word, lemma, tag) triples kept between documents (cleared when full)
ENTRIES_MAX = 20_000  # (lemma, form) pairs whose verb entries are kept (cleared when full)
CANDIDATES_MAX = 20_000  # (block, words of the block in a window) pairs whose patterns are kept (cleared when full)
REPORTING = frozenset({"say", "tell", "inform", "insist", "add", "note", "reply"})  # not "declared it undesirable"
PRE_WINDOW = 8  # words a pattern may look back before the verb
PARTICLE_REACH = 3  # "ruled the offer out": a particle may sit this far after its verb
_ARG_DEPS = {"nsubj": "subject", "nsubjpass": "object", "dobj": "object", "dative": "object", "attr": "object"}


@dataclass(frozen=True)
class LexMatch:
    code: str | None
    reverse: str | None  # the code of an event in the other direction, when the entry pairs one
    kind: str  # multiword | pattern | verb | nominal
    pattern: str  # the pattern text, verb or phrase that matched
    confidence: float
    trigger: tuple[int, ...]  # token indices (into the Doc, or the token list) of the trigger words
    slots: tuple[tuple[str, int], ...] = ()  # (role, token index): source, target, subject, object, prep:to, ...
    block: str = ""
    source: str = "project"

    def slot(self, role: str) -> int | None:
        return next((i for r, i in self.slots if r == role), None)


def _tok(t: Any) -> Tok:
    if isinstance(t, Tok):
        return t
    if isinstance(t, str):
        return Tok(t.lower(), t.lower(), "PROPN" if t[:1].isupper() else "")
    return Tok(t.lower_, t.lemma_.lower(), t.pos_)


def _sentence_toks(table: Any, first: int, last: int, interned: dict[tuple[str, str, str], Tok],
                   wants: dict[tuple[str, str, str], frozenset[str]], vocab: frozenset[str]
                   ) -> tuple[list[Tok], list[frozenset[str]], list[int]]:
    """Tokens ``first`` to ``last`` of a token table as ``Tok`` (equal words share one: ``interned``), the keys of
    each that some pattern asks for (``vocab``; ``wants`` by word), and where "according to" starts."""
    if len(interned) > INTERNED_MAX:
        interned.clear()
        wants.clear()
    keys = list(zip(table.lower[first:last], table.lemma[first:last], table.pos[first:last]))
    try:
        toks = list(map(interned.__getitem__, keys))
    except KeyError:
        for key in keys:
            if key not in interned:
                tok = interned[key] = Tok(key[0], key[1].lower(), key[2])
                wants[key] = tok.keys & vocab
        toks = list(map(interned.__getitem__, keys))
    lower = table.lower
    according = [i - first for i in range(first, last - 1) if lower[i] == "according" and lower[i + 1] == "to"] \
        if "according" in lower[first:last] else []
    return toks, list(map(wants.__getitem__, keys)), according


def _dep_slots(token: Any) -> list[tuple[str, int]]:
    if token is None:
        return []
    t = parse.tokens(token.doc)
    out = []
    for child in t.children[token.i]:
        dep = t.dep[child]
        if dep in _ARG_DEPS:
            out.append((_ARG_DEPS[dep], child))
        elif dep in ("prep", "agent"):
            obj = next((g for g in t.children[child] if t.dep[g] == "pobj"), None)
            if obj is not None:
                out.append((f"prep:{t.lower[child]}", obj))
    return out


class Lexicon:
    def __init__(
        self,
        blocks: Iterable[VerbBlock] = (),
        synsets: dict[str, tuple[tuple[str, ...], ...]] | None = None,
        nominal: Iterable[NominalEntry] = (),
        multiword: Iterable[MultiwordEntry] = (),
    ):
        self.blocks = tuple(blocks)
        self.synsets = dict(synsets or {})
        self._compiled = compile_synsets(self.synsets)
        # The last Doc seen and the Tok lists of its sentences so far, by first token: triggers share them.
        self._last: tuple[Any, dict[int, tuple[list[Tok], list[frozenset[str]], list[int]]]] | None = None
        self._interned: dict[tuple[str, str, str], Tok] = {}  # (lower, lemma, pos) → Tok
        self._wants: dict[tuple[str, str, str], frozenset[str]] = {}  # (lower, lemma, pos) → its keys in ``_vocab``
        self._verbs: dict[str, list[tuple[VerbEntry, VerbBlock]]] = {}
        for block in self.blocks:
            for verb in block.verbs:
                for key in {verb.lemma, *verb.forms}:
                    self._verbs.setdefault(key, []).append((verb, block))
        # Each block's patterns with their literal words and the first words of each synonym set they ask for,
        # and every such word of the block: which of its patterns a window may match depends only on which of
        # those words it holds.
        self._prepared: dict[int, tuple[frozenset[str], tuple[tuple[PatternEntry, frozenset[str], tuple[Any, ...]], ...]]] = {}
        for block in self.blocks:
            prepared = tuple((p, p.pattern.required, tuple(self._compiled.get(name, {}).keys()
                                                           for name in p.pattern.synsets))
                             for p in block.patterns)
            words = frozenset(w for _, required, firsts in prepared for w in itertools.chain(required, *firsts))
            self._prepared[id(block)] = (words, prepared)
        # (block, the window's words of the block) → the patterns the window holds every word of, in order
        self._pattern_ids: dict[Any, int] = {}  # equal patterns of different blocks share a number
        for block in self.blocks:
            for p in block.patterns:
                self._pattern_ids.setdefault(p.pattern, len(self._pattern_ids))
        self._by_word: dict[tuple[str, str], tuple[tuple[VerbEntry, VerbBlock, int, str | None], ...]] = {}
        self._candidates: dict[tuple[int, frozenset[str]], tuple[tuple[PatternEntry, Any, int], ...]] = {}
        # every word a pattern or the first word of a synonym set's member asks for
        self._vocab = frozenset(w for block in self.blocks for p in block.patterns for w in p.pattern.required
                                ).union(*self._compiled.values())
        self._nominal: dict[str, list[NominalEntry]] = {}
        for n in nominal:
            self._nominal.setdefault(n.lemma, []).append(n)
        self._multi: dict[str, list[MultiwordEntry]] = {}
        # each expression's words: a token matches a word only if the word is one of its keys (``Tok.keys``)
        self._multi_words: dict[int, frozenset[str]] = {}
        for m in multiword:
            self._multi.setdefault(m.words[m.anchor].rstrip("_"), []).append(m)
            self._multi_words[id(m)] = frozenset(w.rstrip("_") for w in m.words if w.rstrip("_"))

    def _window(self, doc_or_tokens: Any, verb_token: Any
                ) -> tuple[list[Tok], list[frozenset[str]], int, int, int, int, Any]:
        """Tokens, the keys of each that patterns ask for, offset of toks[0] in the doc, verb position, and the
        span patterns may use."""
        if isinstance(verb_token, int):
            toks = [_tok(t) for t in doc_or_tokens]
            wanted = [t.keys & self._vocab for t in toks]
            return toks, wanted, 0, verb_token, max(0, verb_token - PRE_WINDOW), len(toks), None
        doc = verb_token.doc
        cached = self._last
        if cached is None or cached[0] is not doc:
            cached = self._last = (doc, {})
        table = parse.tokens(doc)
        at = bisect.bisect_right(table.sent_starts, verb_token.i) - 1
        first, last = table.sent_starts[at], table.sent_starts[at + 1]
        sentence = cached[1].get(first)
        if sentence is None:
            sentence = cached[1][first] = _sentence_toks(table, first, last, self._interned, self._wants, self._vocab)
        v = verb_token.i - first
        end = max(verb_token.right_edge.i - first + 1, v + 1)
        toks = sentence[0]
        # "..., according to an Indian readout": who reports the act is no word of it ("told Xi ... to").
        end = next((i for i in sentence[2] if v + 1 <= i < end - 1), end)
        # "forces clash on border as leaders meet": a clause of time or reason with a subject of its own tells
        # another act, whose words are no part of this verb's pattern ("* meet").
        kids = table.children
        end = min([end] + [doc[c].left_edge.i - first for c in kids[verb_token.i]
                           if table.dep[c] == "advcl" and c > verb_token.i
                           and any(table.dep[g] == "mark" for g in kids[c])
                           and any(table.dep[g] in ("nsubj", "nsubjpass") for g in kids[c])])
        if table.lemma[verb_token.i] in REPORTING:
            # "told journalists that Armenia had no plans to leave": what a clause with a subject of its own
            # says is coded at its own verb, not read as the telling ("told ... to leave"). A verdict the
            # clause pronounces stays the speaker's ("said Kyiv was responsible for the attack").
            end = min([end] + [c.left_edge.i - first for c in verb_token.children
                               if c.dep_ == "ccomp" and c.i > verb_token.i and not verdict(c, bare=True)
                               and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)])
        return toks, sentence[1], first, v, max(0, v - PRE_WINDOW), end, verb_token

    def stats(self) -> dict[str, int]:
        return {
            "blocks": len(self.blocks),
            "verbs": sum(len(b.verbs) for b in self.blocks),
            "patterns": sum(len(b.patterns) for b in self.blocks),
            "synsets": len(self.synsets),
            "nominal": sum(len(v) for v in self._nominal.values()),
            "multiword": sum(len(v) for v in self._multi.values()),
        }

    def has_verb(self, lemma: str) -> bool:
        return lemma.lower() in self._verbs

    def match(self, doc_or_tokens: Any, verb_token: Any) -> list[LexMatch]:
        """Codes for the verb at ``verb_token`` (a spaCy Token, or an index into a token list)."""
        toks, wanted, off, v, start, end, token = self._window(doc_or_tokens, verb_token)
        verb = toks[v]
        # the window's words that patterns ask for: enough to tell which patterns may match
        present = frozenset().union(*[w for w in wanted[start:end] if w])
        dep = _dep_slots(token)
        found: list[tuple[tuple[int, ...], LexMatch]] = []
        hits: dict[int, list[tuple[PatternEntry, int, list[tuple[str, int]]]]] = {}  # by block, for its verbs
        tried: dict[int, list[tuple[str, int]] | None] = {}  # by pattern: blocks share patterns ("* +")
        for entry, block, form, text in self._entries(verb):
            span = [v] if not entry.before and not entry.after else _verb_span(entry, toks, v)
            if span is None:
                continue
            trigger = tuple(i + off for i in span)
            matched = hits.get(id(block))
            if matched is None:
                matched = hits[id(block)] = self._block_patterns(block, toks, v, start, end, present, tried)
            for p, spec, roles in matched:
                found.append(
                    (
                        (1, spec, form),
                        LexMatch(p.code, p.reverse, "pattern", p.pattern.text(), min(0.95, 0.65 + 0.07 * spec),
                                 trigger, tuple([(r, i + off) for r, i in roles] + dep), block.name, block.source),
                    )
                )
            if text is not None:
                found.append(
                    ((0, len(span), form), LexMatch(entry.code, entry.reverse, "verb", text, 0.55, trigger, tuple(dep),
                                              block.name, block.source))
                )
        found.extend(((2, len(m.trigger), 0), m) for m in self._multiword(toks, off, v, dep))
        found.sort(key=lambda f: f[0], reverse=True)
        return _dedupe(m for _, m in found)

    def _entries(self, verb: Tok) -> tuple[tuple[VerbEntry, VerbBlock, int, str | None], ...]:
        """The verb entries for a word (by its lemma, then by its form, each once), with whether the entry was
        written for this very form ("left") rather than the lemma ("leave"), which ranks it first, and the text
        of its own code's match (None when the verb alone codes nothing)."""
        key = (verb.lemma, verb.text)
        known = self._by_word.get(key)
        if known is None:
            if len(self._by_word) > ENTRIES_MAX:
                self._by_word.clear()
            out = []
            seen: set[int] = set()
            for entry, block in self._verbs.get(verb.lemma, []) + self._verbs.get(verb.text, []):
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                text = (" ".join((*entry.before, entry.lemma, *entry.after))
                        if entry.code is not None or entry.reverse is not None else None)
                out.append((entry, block, int(entry.lemma == verb.text != verb.lemma), text))
            known = self._by_word[key] = tuple(out)
        return known

    def _block_patterns(self, block: VerbBlock, toks: Sequence[Tok], v: int, start: int, end: int,
                        present: frozenset[str], tried: dict[int, list[tuple[str, int]] | None]
                        ) -> list[tuple[PatternEntry, int, list[tuple[str, int]]]]:
        """The block's patterns that match at ``v``, in the block's order, with their specificity and the
        slots they fill (positions in ``toks``). ``tried``: the slots of each pattern matched so far at ``v``
        (None: no match), by the pattern's number in ``_pattern_ids``."""
        words, prepared = self._prepared[id(block)]
        key = (id(block), present & words)
        candidates = self._candidates.get(key)
        if candidates is None:
            if len(self._candidates) > CANDIDATES_MAX:
                self._candidates.clear()
            held = key[1]
            # a pattern can match only if the window holds its every word and a first word of each of its sets
            candidates = self._candidates[key] = tuple(
                (p, self._pattern_ids[p.pattern], p.pattern.specificity) for p, required, firsts in prepared
                if required <= held and not any(f.isdisjoint(held) for f in firsts))
        out = []
        for p, pid, specificity in candidates:
            if pid in tried:
                roles = tried[pid]
            else:
                slots = match_pattern(p.pattern, toks, v, self._compiled, start=start, end=end)
                roles = tried[pid] = None if slots is None else [
                    (r, i) for r, i in slots.items() if r in ("source", "target", "compound")]
            if roles is not None:
                out.append((p, specificity, roles))
        return out

    def match_multiword(self, doc_or_tokens: Any, token: Any) -> list[LexMatch]:
        toks, _, off, v, _, _, tok = self._window(doc_or_tokens, token)
        return self._multiword(toks, off, v, _dep_slots(tok))

    def _multiword(self, toks: Sequence[Tok], off: int, v: int, dep: list[tuple[str, int]]) -> list[LexMatch]:
        out = []
        held: frozenset[str] | None = None  # every word some token of the sentence would match
        for key in dict.fromkeys((toks[v].lemma, toks[v].text)):
            for m in self._multi.get(key, []):
                if held is None:
                    held = frozenset().union(*[t.keys for t in toks])
                if not self._multi_words[id(m)] <= held:
                    continue  # a word of the expression is nowhere in the sentence
                hit = m.match(toks, v)
                if hit is not None:
                    idx, code = hit
                    out.append(LexMatch(code, m.reverse, "multiword", m.phrase, 0.85, tuple(i + off for i in idx),
                                        tuple(dep), "", m.source))
        return out

    def match_nominal(self, token: Any) -> list[LexMatch]:
        """Codes for an event noun (talks, summit, sanctions, airstrike ...) given as a spaCy token."""
        entries = self._nominal.get(token.lemma_.lower(), []) or self._nominal.get(token.lower_, [])
        out = []
        skip = frozenset(m for e in entries for m in e.modifiers)
        for n in sorted(entries, key=lambda e: -len(e.modifiers)):
            hit = n.match(token, skip)
            if hit is not None:
                trigger, slots = hit
                conf = 0.7 if n.modifiers else 0.6
                out.append(LexMatch(n.code, n.reverse, "nominal", n.lemma, conf, trigger, slots, "", n.source))
        return _dedupe(out)

    def nominal_lemmas(self) -> frozenset[str]:
        return frozenset(self._nominal)


def _verb_span(entry: VerbEntry, toks: Sequence[Tok], v: int) -> list[int] | None:
    """Token positions of a (multiword) verb entry anchored at ``v``, or None if it is not there."""
    span = [v]
    for k, word in enumerate(reversed(entry.before)):
        i = v - 1 - k
        if i < 0 or not word_matches(word, False, toks[i]):
            return None
        span.insert(0, i)
    pos = v
    for k, word in enumerate(entry.after):
        reach = PARTICLE_REACH if k == 0 else 1
        i = next((j for j in range(pos + 1, min(len(toks), pos + 1 + reach)) if word_matches(word, True, toks[j])), -1)
        if i < 0:
            return None
        span.append(i)
        pos = i
    return span


def _dedupe(matches: Iterable[LexMatch]) -> list[LexMatch]:
    seen: set[tuple[str | None, str | None, str]] = set()
    out = []
    for m in matches:
        key = (m.code, m.reverse, m.pattern)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _packaged(name: str) -> Path:
    return Path(str(resources.files("allegiance") / "data" / "lexicon" / name))


def load_lexicon(paths: Sequence[Path | str] | None = None) -> Lexicon:
    """The packaged lexicon, or one built from the files given (project YAML or PETRARCH format)."""
    if paths is None:
        return _default()
    return _build(tuple(Path(p) for p in paths))


@functools.lru_cache(maxsize=1)
def load_judgements() -> Judgements:
    """The packaged judgements of naming verbs (``data/lexicon/judgements.yaml``)."""
    return read_judgements(_packaged("judgements.yaml"))


@functools.lru_cache(maxsize=1)
def _default() -> Lexicon:
    return _build((_packaged("verbs.yaml"), _packaged("nominal.yaml"), _packaged("multiword.yaml")))


def _build(paths: tuple[Path, ...]) -> Lexicon:
    blocks: list[VerbBlock] = []
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    nominal: list[NominalEntry] = []
    multiword: list[MultiwordEntry] = []
    for path in paths:
        if path.suffix not in (".yaml", ".yml"):
            d = read_petrarch(path)
        else:
            data = load_yaml(path)
            if data["format"] == NOMINAL_FORMAT:
                nominal.extend(read_nominal(path, data))
                continue
            if data["format"] == MULTIWORD_FORMAT:
                multiword.extend(read_multiword(path, data))
                continue
            d = read_project(path, data)
        blocks.extend(d.blocks)
        synsets.update(d.synsets)
    return Lexicon(blocks, synsets, nominal, multiword)
