"""Memory of the `events` table's indexes, and whether any query plan uses them (docs/ingest.md,
"Twelfth session": why schema 3 dropped the indexes on article, date and dyad).

    .venv/bin/python benchmarks/probe_event_indexes.py [--events 96000] [--every 12000]

Two parts, each in a fresh database:

- **Plans.** 20,000 events with hashed ids, the three indexes schema 2 had put back, and ``EXPLAIN`` for a
  lookup by article id and by event id (literal and parameter) and for a filter on date and on dyad. It
  prints each plan's scan type.
- **Memory.** A loop of coding-batch commits (8 articles of 15 events each, hashed ids, one transaction
  each, inside ``Store.lean_writes``), once with the three indexes and once without, each in its own
  process. It prints DuckDB's ``ART_INDEX`` memory and peak RSS (VmHWM) every ``--every`` events.

Not part of ``make bench``: the two loops take a few minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import _peak_rss_kb  # noqa: E402

from allegiance.store import MIGRATIONS  # noqa: E402

SECONDARY = [s for s in MIGRATIONS[0] if s.startswith("CREATE INDEX")]  # what schema 3 dropped
_INSERT = ("INSERT INTO events (event_id, article_id, date, source_country, target_country, cameo, cameo_root, record) "
           "VALUES (?, ?, ?, ?, ?, '043', '04', '{}')")
_SOURCES, _TARGETS = ("RUS", "TJK", "KAZ", "BLR", "CHN"), ("ARM", "UZB", "KGZ", "AZE")


def _hashed(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def _event(n: int, article: str) -> tuple[str, str, str, str, str]:
    return (_hashed(f"e{n}", 20), article, f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}", _SOURCES[n % 5], _TARGETS[n % 4])



def plans() -> None:
    from allegiance.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "plans.duckdb") as store:
        for statement in SECONDARY:
            store.execute(statement)
        rows = [_event(n, _hashed(f"a{n // 15}", 16)) for n in range(20_000)]
        with store.transaction() as conn:
            conn.executemany(_INSERT, rows)
        store.execute("CHECKPOINT")
        event_id, article_id, date = rows[700][:3]
        queries = {
            "article id, literal": (f"SELECT * FROM events WHERE article_id = '{article_id}'", []),
            "article id, parameter": ("SELECT * FROM events WHERE article_id = ?", [article_id]),
            "event id, literal": (f"SELECT * FROM events WHERE event_id = '{event_id}'", []),
            "event id, parameter": ("SELECT * FROM events WHERE event_id = ?", [event_id]),
            "date": ("SELECT count(*) FROM events WHERE date = ?", [date]),
            "dyad": ("SELECT count(*) FROM events WHERE source_country = 'RUS' AND target_country = 'ARM'", []),
        }
        for name, (sql, params) in queries.items():
            plan = store.conn.execute("EXPLAIN " + sql, params).fetchall()[0][1]
            scans = [line.strip("│ ") for line in plan.splitlines() if "Type:" in line]
            print(f"{name:24s} {', '.join(scans) or plan.splitlines()[0]}", flush=True)


def memory(keep: bool, events: int, every: int) -> None:
    from allegiance.store import Store

    label = "with the three indexes" if keep else "primary key only"
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "memory.duckdb") as store:
        for statement in SECONDARY if keep else ():
            store.execute(statement)
        n = 0
        with store.lean_writes(release=False):  # as a coded batch writes: no prompt release
            while n < events:
                batch = []
                for a in range(8):
                    article = _hashed(f"a{n}-{a}", 16)
                    for _ in range(15):
                        n += 1
                        batch.append(_event(n, article))
                with store.transaction() as conn:
                    conn.executemany(_INSERT, batch)
                if n % every == 0:
                    art = store.scalar("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
                                       "WHERE tag = 'ART_INDEX'")
                    print(f"{label:24s} {n:>7,} events  ART_INDEX {art / 2**20:5.1f} MB"
                          f"  peak RSS {_peak_rss_kb() / 1024:6.1f} MB", flush=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=96_000)
    parser.add_argument("--every", type=int, default=12_000, help="a multiple of 120 (one batch's events)")
    parser.add_argument("--memory", choices=("keep", "drop"), help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    if args.memory:
        memory(args.memory == "keep", args.events, args.every)
        return
    plans()
    for mode in ("keep", "drop"):
        subprocess.run([sys.executable, __file__, "--memory", mode, "--events", str(args.events),
                        "--every", str(args.every)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
