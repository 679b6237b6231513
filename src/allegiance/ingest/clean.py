"""Verb ``clean``: remove what is not the story, and say what was removed.

The rules are data (``allegiance/data/cleaning/patterns.yaml``), validated at load. Three kinds:

- ``line``: a whole line matching ``pattern`` is removed wherever it occurs;
- ``tail``: the last line is removed while it matches ``pattern`` (author biographies, credits);
- ``repeat``: a line that repeats the line before it (ignoring case, whitespace, straight versus
  curly quotes and dash variants) is dropped, and a line made of 2–3 copies of one caption keeps one;
- ``head``: at the top of the article, the part of the first line that ``pattern`` matches from its
  start is removed (the whole line for bylines and date labels, the prefix for wire datelines such as
  "ASTANA, Oct 14 (Steppe Wire) -"), so publisher and author names are never read as actors. Named
  groups ``author`` and ``publisher`` in the pattern become metadata.

Cleaning runs to a fixed point, so ``clean(clean(x)) == clean(x)``: removing a line can make two
captions adjacent, and the next pass collapses them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from allegiance.errors import DataFileError
from allegiance.models import Removal

Kind = Literal["line", "tail", "repeat", "head"]
_KINDS = ("line", "tail", "repeat", "head")
_HEAD_GROUPS = {"author", "publisher"}
# One character in, one character out, so positions in the folded text are positions in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
# Captions are compared without accents too ("Erdogan" and "Erdoğan" copies): precomposed Latin
# letters map to their base letter, still one character for one.
_FOLD_ACCENTS = str.maketrans(
    {
        c: unicodedata.normalize("NFD", c)[0]
        for c in map(chr, range(0xC0, 0x250))
        if len(unicodedata.normalize("NFD", c)) > 1 and unicodedata.normalize("NFD", c)[0].isascii()
    }
)
_MAX_REPEAT_LINE = 2000  # the back-reference search is quadratic; captions are far shorter
_REPEATED_IN_LINE = re.compile(r"^\s*(?P<unit>\S.{15,}?)(?:\s*(?P=unit)){1,2}\s*$")


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    kind: Kind
    pattern: re.Pattern[str] | None
    removes: tuple[str, ...]
    keeps: tuple[str, ...]


def default_patterns_path() -> Path:
    return Path(str(resources.files("allegiance").joinpath("data/cleaning/patterns.yaml")))


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Read and validate a patterns file; a bad entry raises DataFileError naming it."""
    path = Path(path) if path is not None else default_patterns_path()
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read cleaning rules: {exc}", input=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise DataFileError("expected a mapping with a non-empty `rules:` list", input=str(path))
    rules: list[Rule] = []
    for index, entry in enumerate(data["rules"]):
        rules.append(_rule(entry, f"{path} rule {index + 1}"))
    names = [r.name for r in rules]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise DataFileError(f"rule names used twice: {duplicated}", input=str(path))
    return tuple(rules)


def _rule(entry: object, where: str) -> Rule:
    if not isinstance(entry, dict):
        raise DataFileError("a rule must be a mapping", input=where)
    unknown = set(entry) - {"name", "description", "kind", "pattern", "removes", "keeps"}
    if unknown:
        raise DataFileError(f"unknown keys {sorted(unknown)}", input=where)
    name, kind = entry.get("name"), entry.get("kind")
    if not isinstance(name, str) or not name:
        raise DataFileError("missing `name`", input=where)
    where = f"{where} ({name})"
    if kind not in _KINDS:
        raise DataFileError(f"`kind` must be one of {_KINDS}, got {kind!r}", input=where)
    if not isinstance(entry.get("description"), str):
        raise DataFileError("missing `description`", input=where)
    pattern = None
    if kind == "repeat":
        if "pattern" in entry:
            raise DataFileError("a `repeat` rule takes no `pattern`", input=where)
    else:
        try:
            pattern = re.compile(entry.get("pattern"))
        except (re.error, TypeError) as exc:
            raise DataFileError(f"bad `pattern`: {exc}", input=where) from exc
        groups = set(pattern.groupindex)
        if groups and (kind != "head" or not groups <= _HEAD_GROUPS):
            raise DataFileError(f"named groups {sorted(groups)}: only `head` rules may name author/publisher", input=where)
    examples: dict[str, tuple[str, ...]] = {}
    for key in ("removes", "keeps"):
        values = entry.get(key)
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise DataFileError(f"`{key}` must be a non-empty list of example texts", input=where)
        examples[key] = tuple(values)
    return Rule(name, entry["description"], kind, pattern, examples["removes"], examples["keeps"])


@functools.cache
def _default_rules() -> tuple[Rule, ...]:
    return load_rules()


def fold(text: str) -> str:
    """Same length as ``text``: curly quotes, dash variants and odd spaces made plain."""
    return text.translate(_FOLD)


class _Folds(dict):
    """``fold`` of each line, computed once per article: every line rule reads every line, and the
    rules run again until the text stops changing."""

    def __missing__(self, line: str) -> str:
        folded = self[line] = fold(line)
        return folded


def normalise_whitespace(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line in a row, no blank ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            line = ""
            if not out or out[-1] == "":
                continue
        out.append(line)
    return "\n".join(out).strip("\n")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...]
    head: tuple[str, ...]  # the top lines as they were before head rules cut them: bylines, datelines
    author: str | None = None
    publisher: str | None = None


def clean(text: str, rules: tuple[Rule, ...] | None = None) -> tuple[str, tuple[Removal, ...]]:
    """The story without boilerplate, and every removal in the order it was made."""
    cleaned = clean_article(text, rules=rules)
    return cleaned.text, cleaned.removed


def clean_article(text: str, *, title: str | None = None, rules: tuple[Rule, ...] | None = None) -> Cleaned:
    """``clean`` plus what the head rules took off the top: the original lines (for dating) and the
    author and publisher they name. A first line repeating ``title`` is removed too."""
    rules = _default_rules() if rules is None else rules
    body_rules = tuple(r for r in rules if r.kind != "head")
    head_rules = tuple(r for r in rules if r.kind == "head")
    current = normalise_whitespace(text)
    removals: list[Removal] = []
    head: list[str] = []
    meta: dict[str, str] = {}
    folds = _Folds()
    while True:
        lines = current.split("\n")
        for rule in body_rules:
            lines = _apply(rule, lines, removals, folds)
        lines = _cut_head(head_rules, title, lines, removals, head, meta, folds)
        result = normalise_whitespace("\n".join(lines))
        if result == current:
            return Cleaned(result, tuple(removals), tuple(head), meta.get("author"), meta.get("publisher"))
        current = result


def _cut_head(
    rules: tuple[Rule, ...], title: str | None, lines: list[str], removals: list[Removal], head: list[str],
    meta: dict[str, str], folds: _Folds,
) -> list[str]:
    lines = list(lines)
    while True:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            return lines
        line = lines[first].strip()
        if title and _key(line) == _key(title):
            removals.append(Removal("repeated-title", line))
            del lines[first]
            continue
        for rule in rules:
            assert rule.pattern is not None
            match = rule.pattern.match(folds[line])
            if match and match.end() > 0:
                break
        else:
            return lines
        removals.append(Removal(rule.name, line[: match.end()].strip()))
        head.append(line)
        for group, value in match.groupdict().items():
            if value and group not in meta:
                meta[group] = " ".join(line[match.start(group) : match.end(group)].split())
        rest = line[match.end() :].strip()
        if rest:
            lines[first] = rest
        else:
            del lines[first]


def _apply(rule: Rule, lines: list[str], removals: list[Removal], folds: _Folds) -> list[str]:
    if rule.kind == "line":
        assert rule.pattern is not None
        kept = []
        for line in lines:
            if line.strip() and rule.pattern.search(folds[line.strip()]):
                removals.append(Removal(rule.name, line.strip()))
            else:
                kept.append(line)
        return kept
    if rule.kind == "tail":
        assert rule.pattern is not None
        lines = list(lines)
        while lines:
            last = lines[-1].strip()
            if not last:
                lines.pop()
            elif rule.pattern.search(folds[last]):
                removals.append(Removal(rule.name, last))
                lines.pop()
            else:
                break
        return lines
    return _collapse_repeats(rule.name, lines, removals)


def _key(line: str) -> str:
    return " ".join(_fold_caption(line).casefold().split())


def _fold_caption(text: str) -> str:
    return fold(text).translate(_FOLD_ACCENTS)


def _collapse_repeats(name: str, lines: list[str], removals: list[Removal]) -> list[str]:
    kept: list[str] = []
    previous: str | None = None  # key of the last non-blank line kept
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        if len(stripped) <= _MAX_REPEAT_LINE:
            match = _REPEATED_IN_LINE.match(" ".join(_fold_caption(stripped).split()))
            if match and len(match.group("unit").split()) >= 3:
                first, rest = _split_at(stripped, len(match.group("unit")))
                removals.append(Removal(name, rest))
                stripped = line = first
        key = _key(stripped)
        if key == previous:
            removals.append(Removal(name, stripped))
            continue
        previous = key
        kept.append(line)
    return kept


def _split_at(text: str, chars: int) -> tuple[str, str]:
    """``text`` split after its first ``chars`` characters as counted with whitespace runs made one
    space (copies of a caption are often glued together with no space at all)."""
    count, in_space = 0, False
    for position, char in enumerate(text):
        if char.isspace():
            if not in_space:
                count += 1
            in_space = True
        else:
            count += 1
            in_space = False
        if count == chars:
            return text[: position + 1].strip(), text[position + 1 :].strip()
    return text, ""
