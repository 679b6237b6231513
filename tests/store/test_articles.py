from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from allegiance.errors import InvalidParameter, NotFound, StoreError
from allegiance.models import Article, Removal
from allegiance.store import CACHE_FLOOR, SCHEMA_VERSION, Store
from allegiance.store import articles as stored


def make(article_id: str, text: str = "Putin met Tokayev in Moscow on Monday.", **fields: object) -> Article:
    base = dict(
        id=article_id, origin=f"{article_id}.txt", title=f"Title {article_id}", url=None, publisher="Wire",
        author=None, language="en", published=dt.date(2022, 5, 16), published_precision="day",
        published_source="text", raw_text="Share this\n" + text, clean_text=text,
        removed=(Removal("share-subscribe", "Share this"),),
    )
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


def test_save_load_round_trip(store: Store) -> None:
    article = make("aaaa000000000001")
    assert stored.save(store, article, minhash=b"\x01" * 512) == "new"
    assert stored.load(store, article.id) == article
    assert stored.signatures(store, [article.id]) == [(article.id, b"\x01" * 512)]
    assert list(stored.iter_signatures(store)) == [(article.id, b"\x01" * 512)]


def test_iter_signatures_pages_through_every_first_copy_in_stored_order(store: Store) -> None:
    ids = [f"aaaa{n:012d}" for n in range(7)]
    for n, article_id in enumerate(ids):
        stored.save(store, make(article_id, f"Story number {n}."), minhash=bytes([n]) * 512)
    store.execute("DELETE FROM articles WHERE id = ?", [ids[3]])  # a gap in the row ids
    assert list(stored.iter_signatures(store, page=2)) == [(i, bytes([n]) * 512) for n, i in enumerate(ids) if n != 3]


def test_exact_duplicate_adds_only_an_origin_and_rerun_adds_nothing(store: Store) -> None:
    article = make("aaaa000000000001")
    stored.save(store, article)
    assert stored.save(store, dataclasses.replace(article, origin="copy.txt")) == "duplicate"
    assert stored.save(store, article) == "duplicate"  # the same origin again: nothing new
    assert store.counts()["articles"] == 1
    assert [(o["origin"], o["kind"]) for o in stored.origins(store, article.id)] == [
        ("aaaa000000000001.txt", "first"), ("copy.txt", "duplicate")]


def test_near_duplicate_keeps_both_origins_and_is_not_indexed(store: Store) -> None:
    first = make("aaaa000000000001")
    copy = make("bbbb000000000002", "Putin met Tokayev in Moscow on Monday, the Kremlin said.",
                origin="syndicated.txt", duplicate_of=first.id, similarity=0.93)
    stored.save(store, first, minhash=b"\x01" * 512)
    assert stored.save(store, copy, minhash=b"\x02" * 512) == "near_duplicate"
    assert [i for i, _ in stored.iter_signatures(store)] == [first.id]
    assert {(o["origin"], o["kind"]) for o in stored.origins(store, first.id)} == {
        ("aaaa000000000001.txt", "first"), ("syndicated.txt", "near_duplicate")}
    assert stored.load(store, copy.id).duplicate_of == first.id


def test_failed_save_leaves_nothing_behind(store: Store) -> None:
    bad = make("aaaa000000000001", published="not a date")  # type: ignore[arg-type]
    with pytest.raises(Exception):
        stored.save(store, bad)
    assert store.counts()["articles"] == 0 and store.counts()["article_origins"] == 0


def test_prefix_lookup(store: Store) -> None:
    stored.save(store, make("abcd000000000001"))
    stored.save(store, make("abce000000000002", "Xi met Putin in Samarkand on Thursday."))
    assert stored.resolve_id(store, "abcd") == "abcd000000000001"
    with pytest.raises(InvalidParameter, match="several"):
        stored.resolve_id(store, "abc")
    with pytest.raises(NotFound):
        stored.resolve_id(store, "ffff")
    with pytest.raises(InvalidParameter, match="not an article id"):
        stored.resolve_id(store, "xyz")
    details = stored.details(store, "abce")
    assert details["id"] == "abce000000000002" and details["events"] == 0 and details["coded_at"] is None
    assert details["removed"] == [{"rule": "share-subscribe", "text": "Share this"}]
    assert stored.needs_coding(store, "abce000000000002")


def test_search_since_and_order(store: Store) -> None:
    stored.save(store, make("aaaa000000000001", "Tokayev spoke in Astana about 100% of the grain."))
    stored.save(store, make("bbbb000000000002", "Xi met Putin in Samarkand.", published=dt.date(2022, 9, 15)))
    stored.save(store, make("cccc000000000003", "Undated story about Minsk.", published=None, published_precision=None))
    assert [r["id"][:4] for r in stored.search(store)] == ["bbbb", "aaaa", "cccc"]
    assert [r["id"][:4] for r in stored.search(store, text="samarkand")] == ["bbbb"]
    assert [r["id"][:4] for r in stored.search(store, text="100%")] == ["aaaa"]
    assert [r["id"][:4] for r in stored.search(store, text="_")] == []
    assert [r["id"][:4] for r in stored.search(store, since=dt.date(2022, 6, 1))] == ["bbbb"]
    assert len(stored.search(store, limit=1)) == 1


def test_exports(store: Store, tmp_path: Path) -> None:
    stored.save(store, make("aaaa000000000001"))
    stored.save(store, make("bbbb000000000002", "Xi met Putin in Samarkand, with “quotes”."))
    buffer = io.StringIO()
    assert stored.export(store, "jsonl", buffer) == 2
    rows = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert {"id", "origin", "title", "published", "text"} <= rows[0].keys()
    assert rows[1]["text"] == "Xi met Putin in Samarkand, with “quotes”." and rows[0]["published"] == "2022-05-16"
    assert stored.export(store, "csv", str(tmp_path / "a.csv")) == 2
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["aaaa000000000001", "bbbb000000000002"]
    assert stored.export(store, "parquet", str(tmp_path / "a.parquet")) == 2
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column("id").to_pylist() == ["aaaa000000000001", "bbbb000000000002"]
    with pytest.raises(InvalidParameter, match="parquet needs a file"):
        stored.export(store, "parquet", io.StringIO())


def test_a_database_failure_while_saving_is_a_store_error_and_keeps_what_was_committed(store: Store) -> None:
    assert stored.save(store, make("aaaa000000000010")) == "new"
    # A real DuckDB failure: the table is not where the save writes.
    store.execute("ALTER TABLE articles RENAME TO articles_kept")
    with pytest.raises(StoreError, match="cannot store article aaaa000000000011") as caught:
        stored.save(store, make("aaaa000000000011", "Lukashenko met Putin in Sochi on Monday."))
    assert caught.value.input == ":memory:"
    assert [r["id"] for r in store.query("SELECT id FROM articles_kept ORDER BY id")] == ["aaaa000000000010"]


def _setting(store: Store, name: str) -> str:
    return str(store.scalar("SELECT value FROM duckdb_settings() WHERE name = ?", [name]))


def test_the_store_bounds_duckdb_memory_whatever_the_database_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLEGIANCE_DB_MEMORY_LIMIT", raising=False)
    with Store(str(tmp_path / "a.duckdb")) as store:
        assert _setting(store, "memory_limit") == "61.0 MiB"
        assert _setting(store, "checkpoint_threshold") == "3.8 MiB"
        assert _setting(store, "max_vacuum_tasks") == "0"
    monkeypatch.setenv("ALLEGIANCE_DB_MEMORY_LIMIT", "1GB")
    with Store(str(tmp_path / "a.duckdb"), read_only=True) as store:
        assert _setting(store, "memory_limit") == "953.6 MiB"
    monkeypatch.setenv("ALLEGIANCE_DB_MEMORY_LIMIT", "lots")
    with pytest.raises(StoreError, match="ALLEGIANCE_DB_MEMORY_LIMIT"):
        Store(str(tmp_path / "a.duckdb"))


def _cached_table_bytes(store: Store) -> int:
    return int(store.scalar("SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'BASE_TABLE'"))


def test_drop_cache_evicts_cached_table_blocks_and_keeps_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLEGIANCE_DB_MEMORY_LIMIT", raising=False)
    with Store(str(tmp_path / "a.duckdb")) as store:
        store.execute("CREATE TABLE filler AS SELECT range AS n, repeat('text ', 200) || range AS body FROM range(20000)")
        store.execute("CHECKPOINT")
        assert store.scalar("SELECT sum(length(body)) FROM filler") > 0
        store.execute("INSERT INTO filler SELECT range, repeat('more ', 100) FROM range(3000)")  # not checkpointed
        unflushed = "SELECT memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"
        before = store.query(unflushed)
        assert _cached_table_bytes(store) > 3 * 2**20 and before[0]["memory_usage_bytes"] > 0
        store.drop_cache()
        assert _cached_table_bytes(store) <= CACHE_FLOOR
        assert store.query(unflushed) == before  # unflushed rows stay in memory, not spilled to disk
        assert _setting(store, "memory_limit") == "61.0 MiB"
        assert store.scalar("SELECT count(*) FROM filler") == 23000


def test_a_constraint_other_than_the_article_key_is_a_store_error_not_a_duplicate(store: Store) -> None:
    with pytest.raises(StoreError, match="NOT NULL"):
        stored.save(store, make("aaaa000000000020", origin=None))
    assert store.counts()["articles"] == 0 and store.counts()["article_origins"] == 0


def test_migration_2_moves_own_origins_into_the_article_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    first = make("aaaa000000000001")
    copy = make("bbbb000000000002", "Putin met Tokayev in Moscow on Monday, the Kremlin said.",
                origin="syndicated.txt", duplicate_of=first.id, similarity=0.93)
    with Store(str(path)) as store:
        stored.save(store, first)
        stored.save(store, copy)
        stored.save(store, dataclasses.replace(first, origin="again.txt"))
        expected = stored.origins(store, first.id)
        # What schema 1 held: a row in article_origins for every article's own origin too.
        store.execute("""INSERT INTO article_origins (article_id, origin, kind, similarity)
                         SELECT id, origin, CASE WHEN duplicate_of IS NULL THEN 'first' ELSE 'near_duplicate' END,
                                similarity FROM articles""")
        store.execute("DELETE FROM schema_version WHERE version > 1")
    with Store(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.scalar("SELECT count(*) FROM article_origins") == 1
        assert [(o["origin"], o["kind"]) for o in stored.origins(store, first.id)] == [
            (o["origin"], o["kind"]) for o in expected]
        assert {(o["origin"], o["kind"]) for o in expected} == {
            ("aaaa000000000001.txt", "first"), ("syndicated.txt", "near_duplicate"), ("again.txt", "duplicate")}
