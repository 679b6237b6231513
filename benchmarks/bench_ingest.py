"""Ingestion throughput and peak memory at 1k and 10k synthetic articles (JSON Lines, code=False).

Each size runs in its own subprocess into a fresh database, so the peak resident set size is that
run's own. Memory must not grow with corpus size: inputs are streamed, each article is committed
on its own, the near-duplicate index is on disk, the summary names at most 1,000 ids, ingest drops
DuckDB's block cache as it goes, writers schedule no row-group merges, and a batch runs DuckDB on
one thread with freed pages returned at once (``Store.lean_writes``; see docs/ingest.md, "Memory"). The last column is what DuckDB itself holds when the batch ends
(``duckdb_memory()``: cache, indexes, rows not yet checkpointed). Run alone:
``python benchmarks/bench_ingest.py [SIZE ...]``.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SIZES = (1_000, 10_000)
_PEOPLE = ["Vladimir Putin", "Alexander Lukashenko", "Kassym-Jomart Tokayev", "Shavkat Mirziyoyev", "Emomali Rahmon",
           "Sadyr Japarov", "Nikol Pashinyan", "Ilham Aliyev", "Xi Jinping", "Recep Tayyip Erdogan", "Narendra Modi"]
_PLACES = ["Moscow", "Minsk", "Astana", "Tashkent", "Dushanbe", "Bishkek", "Yerevan", "Baku", "Sochi", "Samarkand"]
_VERBS = ["met", "telephoned", "hosted", "criticised", "praised", "warned", "thanked", "visited", "received"]
_TOPICS = ["gas supplies", "grain transit", "border security", "a rail corridor", "a nuclear plant", "migrant workers",
           "state loans", "water sharing", "joint military drills", "customs rules", "electricity exports"]
_NOISE = ["READ MORE: Kremlin issues new warning", "Share this article", "[INSIGHT] Why the region matters", ">"]


def synthetic_article(n: int) -> dict[str, str]:
    """A news-like JSON record of about 2 KB, distinct per ``n``, with some boilerplate to clean."""
    rng = random.Random(n)
    paragraphs = []
    for _ in range(8):
        a, b = rng.sample(_PEOPLE, 2)
        paragraphs.append(
            f"{a} {rng.choice(_VERBS)} {b} in {rng.choice(_PLACES)} to discuss {rng.choice(_TOPICS)}, "
            f"officials said after the {rng.randint(2, 900)}th round of talks. The two sides agreed to "
            f"meet again within {rng.randint(2, 60)} days and to set up a working group on {rng.choice(_TOPICS)}."
        )
        if rng.random() < 0.2:
            paragraphs.append(rng.choice(_NOISE))
    day = 1 + n % 28
    return {"id": f"synthetic-{n}", "title": f"Talks round {n}", "published": f"2023-05-{day:02d}", "text": "\n\n".join(paragraphs)}


def write_corpus(path: Path, size: int) -> Path:
    """``size`` synthetic articles (``synthetic_article(0)`` onwards) as JSON Lines at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(size):
            out.write(json.dumps(synthetic_article(n)) + "\n")
    return path


def _peak_rss_kb() -> int:
    """This process's peak resident memory in KiB. VmHWM starts afresh at exec, unlike ru_maxrss,
    which Linux carries over from the parent (so a big parent would mask the child's own peak)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(size: int) -> dict[str, float]:
    """Generate, ingest and measure one size; runs in its own process."""
    from allegiance.config import load_settings
    from allegiance.ingest import ingest
    from allegiance.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", size)
        rss_before = _peak_rss_kb()
        with Store(str(Path(tmp) / "bench.duckdb")) as store:
            started = time.perf_counter()
            summary = ingest([str(corpus)], store, code=False, settings=load_settings())
            seconds = time.perf_counter() - started
            duckdb_bytes = store.scalar("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")
        peak = _peak_rss_kb()
    return {
        "size": size,
        "new": summary.new,
        "rejected": summary.rejected,
        "seconds": seconds,
        "articles_per_second": summary.new / seconds,
        "rss_before_mb": rss_before / 1024,
        "peak_rss_mb": peak / 1024,
        "duckdb_mb": duckdb_bytes / 2**20,
    }


def each_size(script: str, sizes: tuple[int, ...]) -> Iterator[dict[str, float]]:
    """The figures ``script --child SIZE`` prints, each size in a fresh process, so each peak is its own.
    A size that fails is reported (e.g. DuckDB out of memory under a small ALLEGIANCE_DB_MEMORY_LIMIT)
    and the others go on."""
    for size in sizes:
        done = subprocess.run([sys.executable, script, "--child", str(size)], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{size:>9,} failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}", flush=True)
            continue
        yield json.loads(done.stdout.strip().splitlines()[-1])


def command_line(child: Callable[[int], dict[str, float]], main: Callable[[tuple[int, ...]], object],
                 sizes: tuple[int, ...]) -> None:
    """A size benchmark's command line: ``--child SIZE`` (what ``each_size`` runs) measures one size and
    prints its figures as JSON; otherwise the sizes given, or ``sizes``, are measured each in its own process."""
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]))))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or sizes)


def main(sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    print(f"{'articles':>9} {'stored':>7} {'seconds':>8} {'articles/s':>11} {'RSS before MB':>14} {'peak RSS MB':>12} {'DuckDB MB':>10}")
    results = []
    for result in each_size(__file__, sizes):
        results.append(result)
        print(
            f"{result['size']:>9,} {result['new']:>7,} {result['seconds']:>8.1f} {result['articles_per_second']:>11.1f}"
            f" {result['rss_before_mb']:>14.1f} {result['peak_rss_mb']:>12.1f} {result['duckdb_mb']:>10.1f}",
            flush=True,
        )
    if len(results) > 1:
        growth = results[-1]["peak_rss_mb"] - results[0]["peak_rss_mb"]
        per_thousand = growth / (results[-1]["size"] - results[0]["size"]) * 1000
        print(f"peak RSS growth from {results[0]['size']:,} to {results[-1]['size']:,} articles: {growth:+.1f} MB"
              f" ({per_thousand:+.2f} MB per 1,000 articles; what still grows is DuckDB's, see docs/ingest.md)")
    return results


if __name__ == "__main__":
    command_line(child, main, SIZES)
