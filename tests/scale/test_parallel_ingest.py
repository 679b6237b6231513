"""Scale-out ingest with real worker processes, mostly without coding to keep it quick."""

import json
import sys

import pytest

from allegiance.scale import ingest_parallel
from allegiance.scale.worker import process_shard
from allegiance.store import Store

from . import crashy

STORY = ("ASTANA, Oct {d}, 2022 (Reuters) - Tajik President Emomali Rahmon told Vladimir Putin at a summit "
         "that Moscow must respect Central Asia, story {i}. He said small nations were treated as former colonies, "
         "and asked for investment. Officials from Kazakhstan and Kyrgyzstan listened as item {i} closed.")


def _corpus(folder, n, name="news.jsonl"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(json.dumps({"text": STORY.format(d=i % 27 + 1, i=i), "id": str(i)}) + "\n" for i in range(n)))
    return path


def _counts(store):
    return store.scalar("SELECT count(*) FROM articles"), store.scalar("SELECT count(DISTINCT id) FROM articles")


def test_two_workers_store_every_article_once_and_rerun_is_idempotent(tmp_path):
    corpus = _corpus(tmp_path / "in", 40)
    (tmp_path / "in" / "copy.txt").write_text(STORY.format(d=1, i=0))  # exact duplicate of line 1
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest_parallel([str(tmp_path / "in")], store, workers=2, code=False, lines_per_shard=7)
        assert (first.new, first.duplicate, first.rejected) == (40, 1, 0)
        assert _counts(store) == (40, 40)
        again = ingest_parallel([str(corpus), str(tmp_path / "in" / "copy.txt")], store, workers=2, code=False, lines_per_shard=7)
        assert (again.new, again.duplicate) == (0, 41)
        assert _counts(store) == (40, 40)
        assert store.counts()["article_origins"] == 41  # 40 first copies and copy.txt


def test_a_dying_worker_has_its_shard_retried(tmp_path):
    _corpus(tmp_path / "in", 12, "ok.jsonl")
    _corpus(tmp_path / "in", 6, "doomed.jsonl")  # same texts as ok.jsonl lines 0-5: duplicates
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_parallel([str(tmp_path / "in")], store, workers=2, code=False, lines_per_shard=4,
                                  out_dir=tmp_path / "shards", task=crashy.die_once)
        assert summary.rejected == 0
        assert summary.new + summary.duplicate == 18
        assert _counts(store) == (12, 12)
        assert any((tmp_path / "shards").glob("died-*"))


def test_a_shard_that_always_kills_its_worker_is_reported_and_the_rest_lands(tmp_path):
    _corpus(tmp_path / "in", 8, "ok.jsonl")
    (tmp_path / "in" / "doomed.jsonl").write_text(json.dumps({"text": STORY.format(d=3, i=999)}) + "\n")
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_parallel([str(tmp_path / "in")], store, workers=2, code=False, lines_per_shard=4,
                                  out_dir=tmp_path / "shards", task=crashy.always_die)
        assert summary.rejected == 1 and "doomed.jsonl" in summary.rejections[0].origin
        assert _counts(store) == (8, 8)


def _needs_the_drivers_coder(shard, out_dir, code, settings):
    from allegiance.coding.code import default_coder

    if default_coder.cache_info().currsize == 0:
        raise RuntimeError("this worker has to load the coder again")
    return process_shard(shard, out_dir, code, settings)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_code_with_the_coder_the_driver_loaded(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.jsonl").write_text("".join(
        json.dumps({"text": f"Vladimir Putin met Xi Jinping in Moscow on Monday, story {i}. Kazakhstan condemned "
                            f"the Russian airstrike on a town, item {i}.", "date": "2022-10-0" + str(i + 1)}) + "\n"
        for i in range(6)))
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_parallel([str(folder)], store, workers=2, code=True, lines_per_shard=3,
                                  task=_needs_the_drivers_coder)
        assert (summary.new, summary.rejected) == (6, 0)
        assert summary.events > 0 and store.scalar("SELECT count(*) FROM events") == summary.events
        assert store.scalar("SELECT count(*) FROM articles WHERE coded_at IS NULL") == 0


@pytest.mark.slow
def test_local_dask_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    _corpus(tmp_path / "in", 10)
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_parallel([str(tmp_path / "in")], store, workers=2, cluster="local", code=False, lines_per_shard=3)
        assert summary.new == 10
        assert _counts(store) == (10, 10)
