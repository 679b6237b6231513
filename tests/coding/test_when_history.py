"""Spans of years: one long past dates what it tells as history; one running on to the story's year dates nothing."""

import datetime as dt

from allegiance.coding.when import find_dates

PUBLISHED = dt.date(2024, 11, 20)


def test_a_span_of_years_long_past_is_dated_by_its_last_year():
    found = find_dates("Transnistria split from Moldova in a war in 1991-92 that killed hundreds.", PUBLISHED)
    assert [(d.date, d.precision) for d in found] == [(dt.date(1992, 1, 1), "year")]
    found = find_dates("The two sides fought over the border during 2020-2021.", PUBLISHED)
    assert [(d.date, d.precision) for d in found] == [(dt.date(2021, 1, 1), "year")]


def test_a_span_running_on_to_the_story_s_year_dates_nothing():
    assert find_dates("Kazakhstan chaired the CSTO in 2023-2024 and handed over to Kyrgyzstan.", PUBLISHED) == []
    assert find_dates("Figures for 2018-2019 were revised.", PUBLISHED) == []  # no "in", "during" or "from"
