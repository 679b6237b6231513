from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from allegiance.ingest import dates
from allegiance.ingest.dates import find_date, parse_date

LEAD = "Leaders met in the capital for talks on trade and security."


@pytest.mark.parametrize(
    "text,expected,precision,source",
    [
        ("May 16, 2022\n\n" + LEAD, dt.date(2022, 5, 16), "day", "text"),
        ("date 2022-10-15\n\n" + LEAD, dt.date(2022, 10, 15), "day", "label"),
        ("Published: 14 October 2022 10:31 BST\n" + LEAD, dt.date(2022, 10, 14), "day", "label"),
        ("Shannon Vavra – May 16, 2022\n\n" + LEAD, dt.date(2022, 5, 16), "day", "byline"),
        ("By Anna Petrova - 16 May 2022\n\n" + LEAD, dt.date(2022, 5, 16), "day", "byline"),
        ("MOSCOW, Sept. 27, 2022 (Reuters) - " + LEAD, dt.date(2022, 9, 27), "day", "dateline"),
        ("MOSCOW, Sept. 27 (Reuters) - Russia said on Tuesday it would hold talks in 2022.", dt.date(2022, 9, 27), "day", "dateline"),
        ("SAMARKAND, Uzbekistan, Sept. 16 (Wire) - Modi spoke on Friday, as in 2021 and 2022.", dt.date(2022, 9, 16), "day", "dateline"),
        ("Published: May 2022\n" + LEAD, dt.date(2022, 5, 1), "month", "label"),
        ("Updated: 2021\n" + LEAD, dt.date(2021, 1, 1), "year", "label"),
    ],
)
def test_dates_in_text(text: str, expected: dt.date, precision: str, source: str) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.date, found.precision, found.source) == (expected, precision, source)


@pytest.mark.parametrize(
    "text",
    [
        LEAD,
        "Sept. 27 (Reuters) - Russia said it would hold talks.",  # no year anywhere
        "Putin met Xi on 15 September 2022 in Samarkand, where the talks went on.",  # the event's date, in a sentence
        "The treaty of May 2002 was recalled.",
        "MOSCOW, Sept. 27 (Reuters) - Russia said on Saturday it would hold talks, as in 2022.",  # weekday disagrees
    ],
)
def test_no_date_means_unknown_never_today(text: str) -> None:
    assert find_date(text) is None


def test_metadata_wins_over_text() -> None:
    found = find_date("May 16, 2022\n" + LEAD, "2022-05-17T08:00:00Z")
    assert (found.date, found.source) == (dt.date(2022, 5, 17), "metadata")


def test_unparseable_metadata_falls_back_to_the_text() -> None:
    found = find_date("May 16, 2022\n" + LEAD, "sometime last spring")
    assert (found.date, found.source) == (dt.date(2022, 5, 16), "text")


def test_url_and_file_name_dates_give_the_year_of_a_dateline() -> None:
    text = "ASTANA, Oct 14 (Steppe Wire) - Rahmon spoke on Friday, recalling 1992."
    found = find_date(text, hints=[("filename", "2022-10-14_rahmon.txt")])
    assert (found.date, found.source) == (dt.date(2022, 10, 14), "dateline")
    found = find_date(LEAD, hints=[("url", "https://example.net/2023/05/09/victory-day")])
    assert (found.date, found.precision, found.source) == (dt.date(2023, 5, 9), "day", "url")
    found = find_date(LEAD, hints=[("url", "https://example.net/2023/05/victory-day")])
    assert (found.date, found.precision) == (dt.date(2023, 5, 1), "month")


@pytest.mark.parametrize(
    "value,expected,precision",
    [
        ("2022-05-16T10:00:00Z", dt.date(2022, 5, 16), "day"),
        ("Mon, 16 May 2022 10:00:00 GMT", dt.date(2022, 5, 16), "day"),
        ("16.05.2022", dt.date(2022, 5, 16), "day"),
        ("2022-05", dt.date(2022, 5, 1), "month"),
        ("May 2022", dt.date(2022, 5, 1), "month"),
        ("2022", dt.date(2022, 1, 1), "year"),
    ],
)
def test_parse_date_forms(value: str, expected: dt.date, precision: str) -> None:
    assert parse_date(value) == (expected, precision)


@pytest.mark.parametrize("value", ["", "garbage", "February 30, 2022", "2022-13-01"])
def test_parse_date_refuses_non_dates(value: str) -> None:
    assert parse_date(value) is None


DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))
DAY_FORMATS = ["%B %d, %Y", "%b. %d, %Y", "%d %B %Y", "%Y-%m-%d", "%A, %d %B %Y"]


@given(DATES, st.sampled_from(DAY_FORMATS))
def test_day_dates_round_trip(date: dt.date, fmt: str) -> None:
    assert parse_date(date.strftime(fmt)) == (date, "day")
    found = find_date(date.strftime(fmt) + "\n\n" + LEAD)
    assert found is not None and (found.date, found.precision) == (date, "day")


@given(DATES, st.sampled_from(["%B %Y", "%Y-%m"]))
def test_month_dates_round_trip(date: dt.date, fmt: str) -> None:
    assert parse_date(date.strftime(fmt)) == (date.replace(day=1), "month")


@given(DATES)
def test_byline_dates_round_trip(date: dt.date) -> None:
    found = find_date(f"Shannon Vavra – {date:%B} {date.day}, {date.year}\n\n{LEAD}")
    assert found is not None and (found.date, found.source) == (date, "byline")


@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_any_text_gives_a_date_or_none_without_raising(text: str, metadata: str | None) -> None:
    found = find_date(text, metadata)
    assert found is None or found.precision in ("day", "month", "year")


def _search_every_form(text: str):
    for pattern, precision in dates._FORMS:
        for match in pattern.finditer(text):
            date = dates._build(match, precision)
            if date is not None:
                return date, precision, match.span()
    return None


_DATE_PIECES = st.sampled_from(["2022", "1999", "20", "22", "-", "05", "-16", "May", "sept.", "16th", " ", ",", "of",
                                "/", ".", "١٩", "2٠22", "Tuesday", "\n", "31", "13", "x"])


@hyp_settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_PIECES | st.text(max_size=4), max_size=14))
def test_a_date_is_searched_only_where_a_year_is_written_and_found_as_every_form_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = dates._search_match(text)
    assert (found and (found[0], found[1], found[2].span())) == _search_every_form(text)
