"""Declining to comment on a topic that names no one faces no one, not the story's country."""

from __future__ import annotations

import datetime as dt

STORY = """Lukashenko says Russian warheads are in Belarus

MINSK, June 13 (Reuters) - Belarusian President Alexander Lukashenko said on Tuesday that Belarus had received Russian tactical nuclear weapons. Lukashenko said the weapons were three times more powerful than the bombs dropped on Japan.

The Kremlin declined to comment on the timing of the deliveries, saying only that the process was going "according to plan"."""


def test_no_comment_on_a_topic_naming_no_one_has_no_target(coder) -> None:
    events = coder.code({"id": "n1", "text": STORY, "published": dt.date(2023, 6, 13)})
    declined = [e for e in events if e.cameo == "011"]
    assert [(e.source.country, e.target) for e in declined] == [("RUS", None)]
