"""The relations fact table: one row per canonical event, with actor keys precomputed.

``relations_facts`` is derived data (rebuilt from ``events`` whenever the events or canonical events
change; ``relations_facts_meta`` records the row counts it was built from). It keeps only the first
report of each canonical event and the columns the relations analysis filters and groups on, sorted
by dyad and date so DuckDB's zone maps skip most of the table for a dyad query. Only a writable store
(the API server, the only writer) builds it; readers use it when it is fresh and fall back to
``events`` otherwise.
"""

from __future__ import annotations

from allegiance.store import Store

FACTS = "relations_facts"


def side_key(side: str) -> str:
    """SQL for an event side's actor key: organizations and groups by code, everything else by country."""
    return (
        f"CASE WHEN {side}_type IN ('organization', 'group') AND {side}_org IS NOT NULL "
        f"THEN {side}_org ELSE {side}_country END"
    )


# Every event, with the derived columns the relations queries use (the same names as in the facts).
RAW_EVENTS = (
    f"(SELECT *, {side_key('source')} AS source_key, {side_key('target')} AS target_key, "
    "coalesce(date, published) AS d FROM events)"
)
FIRST_REPORT = (
    "QUALIFY row_number() OVER (PARTITION BY coalesce(canonical_id, event_id) "
    "ORDER BY d NULLS LAST, event_id) = 1"
)


def facts_version(store: Store) -> tuple[int, int] | None:
    """The (events, canonical events) counts the facts were built from, or None when never built."""
    exists = store.scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'relations_facts_meta'")
    if not exists:
        return None
    rows = store.query("SELECT events, canonical FROM relations_facts_meta")
    return (int(rows[0]["events"]), int(rows[0]["canonical"])) if rows else None


def build_facts(store: Store, version: tuple[int, int]) -> None:
    """(Re)build the facts in one transaction: readers see the old table or the new one."""
    with store.transaction() as conn:
        conn.execute(f"""
            CREATE OR REPLACE TABLE {FACTS} AS
            SELECT event_id, canonical_id, article_id, d,
                   source_id, source_name, source_type, source_country, source_org, source_key,
                   target_id, target_name, target_type, target_country, target_org, target_key,
                   cameo, cameo_root, plover, quad_class, goldstein
            FROM {RAW_EVENTS} {FIRST_REPORT}
            ORDER BY source_key NULLS LAST, target_key NULLS LAST, d""")
        conn.execute("CREATE OR REPLACE TABLE relations_facts_meta (events BIGINT, canonical BIGINT, built_at TIMESTAMP)")
        conn.execute("INSERT INTO relations_facts_meta VALUES (?, ?, current_timestamp)", list(version))
