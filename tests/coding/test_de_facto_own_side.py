"""A de facto entity's authorities acting on their own people face the entity, as a state's would."""

from __future__ import annotations

import datetime as dt

DAY = dt.date(2024, 11, 18)


def coded(coder, text: str) -> list[tuple[str, str | None, str]]:
    events = coder.code({"id": "f1", "text": text, "published": DAY})
    return [(e.source.organization or e.source.country,
             (e.target.organization or e.target.country) if e.target else None, e.cameo) for e in events]


def test_authorities_detaining_activists_act_on_the_entity(coder) -> None:
    text = "SUKHUMI, Nov 18 (Reuters) - The de facto authorities in Abkhazia detained five opposition activists on Monday."
    assert coded(coder, text) == [("ABKHAZIA", "ABKHAZIA", "173")]


def test_authorities_withdrawing_a_deal_placed_by_the_story_act_on_the_entity(coder) -> None:
    text = ("TBILISI, Nov 18 (Reuters) - Protesters in Sukhumi seized the de facto parliament on Friday. "
            "The authorities withdrew the investment agreement on Friday evening.")
    assert ("ABKHAZIA", "ABKHAZIA", "080") in coded(coder, text)
