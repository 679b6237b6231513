"""Peak memory of storing articles one commit at a time, for the shipped `articles` table and for
designs that move the key or the text elsewhere (docs/ingest.md, "Eleventh session" and "Twelfth session").

    .venv/bin/python benchmarks/probe_article_store.py [DESIGN ...] [--marks 2000,10000,20000,40000] [--set NAME=VALUE]

A bare loop, not the product: each design runs in a process of its own, which opens a `Store` (the
shipped settings: memory limit, checkpoint threshold, no vacuum), runs inside `Store.lean_writes()`
as ingest does, commits one article-sized row at a time (`bench_ingest.synthetic_article`'s text as raw
text, its lines of more than 40 characters as clean text, the others as `removed`, a 512-byte
signature) and drops the block cache every 64 rows as ingest does. Peak RSS (VmHWM) is printed as the
loop passes each mark. Designs:

- ``shipped``: the `articles` table as it is, primary key on `id`;
- ``no-key``: the same columns in a table without a key; ids kept unique by a SQLite table beside it;
- ``parts``: the no-key table cut into tables of 4,096 rows; ids in SQLite;
- ``texts-beside``: raw text, clean text and `removed` in a SQLite file beside the database (its key
  keeps ids unique); the rest in DuckDB with a primary key on `id`;
- ``texts-beside-int-key``: the same with the key on a 64-bit integer taken from the id;
- ``texts-beside-no-key``: the same without a key in DuckDB;
- ``slim``: the same, the signature in SQLite too, so a DuckDB row holds only the article's metadata
  (about 250 bytes);
- ``sqlite-only``: the whole row in a SQLite table with a primary key on `id`, nothing written to DuckDB
  (the store stays open, as ingest's would).

``--set`` applies DuckDB settings after the store opens (``--set "checkpoint_threshold='1MB'"``,
``--set "disabled_compression_methods='fsst'"``), to measure a design under other settings.

Not part of `make bench`: 40,000 commits take several minutes a design.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import _peak_rss_kb, synthetic_article  # noqa: E402

DESIGNS = ("shipped", "no-key", "parts", "texts-beside", "texts-beside-int-key", "texts-beside-no-key", "slim",
           "sqlite-only")
PART_ROWS = 4096
META = ("id, origin, title, url, publisher, author, language, published, published_precision, "
        "published_source, duplicate_of, similarity, minhash")
TEXTS = "raw_text, clean_text, removed"
ROW = META.replace("duplicate_of", TEXTS + ", duplicate_of")  # every column of `articles` a save writes



def _sqlite(path: Path, durable: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL" if durable else "PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=FULL" if durable else "PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1024")
    return conn


def run(design: str, marks: list[int], settings: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="probe-store-") as folder:
        _loop(design, marks, Path(folder), settings)


def _loop(design: str, marks: list[int], tmp: Path, settings: list[str]) -> None:
    from allegiance.store import Store

    signature = os.urandom(512)
    with Store(tmp / "probe.duckdb") as store:
        beside = design.startswith("texts-beside")
        ids = _sqlite(tmp / "ids.sqlite", durable=False) if design in ("no-key", "parts") else None
        if ids is not None:
            ids.execute("CREATE TABLE ids (id TEXT PRIMARY KEY)")
            if design == "no-key":
                store.execute("CREATE TABLE probe AS SELECT * FROM articles LIMIT 0")
        for setting in settings:
            store.execute(f"SET {setting}")
        slim = design == "slim"
        texts = _sqlite(tmp / "texts.sqlite", durable=True) if beside or slim else None
        if texts is not None:
            texts.execute("CREATE TABLE texts (id TEXT PRIMARY KEY, raw_text TEXT NOT NULL, clean_text TEXT NOT NULL, removed TEXT, minhash BLOB)")
            id_type = "UBIGINT" if design == "texts-beside-int-key" else "VARCHAR"
            key = "" if design in ("texts-beside-no-key", "slim") else "PRIMARY KEY"
            store.execute(f"CREATE TABLE probe (id {id_type} {key}, origin VARCHAR NOT NULL, title VARCHAR, url VARCHAR, "
                          "publisher VARCHAR, author VARCHAR, language VARCHAR, published DATE, published_precision VARCHAR, "
                          "published_source VARCHAR, duplicate_of VARCHAR, similarity DOUBLE, minhash BLOB, "
                          "ingested_at TIMESTAMP DEFAULT current_timestamp, coded_at TIMESTAMP, coder_version VARCHAR)")
        whole = _sqlite(tmp / "articles.sqlite", durable=True) if design == "sqlite-only" else None
        if whole is not None:
            whole.execute(f"CREATE TABLE articles ({ROW}, PRIMARY KEY (id))")
        with store.lean_writes():
            for n in range(1, marks[-1] + 1):
                article = synthetic_article(n)
                raw = article["text"]
                ident = hashlib.sha256(raw.encode()).hexdigest()
                clean = "\n".join(line for line in raw.split("\n") if len(line) > 40)
                removed = json.dumps([line for line in raw.split("\n") if 0 < len(line) <= 40])
                meta = [ident, f"/probe/{n}.jsonl", article.get("title"), None, "probe", None, "en", "2022-10-14",
                        "day", "metadata", None, None, signature]
                row = meta[:10] + [raw, clean, removed] + meta[10:]  # in the order of ROW
                if ids is not None and ids.execute("INSERT OR IGNORE INTO ids VALUES (?)", [ident]).rowcount == 0:
                    continue
                if whole is not None:
                    whole.execute(f"INSERT OR IGNORE INTO articles VALUES ({', '.join('?' * len(row))})", row)
                elif texts is not None:
                    text_row = [ident, raw, clean, removed, signature if slim else None]
                    if texts.execute("INSERT OR IGNORE INTO texts VALUES (?, ?, ?, ?, ?)", text_row).rowcount == 0:
                        continue
                    if design == "texts-beside-int-key":
                        meta[0] = int(ident[:16], 16)
                    if slim:
                        meta[-1] = None
                    store.execute(f"INSERT INTO probe ({META}) SELECT {', '.join('?' * len(meta))}", meta)
                else:
                    table = "articles" if design == "shipped" else "probe"
                    if design == "parts":
                        table = f"probe_{(n - 1) // PART_ROWS}"
                        if (n - 1) % PART_ROWS == 0:
                            store.execute(f"CREATE TABLE {table} AS SELECT * FROM articles LIMIT 0")
                    store.execute(f"INSERT INTO {table} ({ROW}) SELECT {', '.join('?' * len(row))}", row)
                if n % 64 == 0:
                    store.drop_cache()
                if n in marks:
                    print(f"{design:22s} {n:>7,} articles  peak RSS {_peak_rss_kb() / 1024:6.1f} MB", flush=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("designs", nargs="*", default=list(DESIGNS), help=f"any of {', '.join(DESIGNS)} (all by default)")
    parser.add_argument("--marks", default="2000,10000,20000,40000")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a DuckDB setting applied after the store opens, e.g. checkpoint_threshold='1MB' (repeatable)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run: one design here
    args = parser.parse_args(argv)
    marks = sorted(int(m) for m in args.marks.split(","))
    unknown = sorted(set(args.designs) - set(DESIGNS))
    if unknown:
        parser.error(f"no design {', '.join(unknown)}: choose among {', '.join(DESIGNS)}")
    if args.one:
        run(args.designs[0], marks, args.set)
        return
    for design in args.designs:
        settings = [arg for setting in args.set for arg in ("--set", setting)]
        subprocess.run([sys.executable, __file__, design, "--marks", args.marks, *settings, "--one"], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
