"""The DuckDB store: the only module that talks to DuckDB.

One process writes at a time (DuckDB's own file lock enforces it); readers open read-only.
Schema changes are numbered migrations, applied in order and recorded in ``schema_version``.
Table-specific reads and writes live in the sibling modules (``articles``, ``events``, ...),
all through :class:`Store`.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from allegiance.errors import StoreError
from allegiance.store.allocator import prompt_release

T = TypeVar("T")

# Append only: a migration, once released, never changes. Each is a list of statements.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            origin VARCHAR NOT NULL,
            title VARCHAR, url VARCHAR, publisher VARCHAR, author VARCHAR, language VARCHAR,
            published DATE, published_precision VARCHAR, published_source VARCHAR,
            raw_text VARCHAR NOT NULL, clean_text VARCHAR NOT NULL,
            removed JSON,
            duplicate_of VARCHAR, similarity DOUBLE,
            minhash BLOB,
            ingested_at TIMESTAMP DEFAULT current_timestamp,
            coded_at TIMESTAMP, coder_version VARCHAR
        )""",
        """CREATE TABLE article_origins (
            article_id VARCHAR NOT NULL,
            origin VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,           -- first | duplicate | near_duplicate
            similarity DOUBLE,
            seen_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (article_id, origin)
        )""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            origin VARCHAR,
            published DATE, date DATE, date_precision VARCHAR,
            source_id VARCHAR, source_name VARCHAR, source_type VARCHAR, source_country VARCHAR,
            source_org VARCHAR, source_sector VARCHAR,
            target_id VARCHAR, target_name VARCHAR, target_type VARCHAR, target_country VARCHAR,
            target_org VARCHAR, target_sector VARCHAR,
            cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, plover VARCHAR, plover_mode VARCHAR,
            quad_class INTEGER, goldstein DOUBLE, intensity DOUBLE,
            sentence_index INTEGER, sentence VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            confidence DOUBLE, coder_name VARCHAR, coder_version VARCHAR,
            canonical_id VARCHAR,
            record JSON NOT NULL
        )""",
        "CREATE INDEX events_article ON events(article_id)",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_dyad ON events(source_country, target_country)",
        """CREATE TABLE canonical_events (
            canonical_id VARCHAR PRIMARY KEY,
            first_event_id VARCHAR NOT NULL,
            date DATE, date_min DATE, date_max DATE, first_reported DATE,
            source_id VARCHAR, target_id VARCHAR, source_country VARCHAR, target_country VARCHAR,
            cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
            n_mentions INTEGER, n_articles INTEGER, n_sources INTEGER,
            explanation JSON
        )""",
        """CREATE TABLE alerts_seen (
            rule VARCHAR NOT NULL, series VARCHAR NOT NULL, date DATE NOT NULL,
            first_seen TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (rule, series, date)
        )""",
        """CREATE TABLE merged_shards (
            shard VARCHAR PRIMARY KEY,
            merged_at TIMESTAMP DEFAULT current_timestamp,
            articles INTEGER, events INTEGER
        )""",
    ],
    # 2: an article's own origin is its row's `origin` (its first copy's, or a near-duplicate's),
    # so saving an article is one INSERT, atomic alone; article_origins keeps only the places the
    # same text was read again (kind `duplicate`). The rows it held for first copies and
    # near-duplicates repeated their article row and go.
    [
        """DELETE FROM article_origins o WHERE o.kind IN ('first', 'near_duplicate')
           AND EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id AND a.origin = o.origin)""",
    ],
    # 3: the three secondary indexes on `events` served no query: with or without them, DuckDB plans
    # a sequential scan, pruned by each row group's min/max, for every filter on article, date or
    # dyad. But DuckDB holds an index whole in memory and updates it at every insert and delete, so
    # they made a coded batch's memory grow with the corpus (docs/ingest.md, "Twelfth session").
    [
        "DROP INDEX IF EXISTS events_article",
        "DROP INDEX IF EXISTS events_date",
        "DROP INDEX IF EXISTS events_dyad",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

# Memory must not grow with the database. Left alone, DuckDB lets its buffer pool grow towards 80%
# of RAM, keeping every block it has written cached, and holds uncheckpointed rows in memory until
# the write-ahead log reaches 16 MB. With per-article commits both grow with the batch. These bound
# them; queries larger than the limit spill to a temporary folder next to the database.
# ALLEGIANCE_DB_MEMORY_LIMIT overrides the limit (e.g. "1GB" for a large analysis).
# Each checkpoint of a table written row by row adds a small row group, and DuckDB's vacuum merges
# runs of them at its checkpoints (observed each time the article count doubles), rewriting the
# whole run in memory: a transient peak proportional to the table, up to 122,880 rows of article
# text. A writer therefore schedules no merges (MAX_VACUUM_TASKS): row groups stay as checkpoints
# wrote them (about 1,000 articles each) and fully deleted row groups are still dropped.
DEFAULT_MEMORY_LIMIT = "64MB"
CHECKPOINT_THRESHOLD = "4MB"
MAX_VACUUM_TASKS = 0
CACHE_FLOOR = 2**20  # bytes of cached blocks ``Store.drop_cache`` leaves
RESTORE_WAITS = (0.0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)  # seconds between tries (about 0.9 s)


def default_db_path() -> str:
    from allegiance.config import load_settings

    return os.environ.get("ALLEGIANCE_DB") or load_settings().db


def _check_path(path: Path, read_only: bool) -> None:
    """The user errors DuckDB would report obscurely, named plainly before it is asked."""
    if path.is_dir():
        raise StoreError("is a folder, not a database file", input=str(path), hint="pass a file path such as --db news.duckdb")
    if not path.parent.is_dir():
        raise StoreError(f"folder {path.parent} does not exist", input=str(path), hint="create it first or choose another --db path")
    if read_only:
        return
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError("database file is read-only", input=str(path), hint="make it writable or ingest into another --db file")
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StoreError(f"cannot create a file in {path.parent}", input=str(path), hint="choose a writable folder for --db")


def _open_hint(message: str) -> str:
    if "lock" in message.lower():
        return "another allegiance process is writing to it; DuckDB allows one writer"
    if "permission" in message.lower() or "read-only" in message.lower():
        return "make the file and its folder writable, or choose another --db path"
    if "not a valid duckdb" in message.lower() or "magic" in message.lower():
        return "this file is not an allegiance database; choose another --db path"
    return "check the --db path (or ALLEGIANCE_DB)"


class Store:
    """A connection to one database file (or ``:memory:``)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = str(path) if path is not None else default_db_path()
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError("database does not exist", input=self.path, hint="run `allegiance ingest` first or pass --db")
        if self.path != ":memory:":
            _check_path(Path(self.path), read_only)
        try:
            self.conn = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database: {exc}", input=self.path, hint=_open_hint(str(exc))) from exc
        self._configure()
        self._lock = threading.RLock()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        if not read_only:
            self.migrate()
        elif self.schema_version() != SCHEMA_VERSION:
            raise StoreError(
                f"schema version {self.schema_version()} but this allegiance needs {SCHEMA_VERSION}",
                input=self.path,
                hint="open it once read-write (any allegiance write command) to migrate",
            )

    def _configure(self) -> None:
        limit = os.environ.get("ALLEGIANCE_DB_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT
        self._memory_limit = limit.replace(chr(39), "")
        try:
            self.conn.execute(f"SET memory_limit = '{self._memory_limit}'")
            if not self.read_only:
                self.conn.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
                self.conn.execute(f"SET max_vacuum_tasks = {MAX_VACUUM_TASKS}")
        except duckdb.Error as exc:
            self.conn.close()
            raise StoreError(
                f"bad ALLEGIANCE_DB_MEMORY_LIMIT {limit!r}: {exc}", input=self.path, hint="use a size such as 256MB or 2GB"
            ) from exc

    # --- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()
        self._cursors.clear()
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def drop_cache(self) -> None:
        """Evict the table blocks DuckDB keeps cached, keeping everything else.

        DuckDB keeps every block it has written or read cached until ``memory_limit`` forces it out,
        so a long write-only batch (ingest) grows towards the limit although it rarely reads those
        blocks again. Lowering the limit for a moment to what is not cache (indexes, rows not yet
        checkpointed, running queries) plus CACHE_FLOOR evicts the cached blocks, and only them:
        a lower floor would push unflushed rows out to temporary files. The limit is then restored."""
        with self._lock:
            in_use = self.conn.execute(
                "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag <> 'BASE_TABLE'"
            ).fetchone()[0]
            try:
                self.conn.execute(f"SET memory_limit = '{int(in_use) + CACHE_FLOOR}B'")
            except duckdb.OutOfMemoryException:
                pass  # something else grew meanwhile: what could be evicted has been
            finally:
                self._restore_memory_limit()

    def _restore_memory_limit(self) -> None:
        """Set the memory limit back after ``drop_cache`` lowered it, waiting if it must.

        A read on another thread (they run without the lock) can take memory past the lowered limit
        while it holds. Then even the statement that raises the limit cannot allocate what it needs,
        and fails, until that read fails for want of memory itself and frees what it held: at most a
        few milliseconds. Left alone, the limit stayed down for good and every later query failed
        (about one run in fifty of tests/coding/test_code_stream.py)."""
        for wait in RESTORE_WAITS:
            try:
                self.conn.execute(f"SET memory_limit = '{self._memory_limit}'")
                return
            except duckdb.OutOfMemoryException:
                time.sleep(wait)
        raise StoreError(
            "cannot raise DuckDB's memory limit back after dropping its cache: the memory is held by a query",
            input=self.path, hint="rerun; if it happens again, raise ALLEGIANCE_DB_MEMORY_LIMIT",
        )

    @contextlib.contextmanager
    def lean_writes(self, *, release: bool = True) -> Iterator[None]:
        """For a long batch of small commits (ingest): one DuckDB thread and, with ``release``, freed
        pages returned to the system at once (``allocator.prompt_release``); both as before afterwards.

        With worker threads, each checkpoint's work ran on a DuckDB thread whose allocations sat in
        allocator caches and arenas of their own, and the peak of a long batch crept up with every
        checkpoint. A single-row commit gains nothing from parallel execution. Returning pages at once
        costs system time, and while spaCy parses on the other core it slows the parse too, so a
        batch that codes does without it (``ingest``; measured in docs/coding-speed.md)."""
        threads = int(self.scalar("SELECT current_setting('threads')"))
        self.execute("SET threads = 1")
        try:
            with prompt_release() if release else contextlib.nullcontext():
                yield
        finally:
            self.execute(f"SET threads = {threads}")

    # --- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"schema version {current} is newer than this allegiance ({SCHEMA_VERSION})",
                input=self.path,
                hint="upgrade allegiance",
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in MIGRATIONS[version - 1]:
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_version (version) VALUES (?)", [version])

    # --- access ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        with self._lock:
            self.conn.execute("BEGIN TRANSACTION")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor. Opening one costs milliseconds, so each thread keeps its own."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.conn.cursor()
            with self._lock:
                self._cursors.append(cursor)
        return cursor

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts. Thread-safe: each thread reads through its own cursor."""

        def rows() -> list[dict[str, Any]]:
            result = self._cursor().execute(sql, params or [])
            columns = [d[0] for d in result.description or []]
            return [dict(zip(columns, row)) for row in result.fetchall()]

        return self._read(rows)

    def _read(self, read: Callable[[], T]) -> T:
        """Run a read on this thread's cursor without the lock, so reads overlap writes.

        The memory limit is the connection's, shared by every cursor: while ``drop_cache`` holds it
        down for a moment on another thread, a read here can fail for want of memory it will have
        again once the limit is restored. Such a read is run once more under the lock, after the
        restore; a read that fails then lacks memory for real, and its error stands."""
        try:
            return read()
        except duckdb.OutOfMemoryException:
            with self._lock:
                return read()

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        # fetchall, not fetchone: a result left unfinished keeps its read transaction open on this
        # thread's cursor for as long as the cursor lives, and under an open transaction DuckDB can
        # neither release the blocks later checkpoints write nor drop them from its cache. One
        # `SELECT max(rowid)` at the start of an ingest made its memory grow by 0.75 MB per 1,000
        # articles that way.
        rows = self._read(lambda: self._cursor().execute(sql, params or []).fetchall())
        return rows[0][0] if rows else None

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        with self._lock:
            self.conn.execute(sql, params or [])

    def counts(self) -> dict[str, int]:
        """Rows per table; ``article_origins`` counts every place an article was read, its own
        origin (kept in its row) included."""
        tables = ["articles", "article_origins", "events", "canonical_events"]
        counts = {t: int(self.scalar(f"SELECT count(*) FROM {t}")) for t in tables}
        counts["article_origins"] += counts["articles"]
        return counts
