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


def mention_rows(store: Store, *, unassigned: bool = False, canonical_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Events with what mention merging needs, in the deterministic order clustering relies on: every
    event, or only those with no canonical event yet (``unassigned``) and those of ``canonical_ids``."""
    clauses, params = [], []
    if unassigned:
        clauses.append("e.canonical_id IS NULL OR e.canonical_id NOT IN (SELECT canonical_id FROM canonical_events)")
    if canonical_ids:
        clauses.append("e.canonical_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(canonical_ids))
    where = ("WHERE " + " OR ".join(f"({c})" for c in clauses)) if clauses else ""
    return store.query(
        f"""SELECT e.event_id, e.article_id, e.date, e.date_precision, e.published,
                  e.source_id, e.source_name, e.source_type, e.source_country, e.source_org,
                  e.target_id, e.target_name, e.target_type, e.target_country, e.target_org,
                  e.cameo, e.cameo_root, e.plover, e.quad_class, e.goldstein, e.location_name, e.sentence,
                  coalesce(a.publisher, regexp_extract(coalesce(a.url, a.origin), '^https?://([^/]+)', 1)) AS publisher
           FROM events e LEFT JOIN articles a ON a.id = e.article_id {where}
           ORDER BY e.date NULLS LAST, e.published NULLS LAST, e.event_id""",
        params,
    )


def needs_full_merge(store: Store, rule: str) -> bool:
    """Whether some canonical event was made under another rule, or records no group (older versions):
    then only a full recompute gives what the rule gives."""
    return bool(store.scalar(
        """SELECT count(*) FROM canonical_events
           WHERE json_extract_string(explanation, '$.rule') IS DISTINCT FROM ?
              OR json_extract_string(explanation, '$.group') IS NULL""", [rule]))


def stale_groups(store: Store) -> set[str]:
    """Groups of the canonical events that lost mentions since they were made (events deleted or
    replaced by a re-code: a replaced event comes back with no canonical id)."""
    rows = store.query(
        """SELECT DISTINCT json_extract_string(c.explanation, '$.group') AS g
           FROM canonical_events c
           LEFT JOIN (SELECT canonical_id, count(*) AS n FROM events WHERE canonical_id IS NOT NULL GROUP BY 1) e
             ON e.canonical_id = c.canonical_id
           WHERE coalesce(e.n, 0) <> c.n_mentions""")
    return {r["g"] for r in rows}


def ids_in_groups(store: Store, groups: set[str]) -> list[str]:
    if not groups:
        return []
    return [r["canonical_id"] for r in store.query(
        """SELECT canonical_id FROM canonical_events
           WHERE json_extract_string(explanation, '$.group') IN (SELECT unnest(?::VARCHAR[]))""", [sorted(groups)])]


def replace(store: Store, records: Sequence[dict[str, Any]], assignment: Sequence[tuple[str, str]], *,
            drop: Sequence[str] | None = None) -> None:
    """Swap in canonical events in one transaction (bulk-loaded through Arrow: it can be large): all of
    them (``drop`` None), or those of ``drop`` only; ``assignment`` links every event that belonged to
    the replaced ones (or to none) to its new canonical event."""
    canon = pa.Table.from_pylist(list(records), schema=None) if records else None
    links = pa.table({"event_id": [a for a, _ in assignment], "canonical_id": [b for _, b in assignment]})
    with store.transaction() as conn:
        if drop is None:
            conn.execute("DELETE FROM canonical_events")
            conn.execute("UPDATE events SET canonical_id = NULL WHERE canonical_id IS NOT NULL")
        elif drop:
            conn.register("old_canonical", pa.table({"canonical_id": pa.array(list(drop), pa.string())}))
            conn.execute("DELETE FROM canonical_events WHERE canonical_id IN (SELECT canonical_id FROM old_canonical)")
            conn.unregister("old_canonical")
        if canon is not None:
            conn.register("new_canonical", canon)
            cols = ", ".join(CANONICAL_COLUMNS)
            conn.execute(f"INSERT INTO canonical_events ({cols}) SELECT {cols} FROM new_canonical")
            conn.unregister("new_canonical")
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
