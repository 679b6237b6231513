from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import closed_port, serve, settings

from allegiance.errors import FetchError
from allegiance.ingest.fetch import fetch, is_url

FIXTURES = Path(__file__).parent / "fixtures"


def test_fetch_sends_the_polite_user_agent_and_reads_content_type() -> None:
    with serve(FIXTURES) as (base, agents):
        response = fetch(f"{base}/summit.html", settings())
    assert response.content == (FIXTURES / "summit.html").read_bytes()
    assert (response.content_type, response.charset) == ("text/html", "utf-8")
    assert agents == [settings().user_agent]


def test_http_errors_name_the_url() -> None:
    with serve(FIXTURES) as (base, _):
        with pytest.raises(FetchError, match=rf"^{base}/absent.html: HTTP 404"):
            fetch(f"{base}/absent.html", settings())


def test_unreachable_port_is_a_fetch_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/news"
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch(url, settings())


def test_timeout_comes_from_settings() -> None:
    with serve(FIXTURES) as (base, _):
        with pytest.raises(FetchError, match=r"timed out after 0.3s"):
            fetch(f"{base}/slow/summit.html", settings(fetch_timeout=0.3))


def test_size_cap_stops_the_download() -> None:
    with serve(FIXTURES) as (base, _):
        with pytest.raises(FetchError, match="byte cap"):
            fetch(f"{base}/summit.html", settings(max_article_bytes=100))


def test_only_http_urls() -> None:
    assert is_url("https://a.example/x") and is_url("HTTP://a.example")
    assert not is_url("file:///etc/passwd") and not is_url("news/a.txt")
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd", settings())
