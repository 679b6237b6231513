"""Code text that is not stored: one text, or a stream of JSON lines ``{"id", "text", "date"}``, cleaned
as ingest cleans an article (``ingest.clean``) before it is coded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from allegiance.coding.code import Coder, Text, default_coder
from allegiance.errors import InputError, InvalidParameter
from allegiance.ingest.clean import clean_article
from allegiance.models import event_json


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InvalidParameter(where, f"not a date: {value!r}", hint="use YYYY-MM-DD") from exc


def _text(text: str, date: dt.date | None, ident: str | None) -> Text:
    """Raw text cleaned as ingest cleans it: a wire dateline ("MOSCOW (AP) —"), a byline or a share widget
    is not part of the story, and the agency it credits is no actor. Evidence spans refer to the clean text."""
    ident = ident or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Text(article_id=ident, origin="extract", published=date or dt.date.today(), text=clean_article(text).text)


def extract(text: str, date: str | dt.date | None = None, *, coder: Coder | None = None) -> list[dict[str, Any]]:
    """Events in ``text`` as documented records; relative dates resolve against ``date`` (default today)."""
    coder = coder or default_coder()
    return [event_json(e) for e in coder.code(_text(text, _date(date, "date"), None))]


def extract_lines(lines: Iterable[str], *, coder: Coder | None = None, batch_size: int = 32
                  ) -> Iterator[dict[str, Any]]:
    """For each input line ``{"id","text","date"}``, one ``{"id","events":[...]}``; one model load in all,
    and the input is read as it is parsed (a stream of any length)."""
    coder = coder or default_coder()
    for item, events in coder.code_many(_read(lines), batch_size):
        yield {"id": item.article_id, "events": [event_json(e) for e in events]}


def _read(lines: Iterable[str]) -> Iterator[Text]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"line {n} is not a JSON object with a \"text\"", input=f"line {n}",
                             hint='write one {"id": ..., "text": ..., "date": "YYYY-MM-DD"} per line') from exc
        yield _text(str(text), _date(obj.get("date"), f"line {n} date"), str(obj.get("id") or n))
