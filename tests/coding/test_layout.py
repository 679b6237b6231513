"""Headings and lead: which lines of an article sum it up, caption it or point elsewhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.coding.layout import boilerplate, is_heading_line, layout, line_at

PAGE = ("Tokayev and Xi pledge closer ties\n\nBy Steppe Desk\nPUBLISHED: 09:10, Fri, Oct 14, 2022\n\n"
        "ASTANA, Oct 14 (Reuters) - Kazakh President Kassym-Jomart Tokayev received Chinese President Xi Jinping "
        "in Astana on Friday.\n\nTokayev and Xi at the Akorda (Image: Getty)\n\n"
        "The two leaders signed a statement on trade.\n")


def texts(ranges: list[tuple[int, int]]) -> list[str]:
    return [PAGE[a:b] for a, b in ranges]


def test_lines_before_the_lead_and_short_lines_without_a_stop_are_headings() -> None:
    page = layout(PAGE)
    assert page.lead is not None and PAGE[page.lead[0]:page.lead[1]].startswith("ASTANA, Oct 14")
    assert texts(page.headings) == ["Tokayev and Xi pledge closer ties", "By Steppe Desk",
                                    "PUBLISHED: 09:10, Fri, Oct 14, 2022",
                                    "Tokayev and Xi at the Akorda (Image: Getty)"]
    assert page.is_heading(PAGE.index("pledge")) and page.is_heading(PAGE.index("Akorda"))
    assert not page.is_heading(PAGE.index("received")) and not page.is_heading(PAGE.index("signed"))


def test_a_text_with_no_prose_line_has_no_headings() -> None:
    page = layout("Putin meets Erdogan in Sochi\n\nTalks on grain")
    assert page.lead is None and not page.is_heading(0)


def test_a_line_ending_with_a_stop_or_too_long_is_no_heading() -> None:
    assert is_heading_line("Russia and Estonia expel each other's envoys")
    assert not is_heading_line("Russia expelled Estonia's ambassador on Monday.")
    assert not is_heading_line('"We will answer," Peskov said."')
    assert not is_heading_line(" ".join(["word"] * 60))
    assert not is_heading_line("Russia expelled Estonia's ambassador. Tallinn answered in kind")


def test_teasers_for_other_stories_are_boilerplate() -> None:
    assert boilerplate("READ MORE: Lukashenko flies to Sochi for talks with Putin")
    assert boilerplate("Kremlin braces for a new sanctions round [ANALYSIS]")
    assert not boilerplate("Lukashenko flew to Sochi for talks with Putin on Monday.")
    assert not boilerplate("")


@given(st.lists(st.text(alphabet="ab .", max_size=12), min_size=1, max_size=6), st.data())
def test_line_at_gives_the_whole_line_holding_an_offset(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines)
    offset = data.draw(st.integers(0, max(len(text) - 1, 0)))
    line = line_at(text, offset)
    assert "\n" not in line and line in lines
    start = text.rfind("\n", 0, offset) + 1
    assert text[start:start + len(line)] == line


_LINE_PARTS = ["READ MORE:", "Kremlin", "braces", "[ANALYSIS]", "[VIDEO]", "[", "]", "analysis", "-", ">>", "share",
               "this article", "on Facebook", "subscribe", "to our newsletter", "—", "***", ">", ".", "said", "'"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_LINE_PARTS), max_size=8).map(" ".join))
def test_a_rule_skipped_for_a_missing_mark_would_not_have_matched(line: str) -> None:
    from allegiance.coding.layout import _line_rules
    from allegiance.ingest.clean import fold

    folded = fold(line.strip())
    assert boilerplate(line) == (bool(folded) and any(rule.search(folded) for rule, _ in _line_rules()))
    for rule, marks in _line_rules():
        if rule.search(folded):
            assert all(m in folded for m in marks), (rule.pattern, line)


def test_required_marks_are_those_every_branch_holds() -> None:
    import re

    from allegiance.coding.layout import required_marks

    assert required_marks(re.compile(r"^(?:\[(?:A|B)\] x|y \[(?:A|B)\]$)")) == {"[", "]"}
    assert required_marks(re.compile(r"(?i)^read more\s*(?::|-)")) == set()
    assert required_marks(re.compile(r"a(?:, b)?:")) == {":"}
    assert required_marks(re.compile(r"(?:x;)+|(?:y;){2}")) == {";"}
