"""Where an article's body starts: its headings (headline, byline, captions, teasers) and its lead.

News pages put lines around the story that are not sentences of it: a headline and a standfirst
summarising the lead, bylines and time stamps, image captions repeated down the page, "READ MORE:"
teasers. None ends with a full stop. A heading says again what the body tells (and dates nothing), so
the coder dates what a heading reports by the lead and counts it once with the body's telling
(``collapse``). The lead is the first paragraph written as prose: a line of some length ending with a
stop. Lines that cleaning removes at ingest (``ingest.clean``'s line rules: teasers for other stories,
share and sign-up lines) are not the story's either, when the text was not cleaned (``extract``).
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from typing import Any

from allegiance.parse import INNER_STOP, SHORT_LINE

LEAD_MIN_WORDS = 8  # a line ending with a stop but shorter ("($1 = 0.93 euros)") is no lead
# A sentence's end at the end of a line: a stop, maybe inside a closing quote or bracket. Not a colon:
# "DON'T MISS:" heads a list of teasers.
_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Layout:
    lead: tuple[int, int] | None  # character range of the lead paragraph
    headings: list[tuple[int, int]]  # character ranges of the heading lines, in order

    def is_heading(self, offset: int) -> bool:
        """Whether the character at ``offset`` lies in a heading: a line before the lead, or a short line
        without a stop anywhere in a text that has a lead."""
        return self.lead is not None and any(start <= offset < end for start, end in self.headings)


def layout(text: str) -> Layout:
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    lead = next(((s, e) for s, e in lines if is_prose(text[s:e])), None)
    if lead is None:
        return Layout(None, [])
    headings = [(s, e) for s, e in lines if s < lead[0] or (s > lead[0] and is_heading_line(text[s:e]))]
    return Layout(lead, headings)


def is_prose(line: str) -> bool:
    line = line.strip()
    return _STOP.search(line) is not None and len(_WORD.findall(line)) >= LEAD_MIN_WORDS


def is_heading_line(line: str) -> bool:
    """"Putin meets Tokayev in Astana", "Modi and Putin at the Kremlin (Image: Getty)", "By Moscow Bureau"."""
    line = line.strip()
    return _STOP.search(line) is None and INNER_STOP.search(line) is None and len(_WORD.findall(line)) <= SHORT_LINE


def line_at(text: str, offset: int) -> str:
    """The line of ``text`` that holds the character at ``offset``."""
    end = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1:end if end >= 0 else len(text)]


def boilerplate(line: str) -> bool:
    """A line ingest's cleaning removes wherever it stands ("READ MORE: ...", "Kremlin braces for a new
    round [ANALYSIS]")."""
    from allegiance.ingest.clean import fold

    line = fold(line.strip())
    return bool(line) and any(rule.search(line) for rule, marks in _line_rules()
                              if not marks or all(m in line for m in marks))


@functools.cache
def _line_rules() -> tuple[tuple[Any, tuple[str, ...]], ...]:
    """The rules, each with the marks every match of it holds: "[ANALYSIS]" at a line's end is looked for
    through the whole line, which most lines show at once cannot hold (no "[")."""
    from allegiance.ingest.clean import load_rules

    return tuple((r.pattern, tuple(sorted(required_marks(r.pattern)))) for r in load_rules()
                 if r.kind == "line" and r.pattern is not None)


def required_marks(pattern: "re.Pattern[str]") -> frozenset[str]:
    """ASCII punctuation marks that every match of ``pattern`` contains (some, not always all of them). Marks
    have no case, so ``re.I`` matches them only as they are."""
    from re import _parser  # type: ignore[attr-defined]

    def needed(items: Any) -> set[str]:
        out: set[str] = set()
        for op, av in items:
            if op is _parser.LITERAL and chr(av) in _MARKS:
                out.add(chr(av))
            elif op is _parser.SUBPATTERN:
                out |= needed(av[-1])
            elif op is _parser.BRANCH:
                out |= set.intersection(*[needed(branch) for branch in av[1]])
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and av[0] >= 1:
                out |= needed(av[2])
        return out

    return frozenset(needed(_parser.parse(pattern.pattern, pattern.flags)))


_MARKS = frozenset(string.punctuation)
