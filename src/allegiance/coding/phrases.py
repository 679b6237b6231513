"""Nominal event triggers ("talks", "sanctions", "airstrike"), multiword expressions ("turned down") and the
judgements a naming verb pronounces ("called the veto 'an act of self-harm'").

Files: ``data/lexicon/nominal.yaml`` (format ``allegiance-nominal/1``),
``data/lexicon/multiword.yaml`` (format ``allegiance-multiword/1``) and ``data/lexicon/judgements.yaml``
(format ``allegiance-judgements/1``), described in ``docs/lexicon.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from allegiance.coding.patterns import Tok, word_matches
from allegiance.errors import DataFileError

NOMINAL_FORMAT = "allegiance-nominal/1"
MULTIWORD_FORMAT = "allegiance-multiword/1"
JUDGEMENT_FORMAT = "allegiance-judgements/1"
ROLES = frozenset({"source", "target", "both", "place"})
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def load_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read lexicon file: {exc}", input=str(path)) from exc
    if not isinstance(data, dict) or "format" not in data:
        raise DataFileError("no 'format' key", input=str(path), hint="see docs/lexicon.md")
    return data


def _key(key: Any) -> str:
    # YAML 1.1 reads an unquoted "on" / "off" key as a boolean
    return {True: "on", False: "off"}[key] if isinstance(key, bool) else str(key)


def _code(value: Any, where: str, path: Path) -> str:
    if not (isinstance(value, str) and value.isdigit() and 2 <= len(value) <= 4):
        raise DataFileError(f"{where}: code {value!r} is not a CAMEO code", input=str(path), hint='quote it: "042"')
    return value


@dataclass(frozen=True)
class NominalEntry:
    lemma: str
    code: str
    modifiers: tuple[str, ...] = ()  # when set, the noun needs one of these as a modifier ("air" strike)
    roles: tuple[tuple[str, str], ...] = ()  # dependency or preposition → source|target|both|place
    reciprocal: bool = False  # "talks between X and Y" is an event both ways
    source: str = "project"
    reverse: str | None = None  # the target's mirror act: a visit to X is X hosting the visitor (043)

    def match(
        self, token: Any, skip: frozenset[str] = frozenset()
    ) -> tuple[tuple[int, ...], tuple[tuple[str, int], ...]] | None:
        """Trigger tokens and actor slots; ``skip``: modifier words that qualify the noun, not actors."""
        trigger = [token.i]
        if self.modifiers:
            mods = [c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.lemma_.lower() in self.modifiers]
            glued = any(token.lower_.startswith(m) and token.lower_ != m for m in self.modifiers)
            if not mods and not glued:
                return None
            trigger = sorted(trigger + [m.i for m in mods])
        roles = dict(self.roles)
        slots: list[tuple[str, int]] = []
        for child in token.children:
            if child.dep_ == "poss" and "poss" in roles:
                slots.append((roles["poss"], child.i))
            elif child.dep_ in _MODIFIER_DEPS and child.pos_ in ("PROPN", "ADJ") and "modifier" in roles:
                if child.i not in trigger and child.lemma_.lower() not in skip:
                    slots.append((roles["modifier"], child.i))
            elif child.dep_ == "prep" and child.lower_ in roles:
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    slots.append((roles[child.lower_], obj.i))
                    slots.extend((roles[child.lower_], c.i) for c in obj.conjuncts)
        return tuple(trigger), tuple(slots)


@dataclass(frozen=True)
class MultiwordEntry:
    phrase: str
    words: tuple[str, ...]  # in order; a trailing "_" keeps a word exact
    anchor: int  # which word the matcher is called on
    code: str
    reverse: str | None = None
    max_gap: int = 3  # words allowed between consecutive words of the phrase
    objects: tuple[tuple[str, str], ...] = ()  # the next noun's lemma → a more specific code
    source: str = "project"

    def match(self, toks: Sequence[Tok], v: int) -> tuple[tuple[int, ...], str] | None:
        if not self._at(self.words[self.anchor], toks[v]):
            return None
        idx = [v]
        pos = v
        for word in self.words[self.anchor + 1 :]:
            nxt = next((j for j in range(pos + 1, min(len(toks), pos + 2 + self.max_gap)) if self._at(word, toks[j])), -1)
            if nxt < 0:
                return None
            idx.append(nxt)
            pos = nxt
        pos = v
        for word in reversed(self.words[: self.anchor]):
            prv = next((j for j in range(pos - 1, max(-1, pos - 2 - self.max_gap), -1) if self._at(word, toks[j])), -1)
            if prv < 0:
                return None
            idx.insert(0, prv)
            pos = prv
        code = self.code
        if self.objects:
            objects = dict(self.objects)
            noun = next((t for t in toks[idx[-1] + 1 : idx[-1] + 6] if t.pos in ("NOUN", "PROPN")), None)
            if noun is not None and noun.lemma in objects:
                code = objects[noun.lemma]
        return tuple(idx), code

    @staticmethod
    def _at(word: str, tok: Tok) -> bool:
        return word_matches(word.rstrip("_"), word.endswith("_"), tok)


def read_nominal(path: Path, data: dict[str, Any] | None = None) -> list[NominalEntry]:
    data = data if data is not None else load_yaml(path)
    if data.get("format") != NOMINAL_FORMAT:
        raise DataFileError(f"not a {NOMINAL_FORMAT} file", input=str(path))
    out = []
    for n, e in enumerate(data.get("entries") or []):
        where = f"entry {n} ({e.get('lemma') if isinstance(e, dict) else e!r})"
        try:
            roles = tuple((_key(k), str(v)) for k, v in (e.get("roles") or {}).items())
            bad = [v for _, v in roles if v not in ROLES]
            if bad:
                raise DataFileError(f"{where}: unknown role {bad[0]!r}", input=str(path), hint=f"one of {sorted(ROLES)}")
            out.append(
                NominalEntry(
                    lemma=str(e["lemma"]).lower(),
                    code=_code(e.get("code"), where, path),
                    modifiers=tuple(str(m).lower() for m in e.get("modifiers", ())),
                    roles=roles,
                    reciprocal=bool(e.get("reciprocal", False)),
                    source=str(e.get("source", "project")),
                    reverse=_code(e["reverse"], where, path) if e.get("reverse") is not None else None,
                )
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"{where}: {exc}", input=str(path), hint="see docs/lexicon.md") from exc
    return out


def read_multiword(path: Path, data: dict[str, Any] | None = None) -> list[MultiwordEntry]:
    data = data if data is not None else load_yaml(path)
    if data.get("format") != MULTIWORD_FORMAT:
        raise DataFileError(f"not a {MULTIWORD_FORMAT} file", input=str(path))
    out = []
    for n, e in enumerate(data.get("entries") or []):
        where = f"entry {n} ({e.get('phrase') if isinstance(e, dict) else e!r})"
        try:
            words = tuple(_key(w).lower() for w in e["words"])
            anchor = int(e.get("anchor", 0))
            if not words or not 0 <= anchor < len(words):
                raise DataFileError(f"{where}: anchor {anchor} outside words", input=str(path))
            objects = tuple((str(k), _code(v, where, path)) for k, v in (e.get("objects") or {}).items())
            rev = e.get("reverse")
            out.append(
                MultiwordEntry(
                    phrase=str(e["phrase"]),
                    words=words,
                    anchor=anchor,
                    code=_code(e.get("code"), where, path),
                    reverse=_code(rev, where, path) if rev is not None else None,
                    max_gap=int(e.get("max_gap", 3)),
                    objects=objects,
                    source=str(e.get("source", "project")),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{where}: {exc}", input=str(path), hint="see docs/lexicon.md") from exc
    return out


@dataclass(frozen=True)
class Judgements:
    """Naming verbs and the words that make the name they give praise or criticism."""

    verbs: frozenset[str]
    codes: tuple[tuple[str, frozenset[str]], ...]  # (CAMEO code, words)
    speech: frozenset[str] = frozenset()  # verbs of saying whose verdict clause judges ("said X was a reliable partner")
    relations: frozenset[str] = frozenset()  # objects that are the relations themselves ("ties")
    relations_code: tuple[tuple[str, str], ...] = ()  # a judgement's code → its code when said of relations

    def code_of(self, words: Iterable[str], of_relations: bool = False) -> str | None:
        """The one code whose words the name uses; None for none or for words of two codes."""
        present = frozenset(words)
        found = {code for code, ws in self.codes if not ws.isdisjoint(present)}
        if len(found) != 1:
            return None
        code = found.pop()
        return dict(self.relations_code).get(code, code) if of_relations else code


def read_judgements(path: Path, data: dict[str, Any] | None = None) -> Judgements:
    data = data if data is not None else load_yaml(path)
    if data.get("format") != JUDGEMENT_FORMAT:
        raise DataFileError(f"not a {JUDGEMENT_FORMAT} file", input=str(path))
    verbs, codes = data.get("verbs"), data.get("codes")
    if not isinstance(verbs, list) or not isinstance(codes, dict) or not codes:
        raise DataFileError("needs a list 'verbs' and a mapping 'codes'", input=str(path), hint="see docs/lexicon.md")
    out = []
    for key, words in codes.items():
        code = _code(key, f"code {key!r}", path)
        if not isinstance(words, list) or not words:
            raise DataFileError(f"code {code}: no word list", input=str(path))
        out.append((code, frozenset(_key(w).lower() for w in words)))
    turned = data.get("relations_code") or {}
    if not isinstance(turned, dict):
        raise DataFileError("'relations_code' must map a code to a code", input=str(path))
    return Judgements(frozenset(str(v).lower() for v in verbs), tuple(out),
                      frozenset(str(v).lower() for v in data.get("speech_verbs") or ()),
                      frozenset(str(w).lower() for w in data.get("relations") or ()),
                      tuple((_code(k, "relations_code", path), _code(v, "relations_code", path)) for k, v in turned.items()))
