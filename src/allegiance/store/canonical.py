"""Reads and writes of ``canonical_events`` and ``events.canonical_id`` (one event, many mentions)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pyarrow as pa

from allegiance.errors import NotFound
from allegiance.store import Store

CANONICAL_COLUMNS = (
    "canonical_id", "first_event_id", "date", "date_min", "date_max", "first_reported",
    "source_id", "target_id", "source_country", "target_country", "cameo", "cameo_root", "plover",
    "quad_class", "goldstein", "n_mentions", "n_articles", "n_sources", "explanation",
)


# What mention merging reads of each event (``mentions.cluster`` takes these rows).
_MENTION_COLUMNS = """e.event_id, e.article_id, e.date, e.date_precision, e.published,
    e.source_id, e.source_name, e.source_type, e.source_country, e.source_org,
    e.target_id, e.target_name, e.target_type, e.target_country, e.target_org,
    e.cameo, e.cameo_root, e.plover, e.quad_class, e.goldstein, e.location_name, e.sentence,
    coalesce(a.publisher, regexp_extract(coalesce(a.url, a.origin), '^https?://([^/]+)', 1)) AS publisher,
    e.canonical_id"""

# Events not linked to a stored canonical event: new ones, re-coded ones, those of dropped clusters.
UNASSIGNED = "(e.canonical_id IS NULL OR e.canonical_id NOT IN (SELECT canonical_id FROM canonical_events))"
_IN_TOUCHED = "json_extract_string(explanation, '$.group') IN (SELECT grp FROM merge_touched)"


def _actor_key(side: str) -> str:
    """``mentions.actor_key`` in SQL: an organization's key (from ``merge_org_keys``, which Python
    fills), else the country, else the id, else the name; empty strings count as missing, as in Python."""
    return (f"CASE WHEN coalesce(e.{side}_org, '') <> '' THEN k_{side}.key "
            f"ELSE coalesce(nullif(e.{side}_country, ''), nullif(e.{side}_id, ''), e.{side}_name) END")


# Mentions merge only within a group (directed dyad of actor keys, event type), so a hash of the
# group splits the events into parts that are clustered one at a time with the same result.
_GROUP_HASH = f"hash({_actor_key('source')}, {_actor_key('target')}, coalesce(nullif(e.plover, ''), e.cameo_root))"
_KEY_JOINS = "".join(
    f" LEFT JOIN merge_org_keys k_{side} ON k_{side}.org = e.{side}_org"
    f" AND k_{side}.country IS NOT DISTINCT FROM e.{side}_country" for side in ("source", "target"))


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


def unassigned_kinds(store: Store) -> list[dict[str, Any]]:
    """The distinct actors and types of the unassigned events: what their groups are made of (far
    fewer than the events: a few hundred actors and types serve thousands of them)."""
    return store.query(
        f"""SELECT DISTINCT e.source_org, e.source_country, e.source_id, e.source_name,
                  e.target_org, e.target_country, e.target_id, e.target_name, e.plover, e.cameo_root
           FROM events e WHERE {UNASSIGNED}""")


@contextlib.contextmanager
def remerge(store: Store, touched: set[str] | None, org_key: Callable[[str, str | None], str | None],
            part_events: int) -> Iterator["Remerge"]:
    """One merge of mentions, a part at a time: the events to merge (all of them with ``touched`` None;
    else the unlinked ones and those of the canonical events of the ``touched`` groups) are read a
    part (whole groups, about ``part_events`` events) at a time, and each part's canonical events
    replace the ones its events had in a transaction of their own. So what Python and DuckDB hold is
    one part's (and a narrow list of the events to merge), however many events the merge covers.
    ``org_key(org, country)`` is an organization's actor key."""
    if touched is None:
        selected, stale = "TRUE", "TRUE"
    else:
        selected = f"({UNASSIGNED} OR e.canonical_id IN (SELECT canonical_id FROM canonical_events WHERE {_IN_TOUCHED}))"
        stale = _IN_TOUCHED
    conn = store.conn
    with store.transaction():
        if touched is not None:
            conn.register("merge_touched", pa.table({"grp": pa.array(sorted(touched), pa.string())}))
        # Canonical events no event links to any more: no part reaches them.
        conn.execute(f"""DELETE FROM canonical_events c WHERE {stale}
                         AND NOT EXISTS (SELECT 1 FROM events e WHERE e.canonical_id = c.canonical_id)""")
        pairs = conn.execute(
            f"""SELECT DISTINCT org, country FROM (
                    SELECT e.source_org AS org, e.source_country AS country FROM events e WHERE {selected}
                    UNION ALL SELECT e.target_org, e.target_country FROM events e WHERE {selected})
                WHERE coalesce(org, '') <> ''""").fetchall()
        conn.register("merge_org_keys", pa.table({
            "org": pa.array([o for o, _ in pairs], pa.string()),
            "country": pa.array([c for _, c in pairs], pa.string()),
            "key": pa.array([org_key(o, c) for o, c in pairs], pa.string()),
        }))
        # The events to merge and their group's hash, worked out once rather than for every part:
        # about 30 bytes an event, in a temporary table DuckDB may spill to disk.
        conn.execute(f"""CREATE OR REPLACE TEMP TABLE merge_pending AS
                         SELECT e.event_id, {_GROUP_HASH} AS h FROM events e {_KEY_JOINS} WHERE {selected}""")
        conn.unregister("merge_org_keys")
        if touched is not None:
            conn.unregister("merge_touched")
        pending = conn.execute("SELECT count(*) FROM merge_pending").fetchall()[0][0]
    try:
        yield Remerge(store, -(-pending // part_events))
    finally:
        with store.transaction():
            conn.execute("DROP TABLE merge_pending")


class Remerge:
    """The events to merge, in ``parts`` parts of whole groups, and where their canonical events go.

    A part's writes touch only its own groups' events and canonical events, so the parts may be
    written in turn, each in a transaction of its own."""

    def __init__(self, store: Store, parts: int):
        self._store, self.parts = store, parts

    def rows(self, part: int) -> list[dict[str, Any]]:
        """The events of one part, in date, then publication date, then id order (undated last)."""
        with self._store.transaction() as conn:
            result = conn.execute(
                f"""SELECT {_MENTION_COLUMNS}
                    FROM merge_pending p JOIN events e ON e.event_id = p.event_id
                    LEFT JOIN articles a ON a.id = e.article_id
                    WHERE p.h % ? = ?
                    ORDER BY e.date NULLS LAST, e.published NULLS LAST, e.event_id""", [self.parts, part])
            columns = [d[0] for d in result.description or []]
            return [dict(zip(columns, row)) for row in result.fetchall()]

    def write(self, rows: Sequence[dict[str, Any]], records: Sequence[dict[str, Any]],
              assignment: Sequence[tuple[str, str]]) -> None:
        """Replace the canonical events a part's ``rows`` linked to with ``records`` and link each
        event to its own, in one transaction (bulk-loaded through Arrow); then evict the table blocks
        the part read from DuckDB's cache (``Store.drop_cache``), which would otherwise fill up with
        the whole table by the last part."""
        old = {row["canonical_id"] for row in rows if row["canonical_id"]} | {r["canonical_id"] for r in records}
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM canonical_events WHERE canonical_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(old)])
            if records:
                conn.register("new_canonical", pa.Table.from_pylist(list(records)))
                cols = ", ".join(CANONICAL_COLUMNS)
                conn.execute(f"INSERT INTO canonical_events ({cols}) SELECT {cols} FROM new_canonical")
                conn.unregister("new_canonical")
                conn.register("new_links", pa.table({"event_id": [a for a, _ in assignment],
                                                     "canonical_id": [b for _, b in assignment]}))
                conn.execute("UPDATE events SET canonical_id = l.canonical_id FROM new_links l WHERE events.event_id = l.event_id")
                conn.unregister("new_links")
        self._store.drop_cache()


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
