"""Scale-out: the ingest pipeline on N local processes or a Dask cluster, merged by one writer.

    summary = ingest_parallel(["archive/"], store, workers=2)                 # local processes
    summary = ingest_parallel(["cc-news.warc.gz"], store, cluster="local")   # a local Dask cluster
    summary = ingest_parallel(["shards/"], store, cluster="tcp://10.0.0.5:8786")

Inputs are cut into shards (``shards.plan``); workers turn each shard into Parquet files
(``worker.process_shard``); the driver — the database's single writer — merges each shard as it
arrives (``store.shards.merge``), deciding exact and near-duplicates with its MinHash index, in one
transaction per shard. Shards already merged are skipped on a rerun, and a worker that dies has its
shard retried, so no article is stored twice and nothing is lost. Inputs that cannot be sharded
(URLs, stdin, single feeds) go through the ordinary serial ingest afterwards.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from pathlib import Path


from allegiance.config import Settings, load_settings
from allegiance.ingest import dedup
from allegiance.models import IngestSummary, Rejection
from allegiance.scale import shards as sharding
from allegiance.scale.mentions import merge_mentions
from allegiance.scale.worker import ShardResult, process_shard
from allegiance.store import Store
from allegiance.store import shards as shard_store


def _out_dir(store: Store) -> Path:
    base = Path(store.path if store.path != ":memory:" else "allegiance")
    return base.with_name(base.name + ".shards")


def ingest_parallel(
    inputs: Iterable[str],
    store: Store,
    *,
    workers: int = 2,
    cluster: str | None = None,
    code: bool = True,
    settings: Settings | None = None,
    files_per_shard: int = 100,
    lines_per_shard: int = 250,
    out_dir: str | Path | None = None,
    keep_shards: bool = False,
    task=process_shard,
) -> IngestSummary:
    settings = settings or load_settings()
    started = time.perf_counter()
    plan, leftovers = sharding.plan(list(inputs), files_per_shard=files_per_shard, lines_per_shard=lines_per_shard)
    todo = []
    totals = {"new": 0, "duplicate": 0, "near_duplicate": 0, "events": 0}
    for shard in plan:
        seen = shard_store.merged_articles(store, shard.id)
        if seen is None:
            todo.append(shard)
        else:  # merged by an earlier run: every article in it is read again, as a serial rerun counts it
            totals["duplicate"] += seen
    out = Path(out_dir) if out_dir else _out_dir(store)
    out.mkdir(parents=True, exist_ok=True)
    coder_version = None
    if code:
        from allegiance.coding import CODER_VERSION

        coder_version = CODER_VERSION
    from allegiance.ingest import build_index

    index = build_index(store, settings)
    rejections: list[Rejection] = []
    args = (str(out), code, settings)
    if cluster:
        from allegiance.scale.cluster import run_dask

        outcomes = run_dask(todo, task, args, address=cluster, workers=workers)
    else:
        from allegiance.scale.local import run_local, start_method

        if code and todo and start_method() == "fork":
            from allegiance.coding.code import default_coder

            default_coder()  # loaded once here, shared by every forked worker
        outcomes = run_local(todo, task, args, workers=workers)
    for shard, result, error in outcomes:
        if error is not None:
            rejections.append(Rejection(shard.label, f"shard not ingested: {error}"))
            continue
        counts = merge_result(store, result, index, coder_version)
        for key, value in counts.items():
            totals[key] += value
        rejections.extend(result.rejections)
        if not keep_shards:
            shutil.rmtree(result.path, ignore_errors=True)
    if leftovers:
        from allegiance.ingest import ingest

        rest = ingest(leftovers, store, code=code, settings=settings)
        totals["new"] += rest.new
        totals["duplicate"] += rest.duplicate
        totals["near_duplicate"] += rest.near_duplicate
        totals["events"] += rest.events
        rejections.extend(rest.rejections)
    if code:
        merge_mentions(store)
    return IngestSummary(
        new=totals["new"],
        duplicate=totals["duplicate"],
        near_duplicate=totals["near_duplicate"],
        rejected=len(rejections),
        events=totals["events"],
        rejections=tuple(rejections),
        seconds=time.perf_counter() - started,
    )


def merge_result(store: Store, result: ShardResult, index: dedup.NearDuplicateIndex, coder_version: str | None) -> dict[str, int]:
    """Decide new / duplicate / near-duplicate for a shard's articles, then merge it in one transaction."""
    articles, events = shard_store.read_shard(result.path)
    ids = articles.column("id").to_pylist()
    signatures = articles.column("minhash").to_pylist()
    known = shard_store.existing_ids(store, ids)
    outcome, duplicate_of, similarity = [], [], []
    added: dict[str, bytes] = {}  # first copies of this shard: indexed, not committed yet
    for article_id, blob in zip(ids, signatures):
        verdict: tuple[str, str | None, float | None] = ("duplicate", None, None)
        if article_id not in known:
            known.add(article_id)
            sig = dedup.from_bytes(blob)
            match = index.find(sig, lambda wanted: _signatures(store, wanted, added))
            if match:
                verdict = ("near_duplicate", match[0], round(match[1], 4))
            else:
                verdict = ("new", None, None)
                index.add(article_id, sig)
                added[article_id] = blob
        outcome.append(verdict[0])
        duplicate_of.append(verdict[1])
        similarity.append(verdict[2])
    _, n_events = shard_store.merge(
        store, result.shard_id, articles, events,
        outcome=outcome, duplicate_of=duplicate_of, similarity=similarity, coder_version=coder_version,
    )
    return {
        "new": outcome.count("new"),
        "duplicate": outcome.count("duplicate"),
        "near_duplicate": outcome.count("near_duplicate"),
        "events": n_events,
    }


def _signatures(store: Store, wanted, pending: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """Signatures for near-duplicate candidates: from this shard (not committed yet) or the store."""
    from allegiance.store import articles as stored

    wanted = list(wanted)
    rest = [w for w in wanted if w not in pending]
    return [(w, pending[w]) for w in wanted if w in pending] + (stored.signatures(store, rest) if rest else [])


__all__ = ["ingest_parallel", "merge_result"]
