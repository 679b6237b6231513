"""Markdown and plain-text articles → Documents: markup stripped, title and front matter read."""

from __future__ import annotations

import re

import yaml

from allegiance.models import Document

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def from_markdown(text: str, origin: str) -> Document:
    """A Markdown article: YAML front matter (title, date, author, source, url) and ``# Title`` honoured."""
    meta: dict[str, object] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None  # not front matter after all: keep it as text
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
            text = text[match.end():]
    title = _str(meta.get("title"))
    lines: list[str] = []
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            continue
        heading = _HEADING.match(raw)
        if heading:
            if title is None and not lines:
                title = _inline(heading.group(1))
                continue
            raw = heading.group(1)
        raw = _LIST.sub("", raw)
        raw = re.sub(r"^\s*>\s?", "", raw)
        lines.append(_inline(raw))
    return Document(
        origin=origin,
        text="\n".join(lines).strip(),
        title=title,
        url=_str(meta.get("url")),
        publisher=_str(meta.get("source") or meta.get("publisher")),
        author=_str(meta.get("author")),
        published=_str(meta.get("date") or meta.get("published")),
        language=_str(meta.get("language") or meta.get("lang")),
        format="markdown",
    )


def from_text(text: str, origin: str, *, format: str = "text") -> Document:
    """A plain-text article. Its first line is the headline when it is short, does not end a
    sentence, and is followed by a blank line or by a short line such as a date or byline."""
    lines = text.replace("\r\n", "\n").strip("\n").split("\n")
    title = None
    first = lines[0].strip()
    if len(lines) > 2 and 0 < len(first) <= 200 and not first.endswith((".", "!", "?", ":")) and len(lines[1].strip()) <= 80:
        title = first
        lines = lines[1:]
    return Document(origin=origin, text="\n".join(lines).strip(), title=title, format=format)


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text)


def _str(value: object) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())  # YAML gives dates as date objects; str() is ISO
    return value or None
