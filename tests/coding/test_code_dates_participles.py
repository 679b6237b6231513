"""A past participle on a thing dates what the act is about; on a person it is that person's past."""

from __future__ import annotations

import datetime as dt

from allegiance.coding.code import _describes_someone

HANDOVER = ("KYIV, Dec 5 (Reuters) - Ukraine handed over to Russia the Soviet nuclear warheads stationed on its "
            "territory in the 1990s under a deal with the United States and Britain.")


def test_an_act_on_a_thing_placed_in_a_past_decade_is_history(coder) -> None:
    assert coder.code({"id": "p1", "text": HANDOVER, "published": dt.date(2024, 12, 5)}) == []


def test_which_participles_describe_someone(nlp) -> None:
    doc = nlp("Moscow freed an officer jailed in 2019 and returned the warheads stored there in 1994.")
    jailed = next(t for t in doc if t.text == "jailed")
    stored = next(t for t in doc if t.text == "stored")
    assert _describes_someone(jailed) and not _describes_someone(stored)
