"""The trafilatura seam: an HTML page → its main text and metadata, comments excluded."""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura

from allegiance.errors import InputError
from allegiance.models import Document

# Only dates the page states in its markup; a date guessed from body text is usually the event's.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.IGNORECASE)

# They log every page they cannot parse; the Rejection already says so, once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top."""
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def extract(html: str, origin: str, *, url: str | None = None, format: str = "html") -> Document:
    """Main text of ``html`` with title, author, date and site name; InputError when there is none."""
    try:
        result: Any = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise InputError(f"HTML could not be parsed: {exc}", input=origin) from exc
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError("no article text found in the HTML", input=origin, hint="is it an index or script-only page?")
    title = _clean_field(result.title)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title and len(lines) > 1:
        lines = lines[1:]  # the page's own <h1>, already kept as the title
    return Document(
        origin=origin,
        text="\n\n".join(lines),
        title=title,
        url=url or _clean_field(result.url),
        publisher=_clean_field(result.sitename),
        author=_clean_field(result.author),
        published=_clean_field(result.date),
        language=_clean_field(result.language),
        format=format,
    )


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs separated by blank lines."""
    try:
        # Wrapped so that a lone <p> is not taken for the whole document root.
        page = f"<html><body><article>{html}</article></body></html>"
        result: Any = trafilatura.bare_extraction(page, include_comments=False, include_tables=False)
    except Exception:  # a fragment that lxml cannot read is treated as having no text
        return ""
    text = (getattr(result, "text", None) or "") if result is not None else ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
