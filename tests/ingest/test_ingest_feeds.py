from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.errors import InputError
from allegiance.ingest.feeds import looks_like_feed, parse_feed

FIXTURES = Path(__file__).parent / "fixtures"


def test_rss_entries_with_metadata_and_full_content() -> None:
    feed = parse_feed((FIXTURES / "wire.rss").read_bytes(), "wire.rss")
    assert feed.title == "Steppe Herald"
    assert len(feed.entries) == 2
    first = feed.entries[0]
    assert first.title == "Tokayev and Mirziyoyev sign border treaty"
    assert first.link == "http://steppe.example/2022/12/22/border"
    assert first.published == "2022-12-22"
    assert first.author == "Dina Seitkali"
    assert first.entry_id == "steppe-border-2022"
    assert "demarcating their shared border" in first.content_html
    assert first.summary_html == "Short summary only."


def test_atom_entries() -> None:
    feed = parse_feed((FIXTURES / "wire.atom").read_bytes(), "wire.atom")
    (entry,) = feed.entries
    assert entry.title == "Erdogan visits Sochi" and entry.author == "Emre Kaya"
    assert entry.published == "2023-09-04"
    assert "Black Sea" in entry.content_html


@pytest.mark.parametrize("data", [(FIXTURES / "broken.rss").read_bytes(), b"just some words, not a feed", b""])
def test_broken_or_empty_feeds_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^x\.rss: (broken feed|feed has no entries)"):
        parse_feed(data, "x.rss")


def test_feed_sniffing() -> None:
    assert looks_like_feed((FIXTURES / "wire.rss").read_bytes())
    assert looks_like_feed((FIXTURES / "wire.atom").read_bytes())
    assert not looks_like_feed((FIXTURES / "summit.html").read_bytes())
