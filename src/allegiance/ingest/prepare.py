"""Verb ``prepare``: one decoded Document → one Article (clean text, date, language, stable id).

Pure: no store, no network, so worker processes can run it. The id is the first 16 hex digits
of the SHA-256 of the normalised clean text, so the same story is the same id wherever it came from.
"""

from __future__ import annotations

import hashlib
import os
import re
import string
import unicodedata

from allegiance.config import Settings
from allegiance.errors import InputError
from allegiance.ingest.clean import clean_article, fold
from allegiance.ingest.dates import find_date
from allegiance.models import Article, Document

MIN_WORDS = 5  # below this a "story" is a widget, a title or an error page
_LETTER = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_WORD = re.compile(r"[a-z]+")
_ENGLISH = {"the", "and", "of", "to", "in", "on", "said", "a", "is", "was", "for", "with", "that"}


def normalise(text: str) -> str:
    """The form the id hashes: NFKC, case-folded, plain quotes and dashes, single spaces."""
    return " ".join(fold(unicodedata.normalize("NFKC", text)).casefold().split())


def article_id(clean_text: str) -> str:
    return hashlib.sha256(normalise(clean_text).encode("utf-8")).hexdigest()[:16]


def guess_language(text: str) -> str | None:
    """ISO 639-1 code for the scripts and languages this project reads, or None when unsure."""
    sample = text[:5000]
    # Characters are counted one by one: ASCII letters (all of them Latin letters, none Cyrillic) by
    # deleting them from the bytes, the other characters by the patterns. A findall of each letter
    # made a string per letter.
    plain = sample.encode("ascii", "ignore")
    letters = latin = len(plain) - len(plain.translate(None, _ASCII_LETTERS))
    cyrillic = 0
    if len(plain) < len(sample):
        rest = "".join(_NON_ASCII.findall(sample))
        letters += _count(_LETTER, rest)
        latin += _count(_LATIN, rest)
        cyrillic = _count(_CYRILLIC, rest)
    if letters == 0:
        return None
    if cyrillic / letters > 0.5:
        return "ru"
    if latin / letters > 0.8:
        tokens = _WORD.findall(sample.lower())
        if tokens and sum(map(_ENGLISH.__contains__, tokens)) / len(tokens) > 0.08:
            return "en"
    return None


def _count(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def _date_hints(document: Document) -> list[tuple[str, str]]:
    """Where a date may be written outside the text: the URL, and a single-article file's name."""
    hints = [("url", document.url)] if document.url else []
    if document.format in ("text", "markdown", "html") and "://" not in document.origin and document.origin != "stdin":
        hints.append(("filename", os.path.basename(document.origin)))
    return hints


def prepare(document: Document, settings: Settings) -> Article:
    """Clean, date and identify ``document``; InputError when it holds no usable story."""
    size = len(document.text.encode("utf-8"))
    if size > settings.max_article_bytes:
        raise InputError(
            f"text is {size:,} bytes, more than max_article_bytes ({settings.max_article_bytes:,})",
            input=document.origin,
            hint="split it, or raise ALLEGIANCE_MAX_ARTICLE_BYTES",
        )
    if not document.text.strip():
        raise InputError("empty: no text", input=document.origin)
    cleaned = clean_article(document.text, title=document.title)
    clean_text = cleaned.text
    if len(clean_text.split()) < MIN_WORDS:
        raise InputError(
            f"too short: {len(clean_text.split())} words after cleaning (at least {MIN_WORDS} needed)",
            input=document.origin,
        )
    # A metadata date that does not parse falls through to the byline or dateline, which cleaning
    # took out of the text but kept in ``head`` for this.
    text = "\n".join([*([document.title] if document.title else []), *cleaned.head, clean_text])
    published = find_date(text, document.published, _date_hints(document))
    return Article(
        id=article_id(clean_text),
        origin=document.origin,
        title=document.title,
        url=document.url,
        publisher=document.publisher or cleaned.publisher,
        author=document.author or cleaned.author,
        language=document.language or guess_language(clean_text),
        published=published.date if published else None,
        published_precision=published.precision if published else None,
        published_source=published.source if published else None,
        raw_text=document.text,
        clean_text=clean_text,
        removed=cleaned.removed,
    )
