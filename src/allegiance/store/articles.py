"""Articles and their origins in the store.

Each article is saved by one INSERT, committed on its own with the origin its row holds, so an
interrupted batch keeps everything committed before the interruption and a rerun adds only the
rest. Origins: ``first`` (where the article was first read: its row's ``origin``),
``near_duplicate`` (a syndicated copy, stored as its own row with ``duplicate_of`` pointing to the
first copy; its row's ``origin`` too) and ``duplicate`` (the same clean text read again elsewhere:
a row of ``article_origins``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal, TextIO

import duckdb

from allegiance.errors import InvalidParameter, NotFound, StoreError
from allegiance.models import Article, Removal
from allegiance.store import Store

Outcome = Literal["new", "duplicate", "near_duplicate"]
EXPORT_FIELDS = (
    "id", "origin", "title", "url", "publisher", "author", "language",
    "published", "published_precision", "text", "duplicate_of", "similarity",
)
_EXPORT_SQL = """SELECT id, origin, title, url, publisher, author, language, published, published_precision,
    clean_text AS text, duplicate_of, similarity FROM articles ORDER BY ingested_at, id"""
_ARTICLE_COLUMNS = (
    "id, origin, title, url, publisher, author, language, published, published_precision, published_source, "
    "raw_text, clean_text, removed, duplicate_of, similarity"
)


def save(store: Store, article: Article, *, minhash: bytes | None = None) -> Outcome:
    """Store ``article`` with its origin atomically; an already stored id only gains the origin.

    A database that fails mid-batch (disk full, file made read-only) is a StoreError naming it:
    the batch stops there, with everything before it committed."""
    try:
        return _save(store, article, minhash)
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot store article {article.id} from {article.origin}: {exc}",
            input=store.path,
            hint="free disk space or fix the file's permissions, then rerun: stored articles are kept",
        ) from exc


# INSERT ... SELECT rather than ... VALUES: DuckDB materialises a VALUES list in a buffer-managed
# collection, whose block handle outlives the statement in the buffer pool's eviction queue; one per
# article, that was part of what made a long ingest's memory grow.
_INSERT_ARTICLE = f"INSERT INTO articles ({_ARTICLE_COLUMNS}, minhash) SELECT {', '.join('?' * 16)}"
# The same text read again elsewhere; reading it again from its own origin adds nothing.
_ADD_ORIGIN = """INSERT OR IGNORE INTO article_origins (article_id, origin, kind) SELECT ?, ?, 'duplicate'
    WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = ? AND origin = ?)"""


def _save(store: Store, article: Article, minhash: bytes | None) -> Outcome:
    # A new story is the common case: insert it outright and let the primary key say when it is
    # stored already, rather than asking first (or INSERT OR IGNORE ... RETURNING) on every article.
    # Its origin is in its row, so the one statement is the whole, atomic save: no transaction to
    # open and commit around it, which took half the CPU time of a save.
    try:
        store.execute(_INSERT_ARTICLE, [
            article.id, article.origin, article.title, article.url, article.publisher, article.author,
            article.language, article.published, article.published_precision, article.published_source,
            article.raw_text, article.clean_text, json.dumps([r.to_dict() for r in article.removed]),
            article.duplicate_of, article.similarity, minhash,
        ])
    except duckdb.ConstraintException as exc:
        if 'Duplicate key "id: ' not in str(exc):  # the articles key, not a NOT NULL
            raise
        store.execute(_ADD_ORIGIN, [article.id, article.origin, article.id, article.origin])
        return "duplicate"
    return "near_duplicate" if article.duplicate_of else "new"


def exists(store: Store, article_id: str) -> bool:
    return store.scalar("SELECT count(*) FROM articles WHERE id = ?", [article_id]) > 0


def needs_coding(store: Store, article_id: str) -> bool:
    """A first copy that has not been coded yet (e.g. the process was killed right after saving it)."""
    return bool(
        store.scalar(
            "SELECT count(*) FROM articles WHERE id = ? AND duplicate_of IS NULL AND coded_at IS NULL", [article_id]
        )
    )


def iter_signatures(store: Store, *, page: int = 2048) -> Iterator[tuple[str, bytes]]:
    """(id, MinHash BLOB) of every first copy in the order stored, to rebuild the near-duplicate index.

    Read a page of row ids at a time, dropping the blocks each page cached: DuckDB materialises a
    result before the first fetch, and one query over every signature (with the blocks its scan
    leaves cached) cost a resumed ingest 31 MB at 11,000 stored articles, growing with the store."""
    top = store.scalar("SELECT max(rowid) FROM articles")
    for low in range(0, -1 if top is None else top + 1, page):
        rows = store.query(
            "SELECT id, minhash FROM articles WHERE rowid >= ? AND rowid < ? AND duplicate_of IS NULL "
            "AND minhash IS NOT NULL ORDER BY rowid",
            [low, low + page],
        )
        store.drop_cache()
        yield from ((row["id"], bytes(row["minhash"])) for row in rows)


def signatures(store: Store, ids: Iterable[str]) -> list[tuple[str, bytes]]:
    ids = list(ids)
    if not ids:
        return []
    # A constant IN list is a filter on the id column's scan; a join against a list parameter
    # would read the whole table for every near-duplicate candidate.
    marks = ", ".join("?" * len(ids))
    rows = store.query(f"SELECT id, minhash FROM articles WHERE id IN ({marks}) AND minhash IS NOT NULL", ids)
    return [(r["id"], bytes(r["minhash"])) for r in rows]


def _article(row: dict[str, Any]) -> Article:
    removed = tuple(Removal(r["rule"], r["text"]) for r in json.loads(row["removed"] or "[]"))
    return Article(**{**{k: row[k] for k in row if k not in ("removed",)}, "removed": removed})


def load(store: Store, article_id: str) -> Article:
    """The stored article with this exact id."""
    rows = store.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id])
    if not rows:
        raise NotFound("no such article", input=article_id, hint="list ids with `allegiance articles`")
    return _article(rows[0])


def resolve_id(store: Store, prefix: str) -> str:
    """The full id of the one article whose id starts with ``prefix``."""
    prefix = prefix.strip().lower()
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        raise InvalidParameter("ID", f"{prefix!r} is not an article id (hex digits)")
    rows = store.query("SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 3", [prefix])
    if not rows:
        raise NotFound("no article with this id", input=prefix, hint="list ids with `allegiance articles`")
    if len(rows) > 1:
        raise InvalidParameter("ID", f"{prefix!r} matches several articles", hint="give more characters of the id")
    return str(rows[0]["id"])


def origins(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Every place this story was read: its own origins, then its near-duplicate copies'."""
    # An article's row holds the origin it was first read from (kind `first`, or `near_duplicate`
    # for a copy); article_origins holds the places the same text was read again.
    return store.query(
        """WITH copies AS (SELECT id, origin, duplicate_of, similarity, ingested_at FROM articles
                           WHERE id = ? OR duplicate_of = ?)
           SELECT origin, CASE WHEN duplicate_of IS NULL THEN 'first' ELSE 'near_duplicate' END AS kind,
                  similarity, ingested_at AS seen_at, id AS article_id FROM copies
           UNION ALL
           SELECT o.origin, o.kind, o.similarity, o.seen_at, o.article_id FROM article_origins o
           WHERE o.article_id IN (SELECT id FROM copies)
           ORDER BY seen_at, origin""",
        [article_id, article_id],
    )


def details(store: Store, id_or_prefix: str) -> dict[str, Any]:
    """What `allegiance show` prints: the article, its removals, origins and coding state."""
    article = load(store, resolve_id(store, id_or_prefix))
    data = article.to_dict()
    data["origins"] = [{**o, "seen_at": o["seen_at"].isoformat() if o["seen_at"] else None} for o in origins(store, article.id)]
    extra = store.query("SELECT ingested_at, coded_at, coder_version FROM articles WHERE id = ?", [article.id])[0]
    data.update({k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in extra.items()})
    data["events"] = int(store.scalar("SELECT count(*) FROM events WHERE article_id = ?", [article.id]))
    return data


def search(
    store: Store, *, text: str | None = None, since: dt.date | None = None, limit: int | None = 50
) -> list[dict[str, Any]]:
    """Articles newest first (by publication date, unknown dates last), optionally filtered."""
    where, params = ["TRUE"], []
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(title ILIKE ? ESCAPE '\\' OR clean_text ILIKE ? ESCAPE '\\')")
        params += [like, like]
    if since:
        where.append("published >= ?")
        params.append(since)
    sql = f"""SELECT id, published, published_precision, title, publisher, origin, duplicate_of,
        length(clean_text) AS chars FROM articles WHERE {' AND '.join(where)}
        ORDER BY published DESC NULLS LAST, ingested_at DESC, id"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def iter_export(store: Store, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every article as an export row (fields: EXPORT_FIELDS), streamed."""
    cursor = store.conn.cursor()
    try:
        cursor.execute(_EXPORT_SQL)
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield dict(zip(EXPORT_FIELDS, row))
    finally:
        cursor.close()


def export(store: Store, fmt: str, out: TextIO | str) -> int:
    """Write every article as ``fmt`` (jsonl | csv to a stream or path; parquet to a path). Returns rows."""
    if fmt == "parquet":
        if not isinstance(out, str):
            raise InvalidParameter("--out", "parquet needs a file", hint="pass --out FILE.parquet")
        quoted = out.replace("'", "''")
        store.conn.execute(f"COPY ({_EXPORT_SQL}) TO '{quoted}' (FORMAT parquet)")
        return int(store.scalar("SELECT count(*) FROM articles"))
    if fmt not in ("jsonl", "csv"):
        raise InvalidParameter("--format", f"unknown format {fmt!r}", hint="jsonl, csv or parquet")
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return export(store, fmt, stream)
    count = 0
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for row in iter_export(store):
        row = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
        if writer:
            writer.writerow(row)
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
