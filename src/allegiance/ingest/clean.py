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
from dataclasses import dataclass
from typing import Any

from allegiance.ingest.cleaning_rules import Rule, default_rules, load_rules
from allegiance.ingest.folding import Folds, fold, fold_accents
from allegiance.models import Removal

_MAX_REPEAT_LINE = 2000  # the back-reference search is quadratic; captions are far shorter
_REPEATED_IN_LINE = re.compile(r"^\s*(?P<unit>\S.{15,}?)(?:\s*(?P=unit)){1,2}\s*$")


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
    folds = Folds()
    # What each step found in each line, kept for the next pass over the same lines.
    seen: list[dict[str, Any]] = [{} for _ in steps]
    title_key = line_key(title) if title else None
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
    meta: dict[str, str], folds: Folds,
) -> list[str]:
    lines = list(lines)
    while True:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            return lines
        line = lines[first].strip()
        if title_key is not None and line_key(line) == title_key:
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
    return _plan(default_rules())


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


def _apply(step: tuple[Rule, ...], lines: list[str], removals: list[Removal], folds: Folds,
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


def _remove_lines(rules: tuple[Rule, ...], lines: list[str], removals: list[Removal], folds: Folds,
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


def line_key(line: str) -> str:
    """What two lines a reader takes for the same share: case, spacing, quotes, dashes and accents folded
    (a first line repeating the title, a caption repeated; ``coding.headline`` asks it too)."""
    return _folded_key(_fold_caption(line))


def _folded_key(folded: str) -> str:
    """``line_key`` of a line already folded by ``_fold_caption``."""
    return " ".join(folded.casefold().split())


def _fold_caption(text: str) -> str:
    return fold_accents(fold(text))


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
    without them; its ``line_key``)."""
    folded = _fold_caption(line)
    if len(line) <= _MAX_REPEAT_LINE:
        caption = " ".join(folded.split())
        # A copy of the caption (16 characters or more) starts again after its first 16 characters;
        # most lines fail this, and the back-reference search is slow.
        if caption.find(caption[:16], 16) >= 0:
            match = _REPEATED_IN_LINE.match(caption)
            if match and len(match.group("unit").split()) >= 3:
                first, rest = _split_at(line, len(match.group("unit")))
                return rest, first, line_key(first)
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
