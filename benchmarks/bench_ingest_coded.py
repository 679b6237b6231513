"""Peak memory and throughput of a coded ingest (``ingest(..., code=True)``, the default) by batch size.

Each size runs in its own process into a fresh database, on the synthetic articles of
``bench_ingest.py`` (about 16 coded events an article). A coded batch holds the parser (several
hundred MB) and ends with one merge of mentions over the batch's events; neither may grow with the
batch. Printed per size: articles/s over the whole batch (coding and merge), the peak RSS while reading
and coding, the peak RSS during the merge (the high-water mark is reset just before it), the merge's
seconds, and the whole run's peak RSS. Peak RSS is VmHWM (ru_maxrss where /proc is missing).

articles/s includes loading the parser. It codes 6,500 articles in all (several minutes on an idle
machine, over an hour on a loaded one), so it is not part of ``make bench``; run it alone:
``python benchmarks/bench_ingest_coded.py [SIZE ...]``. Memory figures hold under load; articles/s do not.
Figures and method: docs/ingest.md, "Memory of a coded batch".
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from bench_ingest import command_line, each_size, write_corpus

SIZES = (500, 2_000, 4_000)


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> bool:
    """Start VmHWM afresh from the current RSS (Linux: ``clear_refs`` 5); False where that is missing."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def child(size: int) -> dict[str, float]:
    """Generate, ingest with coding and measure one size; runs in its own process."""
    import allegiance.scale.mentions as mentions
    from allegiance.config import load_settings
    from allegiance.ingest import ingest
    from allegiance.store import Store

    merge = mentions.merge_mentions
    seen: dict[str, float] = {}

    def measured_merge(store: Store, **options: object) -> mentions.MergeSummary:
        seen["coding_peak_kb"] = _status_kb("VmHWM")
        seen["merge_start_kb"] = _status_kb("VmRSS")
        reset = _reset_peak()
        started = time.perf_counter()
        summary = merge(store, **options)
        seen["merge_seconds"] = time.perf_counter() - started
        seen["merge_peak_kb"] = _status_kb("VmHWM") if reset else float("nan")
        return summary

    # ingest imports merge_mentions from its module when it calls it, so this wrapper is what runs.
    mentions.merge_mentions = measured_merge
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", size)
        with Store(str(Path(tmp) / "bench.duckdb")) as store:
            started = time.perf_counter()
            summary = ingest([str(corpus)], store, code=True, settings=load_settings())
            seconds = time.perf_counter() - started
            canonical = store.counts()["canonical_events"]
    return {
        "size": size,
        "new": summary.new,
        "events": summary.events,
        "canonical": canonical,
        "articles_per_second": summary.new / seconds,
        "coding_peak_mb": seen["coding_peak_kb"] / 1024,
        "merge_start_mb": seen["merge_start_kb"] / 1024,
        "merge_peak_mb": seen["merge_peak_kb"] / 1024,
        "merge_seconds": seen["merge_seconds"],
        "peak_rss_mb": max(seen["coding_peak_kb"], seen["merge_peak_kb"], _status_kb("VmHWM")) / 1024,
    }


def main(sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    print(f"{'articles':>9} {'events':>7} {'canonical':>9} {'articles/s':>10} {'coding peak MB':>14}"
          f" {'merge start MB':>14} {'merge peak MB':>13} {'merge s':>8} {'peak RSS MB':>11}")
    results = []
    for r in each_size(__file__, sizes):
        results.append(r)
        print(f"{r['size']:>9,} {r['events']:>7,} {r['canonical']:>9,} {r['articles_per_second']:>10.1f}"
              f" {r['coding_peak_mb']:>14.1f} {r['merge_start_mb']:>14.1f} {r['merge_peak_mb']:>13.1f}"
              f" {r['merge_seconds']:>8.1f} {r['peak_rss_mb']:>11.1f}", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        for column in ("coding_peak_mb", "merge_peak_mb", "peak_rss_mb"):
            growth = last[column] - first[column]
            print(f"{column} from {first['size']:,} to {last['size']:,} articles: {growth:+.1f} MB"
                  f" ({growth / (last['size'] - first['size']) * 1000:+.2f} MB per 1,000 articles)")
    return results


if __name__ == "__main__":
    command_line(child, main, SIZES)
