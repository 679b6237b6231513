from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from ingest_helpers import settings, story

from allegiance.errors import InputError
from allegiance.ingest.prepare import article_id, guess_language, prepare
from allegiance.models import Document


def test_prepare_cleans_dates_and_identifies() -> None:
    text = "May 16, 2022\n\n" + story(1) + "\n\nREAD MORE: Another story entirely"
    article = prepare(Document(origin="a.txt", text=text, title="CSTO summit"), settings())
    assert "READ MORE" not in article.clean_text and "READ MORE" in article.raw_text
    assert [r.rule for r in article.removed] == ["read-more", "date-label"]
    assert "May 16, 2022" not in article.clean_text
    assert (article.published, article.published_precision, article.published_source) == (dt.date(2022, 5, 16), "day", "text")
    assert article.id == article_id(article.clean_text) and len(article.id) == 16
    assert article.language == "en"
    assert article.title == "CSTO summit" and article.origin == "a.txt"


def test_byline_and_dateline_leave_the_text_but_date_and_credit_the_article() -> None:
    byline = prepare(Document(origin="a.txt", text="By Anna Hale – February 23, 2024\n\n" + story(3), title="Armenia"), settings())
    assert byline.clean_text == story(3)
    assert (byline.author, byline.published, byline.published_source) == ("Anna Hale", dt.date(2024, 2, 23), "byline")
    assert [(r.rule, r.text) for r in byline.removed] == [("byline", "By Anna Hale – February 23, 2024")]
    # The weekday of the lead picks the year for a year-less dateline, as before it was cut off.
    lead = "ASTANA, Oct 14 (Steppe Wire) - Rahmon told Putin on Friday that Tajikistan wanted respect. It was his third visit since 2022; the next is due in 2024."
    wire = prepare(Document(origin="x", text=lead), settings())
    assert wire.clean_text.startswith("Rahmon told Putin on Friday") and "Steppe Wire" not in wire.clean_text
    assert (wire.publisher, wire.published, wire.published_source) == ("Steppe Wire", dt.date(2022, 10, 14), "dateline")
    kept = prepare(Document(origin="y", text=lead, publisher="Caspian Wire"), settings())
    assert kept.publisher == "Caspian Wire"


def test_a_first_line_repeating_the_title_is_removed() -> None:
    article = prepare(Document(origin="a.md", text="Putin Visits Tashkent\n\n" + story(4), title="Putin visits Tashkent"), settings())
    assert article.clean_text == story(4)
    assert [r.rule for r in article.removed] == ["repeated-title"]


def test_id_ignores_boilerplate_whitespace_case_and_quote_style() -> None:
    base = prepare(Document(origin="a", text='Putin said "the talks went well" in Sochi – twice.'), settings())
    variant = prepare(
        Document(origin="b", text="Share this article\n\n  PUTIN said “the talks went well”   in Sochi — twice.\n"), settings()
    )
    assert base.id == variant.id


def test_unknown_date_stays_unknown() -> None:
    article = prepare(Document(origin="a.txt", text=story(2)), settings())
    assert article.published is None and article.published_precision is None


@pytest.mark.parametrize(
    "text,message",
    [("", "empty"), ("   \n\n ", "empty"), ("Share this article\nREAD MORE: elsewhere", "too short"), ("Putin spoke.", "too short")],
)
def test_unusable_texts_are_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        prepare(Document(origin="x.txt", text=text), settings())


def test_oversized_text_is_refused_with_the_limit_named() -> None:
    with pytest.raises(InputError, match=r"x\.txt: text is 2,001 bytes, more than max_article_bytes \(2,000\)"):
        prepare(Document(origin="x.txt", text="a" * 2001), settings(max_article_bytes=2000))


def test_language_guess() -> None:
    assert guess_language("Президент России провёл переговоры в Сочи с коллегой.") == "ru"
    assert guess_language("The president said that the talks in Sochi were useful.") == "en"
    assert guess_language("12345 ...") is None


def _language_plainly(text: str) -> str | None:
    # Every character matched on its own, as the counts are defined.
    sample = text[:5000]
    letters = len(re.findall(r"[^\W\d_]", sample))
    if letters == 0:
        return None
    if len(re.findall(r"[\u0400-\u04ff]", sample)) / letters > 0.5:
        return "ru"
    if len(re.findall(r"[A-Za-z\u00c0-\u024f]", sample)) / letters > 0.8:
        tokens = re.findall(r"[a-z]+", sample.lower())
        if tokens and sum(t in {"the", "and", "of", "to", "in", "on", "said", "a", "is", "was", "for", "with", "that"} for t in tokens) / len(tokens) > 0.08:
            return "en"
    return None


_PIECES = st.sampled_from(["the", " ", "said", "Putin", "Путин", "заявил", "Erdoğan", "×", "İ", "ß", "7", "_", "½", "’", "\n", "Ⅷ", "ǅ"])


@hyp_settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=5), max_size=80), st.integers(4990, 5010))
def test_language_guess_counts_every_character_as_the_patterns_do(pieces: list[str], cut: int) -> None:
    text = "".join(pieces)
    for t in (text, text * 40, "x" * cut + text):
        assert guess_language(t) == _language_plainly(t)
