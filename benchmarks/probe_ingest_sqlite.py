"""What `bench_ingest.py` would print if articles were committed to SQLite instead of DuckDB.

    .venv/bin/python benchmarks/probe_ingest_sqlite.py [SIZE ...]      (default: 1000 2000 10000 20000 40000)

A what-if for the owner's decision on the store (docs/ingest.md, "Twelfth session"), not the product:
each size runs ``bench_ingest``'s child in its own process, the same synthetic corpus and the same
``ingest(..., code=False)``, but with ``articles.save`` replaced by one autocommitted ``INSERT OR IGNORE``
into a SQLite table (write-ahead log, ``synchronous=FULL``, 1 MB page cache) beside the DuckDB file,
whose primary key gives the duplicate verdict. Nothing is written to DuckDB. Not part of ``make bench``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ingest  # noqa: E402

SIZES = (1_000, 2_000, 10_000, 20_000, 40_000)
_COLUMNS = ("id", "origin", "title", "url", "publisher", "author", "language", "published", "published_precision",
            "published_source", "raw_text", "clean_text", "removed", "duplicate_of", "similarity", "minhash")


def _saving_to(path: Path):
    """An ``articles.save`` that commits each article to the SQLite file at ``path``."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA cache_size=-1024")
    db.execute(f"CREATE TABLE articles ({', '.join(_COLUMNS)}, PRIMARY KEY (id))")
    insert = f"INSERT OR IGNORE INTO articles VALUES ({', '.join('?' * len(_COLUMNS))})"

    def save(store, article, *, minhash=None):
        values = {c: getattr(article, c) for c in _COLUMNS if c not in ("published", "removed", "minhash")}
        values.update(published=article.published and article.published.isoformat(), minhash=minhash,
                      removed=json.dumps([r.to_dict() for r in article.removed]))
        if db.execute(insert, [values[c] for c in _COLUMNS]).rowcount == 0:
            return "duplicate"
        return "near_duplicate" if article.duplicate_of else "new"

    return save


def child(size: int) -> dict[str, float]:
    import tempfile

    from allegiance.store import articles

    with tempfile.TemporaryDirectory(prefix="probe-ingest-sqlite-") as folder:
        articles.save = _saving_to(Path(folder) / "articles.sqlite")
        return bench_ingest.child(size)


def main(sizes: tuple[int, ...]) -> None:
    print(f"{'articles':>9} {'stored':>7} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}")
    for result in bench_ingest.each_size(__file__, sizes):
        print(f"{result['size']:>9,} {result['new']:>7,} {result['seconds']:>8.1f} "
              f"{result['articles_per_second']:>11.1f} {result['peak_rss_mb']:>12.1f}", flush=True)


if __name__ == "__main__":
    bench_ingest.command_line(child, main, SIZES)
