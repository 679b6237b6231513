"""Text search over articles (title and clean text) and events (sentence and actor names).

A case-insensitive substring search: every word of the query must occur (in any order). Each article hit
carries a snippet around the first match; event hits carry their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allegiance.errors import InvalidParameter
from allegiance.models import Record
from allegiance.store import Store

MAX_TERMS = 8


@dataclass(frozen=True)
class SearchResult(Record):
    query: str
    articles: tuple[dict[str, Any], ...]  # {id, title, published, publisher, snippet}
    events: tuple[dict[str, Any], ...]  # {event_id, article_id, date, source_name, target_name, cameo, plover, sentence}


def _terms(q: str) -> list[str]:
    terms = [t for t in q.split() if t]
    if not terms:
        raise InvalidParameter("q", "the search text is empty")
    if len(terms) > MAX_TERMS or len(q) > 200:
        raise InvalidParameter("q", f"at most {MAX_TERMS} words and 200 characters")
    return terms


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _snippet(text: str, terms: list[str], width: int = 90) -> str:
    lower = text.lower()
    at = min((i for i in (lower.find(t.lower()) for t in terms) if i >= 0), default=0)
    start, end = max(0, at - width), min(len(text), at + width)
    return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


def search(store: Store, q: str, *, limit: int = 20) -> SearchResult:
    terms = _terms(q)
    if not 1 <= limit <= 500:
        raise InvalidParameter("limit", "must be between 1 and 500")
    likes = [_like(t) for t in terms]
    art_where = " AND ".join("(title ILIKE ? ESCAPE '\\' OR clean_text ILIKE ? ESCAPE '\\')" for _ in terms)
    articles = store.query(
        f"""SELECT id, title, published, publisher, clean_text FROM articles WHERE {art_where}
            ORDER BY published DESC NULLS LAST, id LIMIT ?""",
        [x for like in likes for x in (like, like)] + [limit],
    )
    for a in articles:
        a["snippet"] = _snippet(a.pop("clean_text"), terms)
    ev_where = " AND ".join(
        "(sentence ILIKE ? ESCAPE '\\' OR source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\')"
        for _ in terms)
    events = store.query(
        f"""SELECT event_id, article_id, coalesce(date, published) AS date, source_name, target_name, cameo, plover,
                   goldstein, sentence
            FROM events WHERE {ev_where} ORDER BY date DESC NULLS LAST, event_id LIMIT ?""",
        [x for like in likes for x in (like, like, like)] + [limit],
    )
    return SearchResult(query=q, articles=tuple(articles), events=tuple(events))
