from __future__ import annotations

from types import SimpleNamespace

import pytest

from allegiance.coding.anchors import is_dateline


def _mention(text: str, start: int) -> SimpleNamespace:
    return SimpleNamespace(span=SimpleNamespace(start=start, end=start + len(text), text=text))


@pytest.mark.parametrize("text,place,expected", [
    ("DUSHANBE, Oct 10 (Reuters) - Rahmon said", "DUSHANBE", True),
    ("Headline\nASTANA (AP) — Tokayev met Putin", "ASTANA", True),
    ("Rahmon flew to DUSHANBE, then home", "DUSHANBE", False),  # not at a line start
    ("Dushanbe, Oct 10 - Rahmon said", "Dushanbe", False),  # not upper case
])
def test_only_an_upper_case_place_opening_a_line_before_a_comma_or_dash_is_a_dateline(
        text: str, place: str, expected: bool) -> None:
    assert is_dateline(text, _mention(place, text.index(place))) is expected
