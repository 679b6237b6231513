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
from typing import Any, Literal

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


class _Folder:
    """``text.translate(table)`` for a table of single characters, by a regular expression that finds
    the few characters to replace: ``str.translate`` looks up every character of the text in the table,
    which cost more than all the cleaning rules' searches."""

    def __init__(self, table: dict[int, str]):
        self._table = {chr(code): value for code, value in table.items()}
        self._chars = re.compile("[" + "".join(map(re.escape, self._table)) + "]")
        self._ascii_kept = all(ord(char) > 127 for char in self._table)

    def __call__(self, text: str) -> str:
        if self._ascii_kept and text.isascii():
            return text
        return self._chars.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        return self._table[match[0]]


_fold = _Folder(_FOLD)
_fold_accents = _Folder(_FOLD_ACCENTS)


def fold(text: str) -> str:
    """Same length as ``text``: curly quotes, dash variants and odd spaces made plain."""
    return _fold(text)


class _Folds(dict):
    """``fold`` of each line, computed once per article: the rules run again until the text stops
    changing."""

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
    steps, head_rules = _default_plan() if rules is None else _plan(rules)
    current = normalise_whitespace(text)
    removals: list[Removal] = []
    head: list[str] = []
    meta: dict[str, str] = {}
    folds = _Folds()
    # What each step found in each line, kept for the next pass over the same lines.
    seen: list[dict[str, Any]] = [{} for _ in steps]
    title_key = _key(title) if title else None
    while True:
        lines = current.split("\n")
        for step, memo in zip(steps, seen):
            lines = _apply(step, lines, removals, folds, memo)
        lines = _cut_head(head_rules, title_key, lines, removals, head, meta, folds)
        result = normalise_whitespace("\n".join(lines))
        if result == current:
            return Cleaned(result, tuple(removals), tuple(head), meta.get("author"), meta.get("publisher"))
        current = result


def _cut_head(
    rules: tuple[Rule, ...], title_key: str | None, lines: list[str], removals: list[Removal], head: list[str],
    meta: dict[str, str], folds: _Folds,
) -> list[str]:
    lines = list(lines)
    while True:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            return lines
        line = lines[first].strip()
        if title_key is not None and _key(line) == title_key:
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


@functools.cache
def _default_plan() -> tuple[tuple[tuple[Rule, ...], ...], tuple[Rule, ...]]:
    return _plan(_default_rules())


def _plan(rules: tuple[Rule, ...]) -> tuple[tuple[tuple[Rule, ...], ...], tuple[Rule, ...]]:
    """The body rules in order as steps, each run of ``line`` rules one step (one walk over the
    lines), and the head rules."""
    steps: list[list[Rule]] = []
    for rule in rules:
        if rule.kind == "head":
            continue
        if rule.kind == "line" and steps and steps[-1][0].kind == "line":
            steps[-1].append(rule)
        else:
            steps.append([rule])
    return tuple(map(tuple, steps)), tuple(r for r in rules if r.kind == "head")


def _apply(step: tuple[Rule, ...], lines: list[str], removals: list[Removal], folds: _Folds,
           memo: dict[str, Any]) -> list[str]:
    rule = step[0]
    if rule.kind == "line":
        return _remove_lines(step, lines, removals, folds, memo)
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
    return _collapse_repeats(rule.name, lines, removals, memo)


def _remove_lines(rules: tuple[Rule, ...], lines: list[str], removals: list[Removal], folds: _Folds,
                  memo: dict[str, int]) -> list[str]:
    """Each rule of ``rules`` in turn removes every line it matches: a line goes to the first rule that
    matches it, and the removals are listed rule by rule, each rule's in line order."""
    removed: list[list[str]] = [[] for _ in rules]
    kept = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        first = memo.get(stripped)
        if first is None:
            first = memo[stripped] = _first_match(rules, folds[stripped])
        if first < 0:
            kept.append(line)
        else:
            removed[first].append(stripped)
    for rule, texts in zip(rules, removed):
        removals.extend(Removal(rule.name, text) for text in texts)
    return kept


def _first_match(rules: tuple[Rule, ...], line: str) -> int:
    for k, rule in enumerate(rules):
        assert rule.pattern is not None
        if rule.pattern.search(line):
            return k
    return -1


def _key(line: str) -> str:
    return _folded_key(_fold_caption(line))


def _folded_key(folded: str) -> str:
    """``_key`` of a line already folded by ``_fold_caption``."""
    return " ".join(folded.casefold().split())


def _fold_caption(text: str) -> str:
    return _fold_accents(fold(text))


def _collapse_repeats(name: str, lines: list[str], removals: list[Removal],
                      memo: dict[str, tuple[str | None, str, str]]) -> list[str]:
    kept: list[str] = []
    previous: str | None = None  # key of the last non-blank line kept
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        found = memo.get(stripped)
        if found is None:
            found = memo[stripped] = _caption_copies(stripped)
        rest, first, key = found
        if rest is not None:
            removals.append(Removal(name, rest))
            stripped = line = first
        if key == previous:
            removals.append(Removal(name, stripped))
            continue
        previous = key
        kept.append(line)
    return kept


def _caption_copies(line: str) -> tuple[str | None, str, str]:
    """(the copies after the first when ``line`` is 2–3 copies of one caption, else None; the line
    without them; its ``_key``)."""
    folded = _fold_caption(line)
    if len(line) <= _MAX_REPEAT_LINE:
        caption = " ".join(folded.split())
        # A copy of the caption (16 characters or more) starts again after its first 16 characters;
        # most lines fail this, and the back-reference search is slow.
        if caption.find(caption[:16], 16) >= 0:
            match = _REPEATED_IN_LINE.match(caption)
            if match and len(match.group("unit").split()) >= 3:
                first, rest = _split_at(line, len(match.group("unit")))
                return rest, first, _key(first)
    return None, line, _folded_key(folded)


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
