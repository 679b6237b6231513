"""Scale-out benchmark: articles/s with 1 and 2 local workers and a local Dask cluster, peak memory
at 2,000 and 20,000 articles, and the time to merge worker output into DuckDB.

Each configuration runs in its own driver process on a fresh database; peak memory is the largest
sum of resident memory over the driver and all its worker processes, sampled every 100 ms.
Sizes can be lowered for a quick look: BENCH_SCALE_SMALL=500 BENCH_SCALE_LARGE=2000.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

SMALL = int(os.environ.get("BENCH_SCALE_SMALL", 2000))
LARGE = int(os.environ.get("BENCH_SCALE_LARGE", 20000))

DRIVER = """
import json, sys, time
from allegiance.store import Store
from allegiance.scale import ingest_parallel
db, corpus, workers, cluster, out = sys.argv[1:6]
t = time.perf_counter()
with Store(db) as store:
    s = ingest_parallel([corpus], store, workers=int(workers), cluster=cluster or None, out_dir=out, keep_shards=True)
    print(json.dumps({"seconds": time.perf_counter() - t, "new": s.new, "events": s.events, "rejected": s.rejected}))
"""

MERGE = """
import json, sys, time
from pathlib import Path
from allegiance.config import load_settings
from allegiance.ingest import build_index
from allegiance.scale import merge_result
from allegiance.scale.worker import ShardResult
from allegiance.store import Store
db, out = sys.argv[1:3]
folders = sorted(p for p in Path(out).iterdir() if (p / "_SUCCESS").exists())
t = time.perf_counter()
with Store(db) as store:
    index = build_index(store, load_settings())
    for f in folders:
        merge_result(store, ShardResult(f.name, str(f), 0, 0, (), 0), index, "bench")
    n = store.scalar("SELECT count(*) FROM articles"); e = store.scalar("SELECT count(*) FROM events")
print(json.dumps({"seconds": time.perf_counter() - t, "shards": len(folders), "articles": n, "events": e}))
"""


def _run(script: str, *args: str) -> tuple[dict, float]:
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = root.memory_info().rss + sum(c.memory_info().rss for c in root.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise RuntimeError(f"driver exited with {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), peak / 2**20


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="allegiance-bench-scale-") as tmp:
        root = Path(tmp)
        small = synthetic.write_jsonl(root / "small" / "news.jsonl", SMALL)
        large = synthetic.write_jsonl(root / "large" / "news.jsonl", LARGE)
        words = sum(len(a["text"].split()) for a in synthetic.articles(SMALL))
        print(f"corpus: {LARGE:,} synthetic articles ({words / SMALL:.0f} words each); throughput measured on {SMALL:,}")
        rates = {}
        for label, workers, cluster in [("1 local worker", 1, ""), ("2 local workers", 2, ""), ("Dask local cluster, 2 workers", 2, "local")]:
            name = label.split(",")[0].replace(" ", "-")
            result, peak = _run(DRIVER, str(root / f"{name}.duckdb"), str(small), str(workers), cluster, str(root / f"{name}.shards"))
            rates[label] = SMALL / result["seconds"]
            print(f"{label:32s} {rates[label]:7.1f} articles/s  {rates[label] * words / SMALL:9.0f} words/s  "
                  f"({result['new']:,} articles, {result['events']:,} events, peak {peak:,.0f} MiB)", flush=True)
        print(f"scaling 1 → 2 local workers: {rates['2 local workers'] / rates['1 local worker']:.2f}x (target >= 1.7 on 2 cores)")
        print(f"Dask vs local pool, 2 workers: {rates['Dask local cluster, 2 workers'] / rates['2 local workers']:.2f}x")
        peaks = {}
        for n, corpus in [(SMALL, small), (LARGE, large)]:
            result, peak = _run(DRIVER, str(root / f"mem{n}.duckdb"), str(corpus), "2", "", str(root / f"mem{n}.shards"))
            peaks[n] = peak
            print(f"peak memory, 2 workers, {n:>6,} articles: {peak:7.0f} MiB  ({n / result['seconds']:.1f} articles/s)", flush=True)
        print(f"memory growth {SMALL:,} → {LARGE:,} articles: {peaks[LARGE] / peaks[SMALL]:.2f}x for {LARGE / SMALL:.0f}x the articles")
        merged, _ = _run(MERGE, str(root / "merge.duckdb"), str(root / f"mem{LARGE}.shards"))
        print(f"merge into DuckDB: {merged['shards']} shards, {merged['articles']:,} articles, {merged['events']:,} events "
              f"in {merged['seconds']:.1f}s ({merged['articles'] / merged['seconds']:.0f} articles/s)")


if __name__ == "__main__":
    main()
