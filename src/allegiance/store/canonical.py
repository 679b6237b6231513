"""Reads and writes of ``canonical_events`` and ``events.canonical_id`` (one event, many mentions)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from allegiance.errors import NotFound
from allegiance.store import Store

CANONICAL_COLUMNS = (
    "canonical_id", "first_event_id", "date", "date_min", "date_max", "first_reported",
    "source_id", "target_id", "source_country", "target_country", "cameo", "cameo_root", "plover",
    "quad_class", "goldstein", "n_mentions", "n_articles", "n_sources", "explanation",
)


def mention_rows(store: Store) -> list[dict[str, Any]]:
    """Every event with what mention merging needs, in the deterministic order clustering relies on."""
    return store.query(
        """SELECT e.event_id, e.article_id, e.date, e.date_precision, e.published,
                  e.source_id, e.source_name, e.source_type, e.source_country, e.source_org,
                  e.target_id, e.target_name, e.target_type, e.target_country, e.target_org,
                  e.cameo, e.cameo_root, e.plover, e.quad_class, e.goldstein, e.location_name, e.sentence,
                  coalesce(a.publisher, regexp_extract(coalesce(a.url, a.origin), '^https?://([^/]+)', 1)) AS publisher
           FROM events e LEFT JOIN articles a ON a.id = e.article_id
           ORDER BY e.date NULLS LAST, e.published NULLS LAST, e.event_id"""
    )


def replace_all(store: Store, records: Sequence[dict[str, Any]], assignment: Sequence[tuple[str, str]]) -> None:
    """Swap in a new canonical assignment in one transaction (bulk-loaded through Arrow: it can be large)."""
    canon = pa.Table.from_pylist(list(records), schema=None) if records else None
    links = pa.table({"event_id": [a for a, _ in assignment], "canonical_id": [b for _, b in assignment]})
    with store.transaction() as conn:
        conn.execute("DELETE FROM canonical_events")
        if canon is not None:
            conn.register("new_canonical", canon)
            cols = ", ".join(CANONICAL_COLUMNS)
            conn.execute(f"INSERT INTO canonical_events ({cols}) SELECT {cols} FROM new_canonical")
            conn.unregister("new_canonical")
        conn.execute("UPDATE events SET canonical_id = NULL WHERE canonical_id IS NOT NULL")
        if assignment:
            conn.register("new_links", links)
            conn.execute(
                "UPDATE events SET canonical_id = l.canonical_id FROM new_links l WHERE events.event_id = l.event_id"
            )
            conn.unregister("new_links")


def explain(store: Store, ident: str) -> dict[str, Any]:
    """A canonical event (by canonical id, or by the id of any of its mentions) with why each mention merged."""
    rows = store.query(
        """SELECT c.* FROM canonical_events c
           WHERE c.canonical_id = ?
              OR c.canonical_id = (SELECT canonical_id FROM events WHERE event_id = ?)""",
        [ident, ident],
    )
    if not rows:
        event = store.query("SELECT record FROM events WHERE event_id = ?", [ident])
        if event:
            return {"canonical_id": None, "event": json.loads(event[0]["record"]), "mentions": [],
                    "note": "not merged yet: run `allegiance merge` (ingest and code do it automatically)"}
        raise NotFound("no event or canonical event with this id", input=ident, hint="list ids with `allegiance events`")
    canon = rows[0]
    explanation = json.loads(canon.pop("explanation") or "{}")
    reasons = {m["event_id"]: m for m in explanation.get("mentions", [])}
    mentions = store.query(
        """SELECT e.event_id, e.article_id, e.date, e.sentence, a.publisher, a.origin, a.title
           FROM events e LEFT JOIN articles a ON a.id = e.article_id
           WHERE e.canonical_id = ? ORDER BY e.date NULLS LAST, e.event_id""",
        [canon["canonical_id"]],
    )
    for m in mentions:
        info = reasons.get(m["event_id"])
        m["first_report"] = m["event_id"] == canon["first_event_id"]
        m["similarity"] = info["similarity"] if info else None
        m["reason"] = info["reason"] if info else "first report"
    first = store.query("SELECT record FROM events WHERE event_id = ?", [canon["first_event_id"]])
    return {
        **canon,
        "rule": explanation.get("rule"),
        "event": json.loads(first[0]["record"]) if first else None,
        "mentions": mentions,
    }
