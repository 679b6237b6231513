from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.errors import InputError
from allegiance.ingest.html import declared_charset, extract, fragment_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_main_text_and_metadata_without_comments_or_navigation() -> None:
    doc = extract((FIXTURES / "summit.html").read_text("utf-8"), "summit.html")
    assert doc.title == "Putin and Xi meet in Samarkand"
    assert doc.author == "Dina Seitkali"
    assert doc.publisher == "Steppe Herald"
    assert doc.published == "2022-09-15"
    assert doc.text.startswith("Vladimir Putin and Xi Jinping held their first")
    assert "weeks before Russian forces crossed into Ukraine" in doc.text
    for noise in ("Reader123", "SteppeFan", "Home", "All rights reserved"):
        assert noise not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart for the sentence splitter


def test_malformed_html_still_yields_its_text() -> None:
    doc = extract((FIXTURES / "malformed.html").read_text("utf-8"), "malformed.html")
    assert "Tokayev arrived in Moscow on Tuesday" in doc.text
    assert "Russian-language schools" in doc.text


@pytest.mark.parametrize("page", ["nothing.html"])
def test_page_without_text_is_refused(page: str) -> None:
    with pytest.raises(InputError, match="no article text"):
        extract((FIXTURES / page).read_text("utf-8"), page)


def test_garbage_markup_is_refused_not_raised_raw() -> None:
    with pytest.raises(InputError, match="garbage.html"):
        extract("<<<>>>", "garbage.html")


def test_date_is_never_guessed_from_the_body() -> None:
    doc = extract("<html><body><article><p>Talks took place on 12 March 2021 in Minsk between the two leaders.</p>"
                  "<p>They agreed to meet again in the spring in Moscow.</p></article></body></html>", "p.html")
    assert doc.published is None


def test_helpers() -> None:
    assert declared_charset(b'<html><head><meta charset="windows-1251">') == "windows-1251"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">') == "koi8-r"
    assert declared_charset(b"<html>") is None
    assert fragment_text("<p>One para here.</p><p>Two para there.</p>") == "One para here.\n\nTwo para there."
