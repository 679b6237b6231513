"""The feedparser seam: RSS and Atom documents → entries with their metadata."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import feedparser

from allegiance.errors import InputError

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True)
class FeedEntry:
    title: str | None
    link: str | None
    published: str | None  # ISO date when the feed gave one, else the raw string
    author: str | None
    content_html: str | None  # full content (content:encoded, Atom content), when the feed carries it
    summary_html: str | None
    entry_id: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes hold an RSS, Atom or RDF root element."""
    head = data[:2048].lower()
    return any(marker in head for marker in _FEED_MARKERS)


def parse_feed(data: bytes, origin: str) -> Feed:
    """Parse a feed; InputError naming ``origin`` when it is broken beyond recovery or empty."""
    parsed: Any = feedparser.parse(data)
    if not parsed.entries:
        problem = f"broken feed: {parsed.bozo_exception}" if parsed.bozo else "feed has no entries"
        raise InputError(problem, input=origin, hint="check that the file or URL is an RSS or Atom feed")
    entries = tuple(_entry(e) for e in parsed.entries)
    return Feed(title=_text(parsed.feed.get("title")), entries=entries)


def _entry(entry: Any) -> FeedEntry:
    contents = [c.get("value") for c in entry.get("content") or [] if c.get("value")]
    return FeedEntry(
        title=_text(entry.get("title")),
        link=_text(entry.get("link")),
        published=_date(entry),
        author=_text(entry.get("author")),
        content_html="\n".join(contents) or None,
        summary_html=_text(entry.get("summary")),
        entry_id=_text(entry.get("id")),
    )


def _date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
        if entry.get(key):
            return str(entry.get(key))
    return None


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
