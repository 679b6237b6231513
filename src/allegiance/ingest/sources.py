"""Inputs → Documents: files, directories (recursive), globs, URLs and ``-`` for standard input.

Everything is streamed: one file, one JSON line, one feed entry or one WARC record at a time, so
memory does not grow with the size of a batch. Each input that cannot be read becomes a
Rejection naming it; the rest of the batch goes on.

Formats come from the file extension, else from the first bytes:
``.txt`` text · ``.md`` Markdown · ``.html``/``.htm`` HTML · ``.jsonl``/``.ndjson`` JSON Lines · ``.json`` one article object, a list of them, or JSON Lines ·
``.rss``/``.atom``/``.xml`` feeds · ``.warc``/``.warc.gz``/``.arc.gz`` WARC.
"""

from __future__ import annotations

import glob
import io
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from allegiance.config import Settings
from allegiance.errors import InputError
from allegiance.ingest import feeds, fetch, readers
from allegiance.ingest.decode import looks_binary
from allegiance.models import Document, Rejection

_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
_JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/json", "application/x-jsonlines"}
_SNIFF = 4096


def read_inputs(inputs: Iterable[str], settings: Settings, *, stdin: BinaryIO | None = None) -> Iterator[Document | Rejection]:
    """Documents and Rejections from every input, in order (directories and globs sorted)."""
    client = None

    def fetcher(url: str) -> fetch.Response:
        nonlocal client
        client = client or fetch.make_client(settings)
        return fetch.fetch(url, settings, client=client)

    try:
        for value in inputs:
            yield from _read_input(value, settings, fetcher, stdin)
    finally:
        if client is not None:
            client.close()


def _read_input(value: str, settings: Settings, fetcher: readers.Fetcher, stdin: BinaryIO | None) -> Iterator[readers.Item]:
    if value == "-":
        yield from _read_stream(stdin or sys.stdin.buffer, "stdin", settings, fetcher)
    elif fetch.is_url(value):
        yield from _read_url(value, settings, fetcher)
    elif os.path.isdir(value):
        for path in _walk(value):
            yield from _read_file(path, settings, fetcher)
    elif os.path.exists(value):
        yield from _read_file(value, settings, fetcher)
    elif glob.has_magic(value):
        matches = sorted(glob.iglob(value, recursive=True))
        if not matches:
            yield Rejection(value, "no files match this pattern")
        for match in matches:
            if os.path.isdir(match):
                for path in _walk(match):
                    yield from _read_file(path, settings, fetcher)
            else:
                yield from _read_file(match, settings, fetcher)
    else:
        yield Rejection(value, "no such file, directory or URL")


def _walk(root: str) -> Iterator[str]:
    """Files under ``root``, sorted, one directory level in memory at a time; hidden ones skipped."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(directory, name)


def kind_of(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
        return "warc" if name.endswith((".warc", ".arc")) else None
    return _SUFFIXES.get(Path(name).suffix)


def _read_file(path: str, settings: Settings, fetcher: readers.Fetcher) -> Iterator[readers.Item]:
    try:
        kind = kind_of(path)
        if path.lower().endswith(".gz") and kind is None:
            raise InputError("compressed file of unknown kind", input=path, hint="only .warc.gz is read compressed")
        with open(path, "rb") as stream:
            if kind in ("warc", "jsonl", "feed"):
                yield from _read_container(kind, stream, path, settings, fetcher)
                return
            size = os.fstat(stream.fileno()).st_size
            cap = settings.max_article_bytes * (fetch.PAGE_SIZE_FACTOR if kind == "html" else 1)
            if size > cap:
                raise InputError(
                    f"file is {size:,} bytes, more than the {cap:,} byte limit for one article",
                    input=path,
                    hint="split it, or raise ALLEGIANCE_MAX_ARTICLE_BYTES",
                )
            if kind is None:
                yield from _read_stream(stream, path, settings, fetcher)
                return
            yield readers.read_text(stream.read(), path, kind=kind)
    except InputError as exc:
        yield readers.rejection(exc, path)
    except OSError as exc:
        yield Rejection(path, f"cannot read: {exc.strerror or exc}")


def _read_container(kind: str, stream: BinaryIO, origin: str, settings: Settings, fetcher: readers.Fetcher) -> Iterator[readers.Item]:
    if kind == "warc":
        yield from readers.read_warc(stream, origin, settings)
    elif kind == "jsonl" and origin.lower().endswith(".json"):
        yield from readers.read_json(_read_capped(stream, origin, settings), origin, settings)
    elif kind == "jsonl":
        yield from readers.read_jsonl(stream, origin, settings)
    else:
        yield from readers.read_feed(_read_capped(stream, origin, settings), origin, settings, fetcher)


def _read_capped(stream: BinaryIO, origin: str, settings: Settings) -> bytes:
    cap = settings.max_article_bytes * fetch.PAGE_SIZE_FACTOR
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"larger than the {cap:,} byte limit", input=origin)
    return data


def _sniff(head: bytes) -> str:
    """The kind of content from its first bytes, for stdin and files without a known extension."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        raise InputError("binary file, not text")
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"<"):
        return "feed" if feeds.looks_like_feed(stripped) else "html"
    return "text"


def _read_stream(stream: BinaryIO, origin: str, settings: Settings, fetcher: readers.Fetcher) -> Iterator[readers.Item]:
    try:
        head = stream.read(_SNIFF)
        kind = _sniff(head)
        rest = io.BufferedReader(_Chain(head, stream))
        if kind in ("warc", "jsonl", "feed"):
            yield from _read_container(kind, rest, origin, settings, fetcher)
            return
        cap = settings.max_article_bytes * (fetch.PAGE_SIZE_FACTOR if kind == "html" else 1)
        data = rest.read(cap + 1)
        if len(data) > cap:
            raise InputError(f"more than the {cap:,} byte limit for one article", input=origin)
        yield readers.read_text(data, origin, kind=kind)
    except InputError as exc:
        yield readers.rejection(exc, origin)


def _read_url(url: str, settings: Settings, fetcher: readers.Fetcher) -> Iterator[readers.Item]:
    try:
        response = fetcher(url)
        kind = response.content_type
        if kind in _FEED_TYPES or (kind in (None, "text/plain") and feeds.looks_like_feed(response.content)):
            yield from readers.read_feed(response.content, url, settings, fetcher, base_url=response.url)
        elif kind in _JSONL_TYPES:
            yield from readers.read_jsonl(io.BytesIO(response.content), url, settings)
        elif kind in ("text/html", "application/xhtml+xml", None):
            yield readers.read_text(response.content, url, kind="html", declared=response.charset, url=response.url)
        elif kind in ("text/plain", "text/markdown"):
            text_kind = "markdown" if kind == "text/markdown" else "text"
            yield readers.read_text(response.content, url, kind=text_kind, declared=response.charset, url=response.url)
        else:
            raise InputError(f"unsupported content type {kind}", input=url)
    except InputError as exc:
        yield readers.rejection(exc, url)


class _Chain(io.RawIOBase):
    """Bytes already read for sniffing, then the rest of the stream, as one readable stream."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._parts = itertools.chain([io.BytesIO(head)], [stream])
        self._current: BinaryIO | None = next(self._parts)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while self._current is not None:
            data = self._current.read(len(buffer))
            if data:
                buffer[: len(data)] = data
                return len(data)
            self._current = next(self._parts, None)
        return 0
