"""The only module that does HTTP: polite, bounded fetches of pages and feeds.

Every request carries the configured user agent, a timeout (``settings.fetch_timeout``) and a
size cap; the body is streamed so an oversized response is cut off, not downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

import httpx

from allegiance.config import Settings
from allegiance.errors import FetchError

# Pages carry markup and scripts around the story, so they may be several times the story's size.
PAGE_SIZE_FACTOR = 4


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    content: bytes
    content_type: str | None  # media type only, e.g. "text/html"
    charset: str | None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: Settings, *, client: httpx.Client | None = None) -> Response:
    """GET ``url``; FetchError (naming the URL) on network errors, HTTP errors, or oversize bodies."""
    if not is_url(url):
        raise FetchError("not an http(s) URL", input=url)
    limit = settings.max_article_bytes * PAGE_SIZE_FACTOR
    own = client is None
    client = client or make_client(settings)
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}", input=url)
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise FetchError(f"response is {declared:,} bytes, more than the {limit:,} byte cap", input=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"response exceeds the {limit:,} byte cap", input=url)
                chunks.append(chunk)
            media, charset = _content_type(response.headers.get("content-type"))
            return Response(str(response.url), b"".join(chunks), media, charset)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.fetch_timeout:g}s", input=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc}", input=url, hint="check the URL and the network") from exc
    finally:
        if own:
            client.close()


def make_client(settings: Settings) -> httpx.Client:
    """A client to reuse across many fetches of one batch (keeps connections open)."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
        timeout=settings.fetch_timeout,
        follow_redirects=True,
        max_redirects=5,
    )


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None
