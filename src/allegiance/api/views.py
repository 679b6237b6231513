"""What each API route and dashboard page shows: one function per view (dicts and records that
``api.encode`` turns into JSON).

A page and its JSON twin call the same function here, so the dashboard never shows anything the API
does not return.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from allegiance.relations.alerts import alerts
from allegiance.relations.blocs import BlocReport, bloc_report
from allegiance.relations.common import check_key, date_span, next_period, period_of
from allegiance.relations.network import build_network, network_json
from allegiance.relations.profiles import Profile, actor_profile
from allegiance.relations.search import SearchResult, search
from allegiance.relations.series import dyad_events, dyad_series, most_active_dyads, volume
from allegiance.relations.shifts import dyad_shifts
from allegiance.store import SCHEMA_VERSION, Store
from allegiance.store import articles as article_store
from allegiance.store import canonical as canonical_store
from allegiance.store import events as event_store


def health(store: Store) -> dict[str, Any]:
    from allegiance import __version__

    return {"status": "ok", "version": __version__, "schema_version": store.schema_version(),
            "expected_schema_version": SCHEMA_VERSION, "counts": store.counts()}


def overview(store: Store, *, alert_days: int = 180) -> dict[str, Any]:
    first, last = date_span(store)
    since = last - dt.timedelta(days=alert_days) if last else None
    vol = volume(store, "month")
    articles_by_month = {r["p"]: int(r["n"]) for r in store.query(
        "SELECT date_trunc('month', published)::DATE AS p, count(*) AS n FROM articles "
        "WHERE published IS NOT NULL AND duplicate_of IS NULL GROUP BY p")}
    return {
        "counts": store.counts(),
        "first": first,
        "last": last,
        "volume": [{"period": p, "events": n, "articles": articles_by_month.get(p, 0)} for p, n in sorted(vol.items())],
        "dyads": most_active_dyads(store, limit=10),
        "alerts": list(reversed(alerts(store, since=since)))[:20],
        "alerts_since": since,
    }


def series(store: Store, a: str, b: str, *, interval: str, directed: bool, since: dt.date | None,
           until: dt.date | None, mentions: bool) -> dict[str, Any]:
    points = dyad_series(store, a, b, interval=interval, directed=directed, since=since, until=until,
                         mentions=mentions)
    return {"a": check_key(a, "a"), "b": check_key(b, "b"), "interval": interval, "directed": directed,
            "mentions": mentions, "points": points}


def shifts(store: Store, a: str, b: str, *, directed: bool, mentions: bool) -> dict[str, Any]:
    found = dyad_shifts(store, a, b, directed=directed, mentions=mentions)
    return {"a": check_key(a, "a"), "b": check_key(b, "b"), "directed": directed,
            "shifts": found}


def dyad_period_events(store: Store, a: str, b: str, *, period: dt.date, interval: str, directed: bool,
                       mentions: bool, limit: int) -> dict[str, Any]:
    start = period_of(period, interval)
    end = next_period(start, interval) - dt.timedelta(days=1)
    rows = dyad_events(store, a, b, directed=directed, since=start, until=end, mentions=mentions, limit=limit)
    return {"a": check_key(a, "a"), "b": check_key(b, "b"), "since": start, "until": end,
            "events": [_with_canonical(r) for r in rows]}


def _with_canonical(row: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(row["record"])
    record["canonical_id"] = row.get("canonical_id")
    return record


def bloc(store: Store, code: str, *, interval: str, since: dt.date | None, until: dt.date | None) -> BlocReport:
    return bloc_report(store, code, interval=interval, since=since, until=until)


def network(store: Store, *, since: dt.date | None, until: dt.date | None, people: bool, min_events: int) -> dict[str, Any]:
    return network_json(build_network(store, since=since, until=until, people=people, min_events=min_events))


def actor(store: Store, key: str) -> Profile:
    return actor_profile(store, key)


def events(store: Store, *, limit: int, offset: int, **filters: Any) -> dict[str, Any]:
    rows = event_store.query_events(store, limit=limit + 1, offset=offset, **filters)
    return {"events": rows[:limit], "limit": limit, "offset": offset, "more": len(rows) > limit,
            "filters": {k: v for k, v in filters.items() if v is not None}}


def event(store: Store, event_id: str) -> dict[str, Any]:
    record = event_store.get_event(store, event_id)
    canonical = canonical_store.explain(store, event_id)
    article = store.query("SELECT id, title, published, publisher FROM articles WHERE id = ?", [record["article_id"]])
    return {"event": record, "canonical": canonical, "article": article[0] if article else None}


def articles(store: Store, *, q: str | None, since: dt.date | None, limit: int, offset: int) -> dict[str, Any]:
    rows = article_store.search(store, text=q, since=since, limit=offset + limit + 1)
    return {"articles": rows[offset:offset + limit], "limit": limit, "offset": offset,
            "more": len(rows) > offset + limit}


def article(store: Store, article_id: str) -> dict[str, Any]:
    data = article_store.details(store, article_id)
    records = event_store.query_events(store, article_id=data["id"], limit=None)
    data["events"] = sorted(records, key=lambda e: (e["evidence"]["trigger"]["start"], e["event_id"]))
    data["marks"] = marks(data["clean_text"], data["events"])
    return data


def marks(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Non-overlapping highlight spans (trigger, source, target) over the article text, by offset."""
    spans = []
    for n, record in enumerate(records):
        ev = record.get("evidence") or {}
        if ev.get("part") == "title":
            continue  # its spans count within the title, which the page shows apart
        for role in ("source", "trigger", "target"):
            span = ev.get(role)
            if span and 0 <= span["start"] < span["end"] <= len(text):
                spans.append({"start": span["start"], "end": span["end"], "role": role, "event": n,
                              "event_id": record["event_id"]})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    kept, reach = [], -1
    for s in spans:
        if s["start"] >= reach:
            kept.append(s)
            reach = s["end"]
    return kept


def find(store: Store, q: str, *, limit: int) -> SearchResult:
    return search(store, q, limit=limit)

