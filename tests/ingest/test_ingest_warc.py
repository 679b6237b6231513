from __future__ import annotations

import io

import pytest
from ingest_helpers import build_warc

from allegiance.errors import InputError
from allegiance.ingest.warc import iter_html_responses

PAGE = b"<html><body><article><p>Putin met Pashinyan in Moscow on Thursday.</p></article></body></html>"


@pytest.mark.parametrize("gzip", [True, False])
def test_only_successful_html_responses_are_yielded(gzip: bool) -> None:
    data = build_warc(
        [
            ("request", "http://n.example/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
            ("response", "http://n.example/a", "text/html; charset=utf-8", PAGE),
            ("response", "http://n.example/logo.png", "image/png", b"\x89PNG...."),
            ("response", "http://n.example/missing", "text/html", b"<p>not found</p>"),
            ("metadata", "http://n.example/a", "application/warc-fields", b"via: test\r\n"),
        ],
        gzip=gzip,
    )
    pages = list(iter_html_responses(io.BytesIO(data), "c.warc", max_bytes=10_000))
    assert [(p.url, p.charset, p.body) for p in pages] == [("http://n.example/a", "utf-8", PAGE)]
    assert pages[0].index == 2


def test_oversized_record_is_flagged_not_read() -> None:
    data = build_warc([("response", "http://n.example/big", "text/html", b"<p>" + b"x" * 5000 + b"</p>")])
    (page,) = iter_html_responses(io.BytesIO(data), "c.warc", max_bytes=1000)
    assert page.body is None and page.size > 1000


def test_not_a_warc_is_refused() -> None:
    with pytest.raises(InputError, match="c.warc: not a readable WARC file"):
        list(iter_html_responses(io.BytesIO(b"hello, this is plain text"), "c.warc", max_bytes=1000))
