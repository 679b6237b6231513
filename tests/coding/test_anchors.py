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


def test_every_place_of_a_dateline_is_no_actor_but_the_lead_after_it_is() -> None:
    text = "Xi meets Modi\n\nKAZAN, Russia, Oct 23 (Reuters) - Russia hosted Xi and Modi on Wednesday."
    first, second = text.index("Russia"), text.index("Russia", text.index("Russia") + 1)
    assert is_dateline(text, _mention("Russia", first)) and not is_dateline(text, _mention("Russia", second))
    wire = "TALLINN/RIGA, Jan 24 (Reuters) - Latvia followed Estonia."
    assert is_dateline(wire, _mention("RIGA", wire.index("RIGA")))
    assert not is_dateline(wire, _mention("Latvia", wire.index("Latvia")))


def test_people_away_from_home_are_not_placed_where_they_are(events_of) -> None:
    said = ", Tajikistan's embassy said."
    keys, _ = events_of("Police in the Moscow region detained more than 200 migrants on Wednesday" + said)
    assert ("RUS", "RUS", "17") not in keys
    keys, _ = events_of("Police in the Moscow region detained more than 200 protesters on Wednesday" + said)
    assert ("RUS", "RUS", "17") in keys
