"""One reader per input format, each turning bytes or a stream into Documents and Rejections.

Readers never raise for a bad record inside a container: a malformed JSON line or an
unfetchable feed link becomes a Rejection and the rest of the container is still read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO
from urllib.parse import urljoin

from allegiance.config import Settings
from allegiance.errors import InputError
from allegiance.ingest import feeds, html, warc
from allegiance.ingest.decode import decode
from allegiance.ingest.fetch import PAGE_SIZE_FACTOR, Response
from allegiance.ingest.markdown import from_markdown, from_text
from allegiance.models import Document, Rejection

Item = Document | Rejection
Fetcher = Callable[[str], Response]


def rejection(exc: InputError, origin: str) -> Rejection:
    """The one-line reason, without repeating the input it names."""
    where = exc.input or origin
    message = str(exc)
    prefix = f"{where}: "
    return Rejection(where, message[len(prefix):] if message.startswith(prefix) else message)


def read_text(data: bytes, origin: str, *, kind: str, declared: str | None = None, url: str | None = None) -> Document:
    """A single-article file or response of ``kind`` text | markdown | html."""
    if not data.strip():
        raise InputError("empty: no text", input=origin)
    if kind == "html":
        text = decode(data, origin, declared=declared or html.declared_charset(data))
        return html.extract(text, origin, url=url)
    text = decode(data, origin, declared=declared)
    return from_markdown(text, origin) if kind == "markdown" else from_text(text, origin, format=kind)


def read_jsonl(stream: BinaryIO, origin: str, settings: Settings) -> Iterator[Item]:
    """One article per line; ``origin#N`` names line N. Lines over the size cap are skipped whole."""
    for number, line in _lines(stream, settings.max_article_bytes * 2):
        where = f"{origin}#{number}"
        if line is None:
            yield Rejection(where, f"line longer than {settings.max_article_bytes * 2:,} bytes")
            continue
        if not line.strip():
            continue
        try:
            yield _json_document(decode(line, where), where)
        except InputError as exc:
            yield rejection(exc, where)


def read_json(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """A ``.json`` file: one article object, a list of them, or JSON Lines after all."""
    try:
        loaded = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        yield from read_jsonl(io.BytesIO(data), origin, settings)
        return
    records = loaded if isinstance(loaded, list) else [loaded]
    for number, record in enumerate(records, start=1):
        where = f"{origin}#{number}" if isinstance(loaded, list) else origin
        try:
            yield _json_document(record, where)
        except InputError as exc:
            yield rejection(exc, where)


def _json_document(line: str | object, where: str) -> Document:
    try:
        record = json.loads(line) if isinstance(line, str) else line
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at column {exc.colno}", input=where) from exc
    if not isinstance(record, dict):
        raise InputError("a JSON line must be an object with a `text` field", input=where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no `text` field, or it is empty", input=where)

    def field(*names: str) -> str | None:
        for name in names:
            value = record.get(name)
            if value is not None and str(value).strip():
                return str(value).strip()
        return None

    return Document(
        origin=where,
        text=text,
        title=field("title"),
        url=field("url"),
        publisher=field("source", "publisher"),
        author=field("author"),
        published=field("published", "date"),
        language=field("language"),
        external_id=field("id"),
        format="jsonl",
    )


def _lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, never holding more than ``cap`` bytes of one; None for an oversized line."""
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def read_feed(data: bytes, origin: str, settings: Settings, fetcher: Fetcher, *, base_url: str | None = None) -> Iterator[Item]:
    """Entries of an RSS/Atom feed. Full content in the feed is used as is; otherwise the linked
    page is fetched (politely, one at a time); an entry with neither is rejected."""
    try:
        parsed = feeds.parse_feed(data, origin)
    except InputError as exc:
        yield rejection(exc, origin)
        return
    for number, entry in enumerate(parsed.entries, start=1):
        link = urljoin(base_url or "", entry.link) if entry.link else None
        where = link or f"{origin}#{number}"
        try:
            yield _feed_document(entry, where, link, parsed.title, settings, fetcher)
        except InputError as exc:
            yield rejection(exc, where)


def _feed_document(
    entry: feeds.FeedEntry, where: str, link: str | None, feed_title: str | None, settings: Settings, fetcher: Fetcher
) -> Document:
    text = html.fragment_text(entry.content_html) if entry.content_html else ""
    page: Document | None = None
    if not text and link and link.lower().startswith(("http://", "https://")):
        response = fetcher(link)
        page = read_text(response.content, link, kind="html", declared=response.charset, url=response.url)
        text = page.text
    if not text and entry.summary_html:
        text = html.fragment_text(entry.summary_html)
    if not text:
        raise InputError("feed entry has no text and no fetchable link", input=where)
    return Document(
        origin=where,
        text=text,
        title=entry.title or (page.title if page else None),
        url=link,
        publisher=(page.publisher if page else None) or feed_title,
        author=entry.author or (page.author if page else None),
        published=entry.published or (page.published if page else None),
        language=page.language if page else None,
        external_id=entry.entry_id,
        format="feed",
    )


def read_warc(stream: BinaryIO, origin: str, settings: Settings) -> Iterator[Item]:
    """HTML responses of a WARC file; ``origin#N`` names record N."""
    cap = settings.max_article_bytes * PAGE_SIZE_FACTOR
    try:
        for page in warc.iter_html_responses(stream, origin, max_bytes=cap):
            where = f"{origin}#{page.index}"
            if page.body is None:
                yield Rejection(where, f"response larger than {cap:,} bytes")
                continue
            try:
                yield read_text(page.body, where, kind="html", declared=page.charset, url=page.url)
            except InputError as exc:
                yield rejection(exc, where)
    except InputError as exc:
        yield rejection(exc, origin)
