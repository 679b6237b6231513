"""Publication date of an article: from metadata, else a labelled date, a byline or a dateline.

Precision is kept: "May 2022" is month precision, "2022" year precision. When nothing is found
the date is unknown (None) — never the time of ingestion, which says nothing about the news.

Order of trust: metadata; a labelled date ("date 2022-10-15"), a byline ("Shannon Vavra – May 16,
2022"), a dateline or a date line at the top of the text; then a date in the article's URL or file
name. Wire datelines ("MOSCOW, Sept. 27 (Reuters) -") carry no year: it comes from the URL or file
name, else from a year written in the article that agrees with the weekday the lead names ("on
Tuesday"), else the latest year the article mentions that is not in the future.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Sequence

from allegiance.models import DatePrecision, PublicationDate

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"[-\u2010-\u2015|]"

# Each form is tried in order; the first that matches and makes a real date wins.
_FORMS: tuple[tuple[re.Pattern[str], DatePrecision], ...] = tuple(
    (re.compile(p, re.IGNORECASE), precision)
    for p, precision in (
        (rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\d])", "day"),
        (rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", "day"),
        (rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", "day"),
        (rf"\b(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./]{_YEAR}\b", "day"),
        (rf"\b{_YEAR}-(?P<mnum>[01]\d)(?![\d-])", "month"),
        (rf"\b{_MONTH},?\s+{_YEAR}\b", "month"),
        (rf"^\s*{_YEAR}\s*$", "year"),
    )
)
_YEARISH = re.compile(_YEAR)
_LABEL = re.compile(r"(?i)\b(?:date[d]?|published(?: on)?|posted(?: on)?|updated(?: on)?)\s*[:\-]?\s*")
_BYLINE = re.compile(rf"^\s*(?:by\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){{0,3}}\s*{_DASH}\s*")
_WIRE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'-]+,\s*){{0,3}}{_MONTH}\s+(?P<day>[0-3]?\d)(?:,\s*{_YEAR})?\s*\([A-Za-z][\w .&/-]{{0,30}}\)\s*{_DASH}",
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_/.]?(?P<mnum>[01]\d)(?:[-_/.]?(?P<day>[0-3]\d))?(?!\d)")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_HEAD_LINES = 6  # bylines and datelines sit at the top; dates further down are about events


def parse_date(value: str) -> tuple[dt.date, DatePrecision] | None:
    """A date written on its own (metadata, a label): ISO, RFC 822, "May 16, 2022", "May 2022", "2022"."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.date(), "day"
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    return _search(value)


def _search(text: str) -> tuple[dt.date, DatePrecision] | None:
    found = _search_match(text)
    return (found[0], found[1]) if found else None


def _search_match(text: str) -> tuple[dt.date, DatePrecision, re.Match[str]] | None:
    if not _YEARISH.search(text):
        return None  # every form has a year, and most lines have none: one scan instead of seven
    for pattern, precision in _FORMS:
        for match in pattern.finditer(text):
            date = _build(match, precision)
            if date is not None:
                return date, precision, match
    return None


def _build(match: re.Match[str], precision: DatePrecision, year: int | None = None) -> dt.date | None:
    groups = match.groupdict()
    try:
        y = int(groups["year"]) if groups.get("year") else year
        if y is None:
            return None
        if groups.get("month"):
            m = _MONTHS[groups["month"].lower()]
        elif groups.get("mnum"):
            m = int(groups["mnum"])
        else:
            m = 1
        d = int(groups["day"]) if precision == "day" else 1
        return dt.date(y, m, d)
    except (ValueError, KeyError):
        return None


def find_date(text: str, metadata: str | None = None, hints: Sequence[tuple[str, str]] = ()) -> PublicationDate | None:
    """The publication date of an article with ``text``, an optional metadata date string, and
    ``hints``: (source, string) pairs such as ("url", url) or ("filename", name) that may embed a date."""
    if metadata:
        found = parse_date(metadata)
        if found:
            return PublicationDate(found[0], found[1], "metadata")
    head = [line for line in text.split("\n") if line.strip()][:_HEAD_LINES]
    wire: tuple[re.Match[str], str] | None = None
    for line in head:
        label = _LABEL.search(line)
        if label:
            found = _search(line[label.end():label.end() + 40])
            if found:
                return PublicationDate(found[0], found[1], "label")
        match = _WIRE.match(line)
        if match:
            if match.group("year"):
                date = _build(match, "day")
                if date:
                    return PublicationDate(date, "day", "dateline")
            wire = wire or (match, line)
        byline = _BYLINE.match(line)
        if byline:
            found = _search(line[byline.end():byline.end() + 40])
            if found and found[1] != "year":
                return PublicationDate(found[0], found[1], "byline")
    for line in head[:3]:
        # A date standing (nearly) alone at the top, as pages print it; a date inside a sentence
        # is more often the date of the event than of the article.
        found_match = _search_match(line)
        if found_match and found_match[1] != "year":
            rest = line[: found_match[2].start()] + line[found_match[2].end():]
            if len(re.findall(r"[^\W\d_]+", rest)) <= 3:
                return PublicationDate(found_match[0], found_match[1], "text")
    from_path = _path_date(hints)
    if wire:
        year = from_path.date.year if from_path else _year_for(wire[0], wire[1], text)
        date = _build(wire[0], "day", year) if year else None
        if date:
            return PublicationDate(date, "day", "dateline")
    return from_path


def _path_date(hints: Sequence[tuple[str, str]]) -> PublicationDate | None:
    for source, value in hints:
        for match in _PATH_DATE.finditer(value or ""):
            precision: DatePrecision = "day" if match.group("day") else "month"
            date = _build(match, precision)
            if date:
                return PublicationDate(date, precision, source)
    return None


def _year_for(match: re.Match[str], line: str, text: str) -> int | None:
    """The year of a year-less dateline, from the years the article mentions."""
    this_year = dt.date.today().year  # only a bound: a story is not published in the future
    years = sorted({int(y) for y in _ANY_YEAR.findall(text) if int(y) <= this_year}, reverse=True)
    weekday = _WEEKDAY.search(line[match.end():])
    if weekday:
        wanted = _WEEKDAYS[weekday.group(1).lower()]
        # A lead says "on Tuesday" for an event of that day or the days before it is reported.
        for year in years:
            date = _build(match, "day", year)
            if date and (date.weekday() - wanted) % 7 <= 2:
                return year
        return None
    return years[0] if years else None
