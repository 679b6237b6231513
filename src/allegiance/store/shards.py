"""Merge a worker's Parquet shard into the database: all of it in one transaction, or none of it.

``merged_shards`` records each merged shard id, so merging the same shard again does nothing, and a
driver killed mid-merge leaves the database as it was before that shard. Which articles are new,
exact duplicates or near-duplicates is decided by the caller (it holds the MinHash index); this
module only writes what it is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from allegiance.store import Store
from allegiance.store.events import COLUMNS as EVENT_COLUMNS

_ARTICLE_COLUMNS = (
    "id, origin, title, url, publisher, author, language, published, published_precision, published_source, "
    "raw_text, clean_text, removed, minhash"
)


def merged_articles(store: Store, shard_id: str) -> int | None:
    """How many articles a merged shard held (None when the shard was never merged)."""
    return store.scalar("SELECT articles FROM merged_shards WHERE shard = ?", [shard_id])


def existing_ids(store: Store, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    table = pa.table({"id": list(ids)})
    cursor = store.conn.cursor()
    try:
        cursor.register("probe_ids", table)
        return {row[0] for row in cursor.execute("SELECT a.id FROM articles a JOIN probe_ids p ON a.id = p.id").fetchall()}
    finally:
        cursor.close()


def read_shard(folder: str | Path) -> tuple[pa.Table, pa.Table]:
    folder = Path(folder)
    return pq.read_table(folder / "articles.parquet"), pq.read_table(folder / "events.parquet")


def merge(
    store: Store,
    shard_id: str,
    articles: pa.Table,
    events: pa.Table,
    *,
    outcome: Sequence[str],
    duplicate_of: Sequence[str | None],
    similarity: Sequence[float | None],
    coder_version: str | None,
) -> tuple[int, int]:
    """Write one shard. ``outcome[i]`` is new | near_duplicate | duplicate for ``articles`` row i.

    Returns (articles inserted, events inserted). Events are kept only for new first copies;
    ``coder_version`` marks them coded (None when the shard was ingested with ``--no-code``).
    """
    plan = articles.append_column("outcome", pa.array(list(outcome), pa.string()))
    plan = plan.append_column("duplicate_of", pa.array(list(duplicate_of), pa.string()))
    plan = plan.append_column("similarity", pa.array(list(similarity), pa.float64()))
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM merged_shards WHERE shard = ?", [shard_id]).fetchone():
            return 0, 0
        conn.register("shard_articles", plan)
        conn.register("shard_events", events)
        try:
            conn.execute(
                f"""INSERT INTO articles ({_ARTICLE_COLUMNS}, duplicate_of, similarity)
                    SELECT {_ARTICLE_COLUMNS}, duplicate_of, similarity FROM shard_articles
                    WHERE outcome IN ('new', 'near_duplicate')"""
            )
            inserted = conn.execute("SELECT count(*) FROM shard_articles WHERE outcome IN ('new', 'near_duplicate')").fetchone()[0]
            # New articles and near-duplicates carry their origin in their rows; what a shard read
            # again is an extra origin, unless it is the article's own.
            conn.execute(
                """INSERT OR IGNORE INTO article_origins (article_id, origin, kind)
                   SELECT DISTINCT ON (s.id, s.origin) s.id, s.origin, 'duplicate' FROM shard_articles s
                   WHERE s.outcome = 'duplicate'
                     AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.id AND a.origin = s.origin)"""
            )
            cols = ", ".join(EVENT_COLUMNS)
            conn.execute(
                f"""INSERT OR IGNORE INTO events ({cols})
                    SELECT {cols} FROM shard_events
                    WHERE article_id IN (SELECT id FROM shard_articles WHERE outcome = 'new')"""
            )
            n_events = conn.execute(
                "SELECT count(*) FROM shard_events WHERE article_id IN (SELECT id FROM shard_articles WHERE outcome = 'new')"
            ).fetchone()[0]
            if coder_version is not None:  # coded in the worker, even when it found no events
                conn.execute(
                    """UPDATE articles SET coded_at = current_timestamp, coder_version = ?
                       WHERE id IN (SELECT id FROM shard_articles WHERE outcome = 'new')""",
                    [coder_version],
                )
            conn.execute("INSERT INTO merged_shards (shard, articles, events) VALUES (?, ?, ?)",
                         [shard_id, articles.num_rows, n_events])
        finally:
            conn.unregister("shard_articles")
            conn.unregister("shard_events")
    return int(inserted), int(n_events)
