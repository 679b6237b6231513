"""`ingest --workers 2` on a small generated corpus stores what a serial ingest stores, and a rerun adds
nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from e2e_support import Run, counts

LEADERS = [
    ("Russian President Vladimir Putin", "Moscow"),
    ("Kazakh President Kassym-Jomart Tokayev", "Astana"),
    ("Tajik President Emomali Rahmon", "Dushanbe"),
    ("Uzbek President Shavkat Mirziyoyev", "Tashkent"),
    ("Belarusian President Alexander Lukashenko", "Minsk"),
    ("Chinese President Xi Jinping", "Beijing"),
]


def write_corpus(folder: Path, n: int = 8) -> Path:
    folder.mkdir()
    for i in range(n):
        guest, (host, city) = LEADERS[i % len(LEADERS)], LEADERS[(i + 1) % len(LEADERS)]
        day = dt.date(2023, 1, 2) + dt.timedelta(days=7 * i)
        (folder / f"story{i:02d}.txt").write_text(
            f"Leaders meet in {city}\n\n{city.upper()}, {day:%B} {day.day}, {day.year} - {guest[0]} met {host} "
            f"in {city} on {day:%A} for talks on trade, energy and security, meeting number {i + 1} this year.\n")
    return folder


def stored(db: Path) -> tuple[set, set]:
    with duckdb.connect(str(db), read_only=True) as con:
        articles = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        events = {r[0] for r in con.execute("SELECT event_id FROM events").fetchall()}
    return articles, events


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("e2e-scale") / "corpus")


def test_two_workers_store_what_one_process_stores(corpus: Path, run: Run, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    one = run("ingest", corpus, "--db", serial)
    two = run("ingest", corpus, "--workers", "2", "--db", parallel)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert counts(one.stdout + one.stderr)[0] == counts(two.stdout + two.stderr)[0] == 8
    serial_articles, serial_events = stored(serial)
    parallel_articles, parallel_events = stored(parallel)
    assert serial_articles == parallel_articles
    assert serial_events == parallel_events and serial_events

    again = run("ingest", corpus, "--workers", "2", "--db", parallel)
    assert again.returncode == 0 and counts(again.stdout + again.stderr)[0] == 0
    assert stored(parallel) == (parallel_articles, parallel_events)


def test_parallel_rerun_counts_duplicates_like_serial(corpus: Path, run: Run, tmp_path: Path) -> None:
    db = tmp_path / "rerun.duckdb"
    assert run("ingest", corpus, "--workers", "2", "--no-code", "--db", db).returncode == 0
    again = run("ingest", corpus, "--workers", "2", "--no-code", "--db", db)
    assert counts(again.stdout + again.stderr)[:2] == (0, 8)
