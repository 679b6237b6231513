"""Whether ingestion slows down as the store grows: one batch, timed a window of articles at a time.

    .venv/bin/python benchmarks/probe_ingest_rate.py [SIZE] [--window 2000]

``bench_ingest``'s synthetic corpus, ingested with ``code=False`` into a fresh database in one batch. For
each window of stored articles it prints the articles/s and the milliseconds an article spent in
``articles.save`` (the DuckDB commit). A rate that fell with the window's position would mean a cost
that grows with the store (docs/ingest.md, "Twelfth session"). Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import write_corpus  # noqa: E402


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, nargs="?", default=20_000)
    parser.add_argument("--window", type=int, default=2_000)
    args = parser.parse_args(argv)

    from allegiance.config import load_settings
    from allegiance.ingest import ingest
    from allegiance.store import Store
    from allegiance.store import articles

    save = articles.save
    window = {"stored": 0, "started": time.perf_counter(), "in_save": 0.0}

    def timed_save(store, article, **options):
        started = time.perf_counter()
        outcome = save(store, article, **options)
        window["in_save"] += time.perf_counter() - started
        window["stored"] += 1
        if window["stored"] % args.window == 0:
            now = time.perf_counter()
            print(f"{window['stored']:>8,} articles  {args.window / (now - window['started']):7.1f} articles/s"
                  f"  save {window['in_save'] / args.window * 1000:5.2f} ms an article", flush=True)
            window.update(started=now, in_save=0.0)
        return outcome

    articles.save = timed_save
    with tempfile.TemporaryDirectory(prefix="probe-ingest-rate-") as folder:
        corpus = write_corpus(Path(folder) / "corpus.jsonl", args.size)
        with Store(Path(folder) / "rate.duckdb") as store:
            ingest([str(corpus)], store, code=False, settings=load_settings())


if __name__ == "__main__":
    main(sys.argv[1:])
