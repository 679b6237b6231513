"""Derived tables for the relations analysis (pre-aggregation), rebuilt whenever the events change.

- ``relations_facts``: one row per canonical event (its first report) with the actor keys, network
  node ids and event date precomputed, sorted by date so DuckDB's zone maps skip most of the table
  for a time window (network, alerts, events of one period).
- ``relations_day`` / ``relations_week`` / ``relations_month``: per (source key, target key, period
  start ``d``) counts per quad class and Goldstein sums, so a dyad series, a bloc's cohesion or the
  news volume reads a few rows per period instead of every event.
- ``relations_facts_meta``: the (events, canonical events) row counts they were built from.

Only a writable store (the API server, the only writer) builds them; readers use them when fresh and
fall back to ``events`` otherwise.
"""

from __future__ import annotations

from allegiance.store import Store

FACTS = "relations_facts"
FORMAT = 4  # bump when the derived tables change shape: older ones are then rebuilt


def side_key(side: str) -> str:
    """SQL for an event side's actor key: organizations and groups by code, everything else by country."""
    return (
        f"CASE WHEN {side}_type IN ('organization', 'group') AND {side}_org IS NOT NULL "
        f"THEN {side}_org ELSE {side}_country END"
    )


def node_key(side: str, people: bool) -> str:
    """SQL for an event side's network node: ``p:`` person (when ``people``), ``o:`` organization, ``s:`` state."""
    person = f"WHEN {side}_type = 'person' AND {side}_id IS NOT NULL THEN {side}_id " if people else ""
    return (
        f"CASE {person}WHEN {side}_type IN ('organization', 'group') AND {side}_org IS NOT NULL "
        f"THEN 'o:' || {side}_org WHEN {side}_country IS NOT NULL THEN 's:' || {side}_country END"
    )


# Every event, with the derived columns the relations queries use (the same names as in the facts).
RAW_EVENTS = (
    f"(SELECT *, {side_key('source')} AS source_key, {side_key('target')} AS target_key, "
    f"{node_key('source', True)} AS source_node, {node_key('target', True)} AS target_node, "
    f"{node_key('source', False)} AS source_state, {node_key('target', False)} AS target_state, "
    "coalesce(date, published) AS d FROM events)"
)
ROLLUPS = {"day": "relations_day", "week": "relations_week", "month": "relations_month"}
FIRST_REPORT = (
    "QUALIFY row_number() OVER (PARTITION BY coalesce(canonical_id, event_id) "
    "ORDER BY d NULLS LAST, event_id) = 1"
)
_COLUMNS = """event_id, canonical_id, article_id, d,
    source_id, source_name, source_type, source_country, source_org, source_key, source_node, source_state,
    target_id, target_name, target_type, target_country, target_org, target_key, target_node, target_state,
    cameo, cameo_root, plover, quad_class, goldstein"""


def facts_version(store: Store) -> tuple[int, int] | None:
    """The (events, canonical events) counts the facts were built from, or None when never built."""
    exists = store.scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'relations_facts_meta'")
    if not exists:
        return None
    rows = store.query("SELECT * FROM relations_facts_meta")
    if not rows or rows[0].get("format") != FORMAT:
        return None
    return int(rows[0]["events"]), int(rows[0]["canonical"])


def build_facts(store: Store, version: tuple[int, int]) -> None:
    """(Re)build the facts in one transaction: readers see the old table or the new one."""
    with store.transaction() as conn:
        # Only merged stories need the window; the others are their own first report.
        conn.execute(f"""
            CREATE OR REPLACE TABLE {FACTS} AS
            SELECT * FROM (
                SELECT {_COLUMNS} FROM {RAW_EVENTS} WHERE canonical_id IS NULL
                UNION ALL
                SELECT {_COLUMNS} FROM {RAW_EVENTS} WHERE canonical_id IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY canonical_id ORDER BY d NULLS LAST, event_id) = 1)
            ORDER BY d, source_key, target_key""")
        for interval, table in ROLLUPS.items():
            conn.execute(f"""
                CREATE OR REPLACE TABLE {table} AS
                SELECT source_key, target_key, date_trunc('{interval}', d)::DATE AS d, count(*) AS n,
                       count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                       count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                       coalesce(sum(goldstein), 0) AS gsum, count(goldstein) AS ng
                FROM {FACTS} WHERE d IS NOT NULL GROUP BY ALL
                ORDER BY source_key NULLS LAST, target_key NULLS LAST, d""")
        conn.execute("CREATE OR REPLACE TABLE relations_facts_meta "
                     "(events BIGINT, canonical BIGINT, format INTEGER, built_at TIMESTAMP)")
        conn.execute("INSERT INTO relations_facts_meta VALUES (?, ?, ?, current_timestamp)", [*version, FORMAT])
