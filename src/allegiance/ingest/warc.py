"""The warcio seam: HTML responses in a WARC (or ARC) file, streamed record by record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from allegiance.errors import InputError


@dataclass(frozen=True)
class WarcPage:
    index: int  # position of the record in the file, for a stable origin "file#index"
    url: str | None
    date: str | None  # WARC-Date: when it was crawled, not published; kept out of the article date
    content_type: str | None
    charset: str | None
    body: bytes | None  # None when the record was larger than the cap
    size: int


def iter_html_responses(stream: BinaryIO, origin: str, *, max_bytes: int) -> Iterator[WarcPage]:
    """HTTP 200 HTML responses; other records (requests, metadata, images) are skipped silently.

    Raises InputError when the file is not a WARC at all or is corrupt before its first record.
    """
    _check_header(stream, origin)
    index = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            index += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            media = content_type.split(";")[0].strip().lower()
            if media not in ("text/html", "application/xhtml+xml"):
                continue
            body = record.content_stream().read(max_bytes + 1)
            charset = None
            for part in content_type.split(";")[1:]:
                key, _, value = part.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip("\"'") or None
            yield WarcPage(
                index=index,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date"),
                content_type=media,
                charset=charset,
                body=body if len(body) <= max_bytes else None,
                size=len(body),
            )
    except ArchiveLoadFailed as exc:
        raise InputError(f"not a readable WARC file: {exc}", input=origin if index == 0 else f"{origin}#{index}") from exc


def _check_header(stream: BinaryIO, origin: str) -> None:
    """warcio reads any text as a (broken) ARC record, so the signature is checked first."""
    if hasattr(stream, "peek"):
        head = stream.peek(4096)[:4096]
    else:
        position = stream.tell()
        head = stream.read(4096)
        stream.seek(position)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as exc:
            raise InputError(f"not a readable WARC file: {exc}", input=origin) from exc
    if not head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")):
        raise InputError("not a readable WARC file: no WARC/ARC header", input=origin)
