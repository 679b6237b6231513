"""Reads and writes of the ``events`` table.

An article's events are always replaced as a whole, inside one transaction, so a re-code after an upgrade
never leaves a mix of old and new events behind (and a crash leaves the old ones in place).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from typing import Any

from allegiance.errors import InvalidParameter, NotFound
from allegiance.models import Event, event_json
from allegiance.store import Store

COLUMNS = (
    "event_id", "article_id", "origin", "published", "date", "date_precision",
    "source_id", "source_name", "source_type", "source_country", "source_org", "source_sector",
    "target_id", "target_name", "target_type", "target_country", "target_org", "target_sector",
    "cameo", "cameo_root", "plover", "plover_mode", "quad_class", "goldstein", "intensity",
    "sentence_index", "sentence", "location_name", "location_country", "lat", "lon",
    "confidence", "coder_name", "coder_version", "record",
)


def event_row(event: Event) -> list[Any]:
    """The flat columns of one event, in ``COLUMNS`` order; ``record`` holds the full documented JSON."""
    return list(_row(event))


def event_record(event: Event) -> str:
    """``json.dumps(event_json(event), ensure_ascii=False)``, the text of the ``record`` column."""
    return _ENCODER.encode(event_json(event))


# One encoder, made once (``json.dumps`` with options builds a new one per call). Records are frozen
# trees, so the encoder's check for cycles finds none; it is skipped.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _row(event: Event) -> tuple[Any, ...]:
    s, t, loc = event.source, event.target, event.location
    if t is None:
        target: tuple[Any, ...] = (None,) * 6
    else:
        target = (t.id, t.name, t.type, t.country, t.organization, t.sector)
    place = (None,) * 4 if loc is None else (loc.name, loc.country, loc.lat, loc.lon)
    return (
        event.event_id, event.article_id, event.origin, event.published, event.date, event.date_precision,
        s.id, s.name, s.type, s.country, s.organization, s.sector, *target,
        event.cameo, event.cameo_root, event.plover, event.plover_mode, event.quad_class, event.goldstein,
        event.intensity, event.evidence.sentence_index, event.sentence, *place,
        event.confidence, event.coder.name, event.coder.version, event_record(event),
    )


def replace_events(store: Store, article_id: str, events: Sequence[Event], *, coder_version: str | None = None) -> int:
    """Delete the article's events and insert ``events``, all or nothing. Returns how many were stored."""
    return replace_many(store, [(article_id, events)], coder_version=coder_version)


def replace_many(
    store: Store, batch: Iterable[tuple[str, Sequence[Event]]], *, coder_version: str | None = None
) -> int:
    """``replace_events`` for several articles in one transaction (one commit per batch is much faster).
    An article given twice keeps the events given last, as two ``replace_events`` would."""
    batch = list(dict(batch).items())
    ids = [article_id for article_id, _ in batch]
    rows = [_row(e) for _, events in batch for e in _unique(events)]
    if not ids:
        return 0
    # One columnar insert (DuckDB's executemany costs a round trip per row), read by DuckDB from this
    # local variable by its name: cheaper than registering and unregistering a view each time.
    _new_events = _arrow_table(rows) if rows else None  # noqa: F841
    with store.transaction() as conn:
        conn.execute("DELETE FROM events WHERE article_id IN (SELECT unnest($ids))", {"ids": ids})
        if rows:
            conn.execute(_INSERT)
        if coder_version is not None:
            conn.execute("UPDATE articles SET coded_at = current_timestamp, coder_version = $version "
                         "WHERE id IN (SELECT unnest($ids))", {"version": coder_version, "ids": ids})
    return len(rows)


_INSERT = f"INSERT INTO events ({', '.join(COLUMNS)}) SELECT {', '.join(COLUMNS)} FROM _new_events"


def _arrow_table(rows: list[tuple[Any, ...]]) -> Any:
    """The rows as an Arrow table, a column at a time (``zip`` turns rows into columns in C)."""
    import pyarrow as pa

    schema = _arrow_schema()
    return pa.Table.from_arrays([pa.array(column, type=field.type) for column, field in zip(zip(*rows), schema)],
                                schema=schema)


@functools.cache
def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {"published": pa.date32(), "date": pa.date32(), "quad_class": pa.int32(), "sentence_index": pa.int32(),
             "goldstein": pa.float64(), "intensity": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
             "confidence": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])


def _unique(events: Sequence[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        seen.setdefault(event.event_id, event)
    return list(seen.values())


def _date(name: str, value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidParameter(name, f"not a date: {value!r}", hint="use YYYY-MM-DD") from exc


def _dyad(value: str) -> tuple[str, str]:
    parts = value.upper().split(":")
    if len(parts) != 2 or not all(parts):
        raise InvalidParameter("dyad", f"not a dyad: {value!r}", hint="write SOURCE:TARGET, e.g. RUS:TJK")
    return parts[0], parts[1]


def _actor_clause(side: str, key: str) -> tuple[str, list[str]]:
    """An actor key matches a country code, an organization code, a knowledge-base id, a name, or the
    last word of a name (a surname: "Putin" finds "Vladimir Putin")."""
    cols = [f"{side}_country", f"{side}_org", f"{side}_id"]
    clause = " OR ".join(f"upper({c}) = ?" for c in cols)
    clause += f" OR lower({side}_name) = ? OR ends_with(lower({side}_name), ?)"
    return f"({clause})", [key.upper()] * len(cols) + [key.lower(), " " + key.lower()]


def query_events(
    store: Store,
    *,
    actor: str | None = None,
    dyad: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    plover: str | None = None,
    cameo: str | None = None,
    article_id: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored events as documented records (``event_json`` shape), newest first, filtered."""
    where, params = [], []
    if actor:
        src, p1 = _actor_clause("source", actor)
        tgt, p2 = _actor_clause("target", actor)
        where.append(f"({src} OR {tgt})")
        params += p1 + p2
    if dyad:
        a, b = _dyad(dyad)
        src, p1 = _actor_clause("source", a)
        tgt, p2 = _actor_clause("target", b)
        where.append(f"{src} AND {tgt}")
        params += p1 + p2
    if since is not None:
        where.append("date >= ?")
        params.append(_date("since", since))
    if until is not None:
        where.append("date <= ?")
        params.append(_date("until", until))
    if plover:
        from allegiance.coding.cameo import load_codebook

        types = load_codebook().plover_types()
        if plover.upper() not in types:
            raise InvalidParameter("plover", f"not a PLOVER 2021 event type: {plover!r}",
                                   hint="one of " + ", ".join(sorted(types)))
        where.append("upper(plover) = ?")
        params.append(plover.upper())
    if cameo:
        if not cameo.isdigit():
            raise InvalidParameter("cameo", f"not a CAMEO code: {cameo!r}", hint="digits, e.g. 04 or 112")
        where.append("starts_with(cameo, ?)")
        params.append(cameo)
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    if limit is not None and limit < 0:
        raise InvalidParameter("limit", "must not be negative")
    if offset < 0:
        raise InvalidParameter("offset", "must not be negative")
    sql = "SELECT record FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date DESC NULLS LAST, article_id, sentence_index, event_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    return [json.loads(r["record"]) for r in store.query(sql, params)]


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    rows = store.query("SELECT record FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise NotFound("no such event", input=event_id, hint="list events with `allegiance events`")
    return json.loads(rows[0]["record"])


def ids_to_code(store: Store, article_ids: Sequence[str] | None = None) -> list[str]:
    """The ids of the articles a (re-)coding run works on, in ingest order: all first copies, or those
    of ``article_ids`` (NotFound names any not stored); near-duplicates are skipped."""
    sql = "SELECT id, duplicate_of FROM articles"
    params: list[Any] = []
    if article_ids is not None:
        if not article_ids:
            return []
        sql += f" WHERE id IN ({', '.join('?' for _ in article_ids)})"
        params = list(article_ids)
    rows = store.query(sql + " ORDER BY ingested_at, id", params)
    if article_ids is not None:
        missing = set(article_ids) - {r["id"] for r in rows}
        if missing:
            raise NotFound(f"no such article(s): {', '.join(sorted(missing))}", input=sorted(missing)[0],
                           hint="list articles with `allegiance articles`")
    return [r["id"] for r in rows if not r["duplicate_of"]]


def articles_to_code(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """What coding reads of these articles (first copies only), in ingest order."""
    if not article_ids:
        return []
    marks = ", ".join("?" for _ in article_ids)
    return store.query("SELECT id, origin, title, published, clean_text FROM articles "
                       f"WHERE id IN ({marks}) AND duplicate_of IS NULL ORDER BY ingested_at, id", list(article_ids))


def count_events(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM events"))
