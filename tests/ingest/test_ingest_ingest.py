"""The ingest verb end to end: counts, duplicates, near-duplicates, resumability, coding hand-off."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import settings, story

from allegiance.models import Article
from allegiance.ingest import ingest
from allegiance.store import Store
from allegiance.store import articles as stored


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text)
    return path


def test_summary_counts_new_duplicate_near_duplicate_and_rejected(tmp_path: Path) -> None:
    original = story(1, paragraphs=8)
    _write(tmp_path, "a.txt", original)
    _write(tmp_path, "b.txt", "Share this article\n\n" + original.replace(". ", ".  ", 3))  # same clean text
    _write(tmp_path, "c.txt", "Syndicated by Steppe Herald.\n\n" + original)  # near duplicate
    _write(tmp_path, "d.txt", story(2))
    _write(tmp_path, "e.txt", "")
    with Store(":memory:") as store:
        summary = ingest([str(tmp_path)], store, code=False, settings=settings())
        assert (summary.new, summary.duplicate, summary.near_duplicate, summary.rejected) == (2, 1, 1, 1)
        assert summary.rejections[0].origin == str(tmp_path / "e.txt")
        assert len(summary.article_ids) == 4 and summary.seconds > 0
        assert store.counts()["articles"] == 3
        first = stored.load(store, summary.article_ids[0])
        copy = stored.load(store, summary.article_ids[2])
        assert copy.duplicate_of == first.id and copy.similarity >= 0.9
        kinds = {(Path(o["origin"]).name, o["kind"]) for o in stored.origins(store, first.id)}
        assert kinds == {("a.txt", "first"), ("b.txt", "duplicate"), ("c.txt", "near_duplicate")}


def test_a_copy_read_while_its_first_copy_awaits_coding_is_not_coded_again(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance.ingest as ingest_module

    text = story(3)
    _write(tmp_path, "a.txt", text)
    _write(tmp_path, "b.txt", story(4))
    _write(tmp_path, "c.txt", text)  # the same clean text: an exact duplicate, read before a is coded
    handed: list[str] = []

    def recording(store: Store, articles: Iterator[str | Article], **options: object) -> int:
        handed.extend(a if isinstance(a, str) else a.id for a in articles)
        return 0

    monkeypatch.setattr(ingest_module, "_coder", lambda: recording)
    with Store(":memory:") as store:
        summary = ingest([str(tmp_path)], store, settings=settings())
    assert (summary.new, summary.duplicate) == (2, 1)
    assert sorted(handed) == sorted(set(summary.article_ids)) and len(handed) == 2


def test_summary_names_the_last_summary_ids_articles_and_counts_them_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "SUMMARY_IDS", 3)
    for n in range(5):
        _write(tmp_path, f"{n}.txt", story(n))
    with Store(":memory:") as store:
        summary = ingest([str(tmp_path)], store, code=False, settings=settings())
        last = [row["id"] for row in store.query("SELECT id FROM articles ORDER BY rowid")][-3:]
    assert summary.new == 5 and list(summary.article_ids) == last


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    for n in range(5):
        _write(tmp_path, f"{n}.txt", story(n))
    with Store(str(tmp_path / "db.duckdb")) as store:
        first = ingest([str(tmp_path / "*.txt")], store, code=False, settings=settings())
        before = store.counts()
        again = ingest([str(tmp_path / "*.txt")], store, code=False, settings=settings())
        assert (first.new, again.new, again.duplicate) == (5, 0, 5)
        assert store.counts() == before == {**before, "articles": 5, "article_origins": 5}


def test_near_duplicate_index_is_rebuilt_from_the_store(tmp_path: Path) -> None:
    original = story(3, paragraphs=8)
    _write(tmp_path, "first.txt", original)
    _write(tmp_path, "later.txt", original + "\n\nThe Kremlin declined to comment.")
    db = str(tmp_path / "db.duckdb")
    with Store(db) as store:
        ingest([str(tmp_path / "first.txt")], store, code=False, settings=settings())
    with Store(db) as store:  # a new process: the index comes back from the minhash column
        summary = ingest([str(tmp_path / "later.txt")], store, code=False, settings=settings())
        assert summary.near_duplicate == 1


def test_threshold_comes_from_settings(tmp_path: Path) -> None:
    original = story(4, paragraphs=8)
    _write(tmp_path, "a.txt", original)
    _write(tmp_path, "b.txt", original + "\n\nThe Kremlin declined to comment.")
    with Store(":memory:") as store:
        summary = ingest([str(tmp_path)], store, code=False, settings=settings(near_duplicate_threshold=0.999))
        assert (summary.new, summary.near_duplicate) == (2, 0)


def test_progress_reports_every_item(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", story(1))
    _write(tmp_path, "b.txt", "")
    seen: list[str] = []
    with Store(":memory:") as store:
        ingest([str(tmp_path)], store, code=False, settings=settings(), progress=lambda outcome, _: seen.append(outcome))
    assert seen == ["new", "rejected"]


def test_parallel_runs_are_delegated_to_the_scale_module(tmp_path: Path) -> None:
    scale = pytest.importorskip("allegiance.scale")
    if not hasattr(scale, "ingest_parallel"):
        pytest.skip("allegiance.scale.ingest_parallel is not written yet")
    _write(tmp_path, "a.txt", story(1))
    with Store(str(tmp_path / "db.duckdb")) as store:
        summary = ingest([str(tmp_path)], store, code=False, workers=2, settings=settings())
        assert summary.new == 1 and store.counts()["articles"] == 1


def test_coding_hand_off(tmp_path: Path) -> None:
    """Integration with the coding stage: skipped until allegiance.coding.code_articles exists."""
    coding = pytest.importorskip("allegiance.coding")
    if not hasattr(coding, "code_articles"):
        pytest.skip("allegiance.coding.code_articles is not written yet")
    _write(tmp_path, "a.txt", "MOSCOW, May 16, 2022 - Vladimir Putin hosted Alexander Lukashenko in the Kremlin on Monday.")
    with Store(str(tmp_path / "db.duckdb")) as store:
        summary = ingest([str(tmp_path)], store, code=True, settings=settings())
        assert summary.new == 1
        assert store.scalar("SELECT count(*) FROM articles WHERE coded_at IS NOT NULL") == 1
        assert summary.events == store.counts()["events"]


def test_a_coder_failure_stops_the_batch_and_a_rerun_codes_what_was_stored(tmp_path: Path, monkeypatch) -> None:
    """Articles are stored in a thread ahead of the coder; when coding fails the error reaches the caller,
    the storing thread stops, every stored article is whole, and the rerun hands all of them to the coder."""
    import threading

    import allegiance.ingest as ingest_module

    for n in range(80):
        _write(tmp_path, f"{n:03d}.txt", story(300 + n, paragraphs=2))
    db = str(tmp_path / "db.duckdb")

    def failing(store: Store, ids: Iterator[str], **options: object) -> int:
        for n, _ in enumerate(ids, 1):
            if n == ingest_module.CODE_BATCH:
                raise RuntimeError("the model ran out of memory")
        return 0

    monkeypatch.setattr(ingest_module, "_coder", lambda: failing)
    with Store(db) as store, pytest.raises(RuntimeError, match="out of memory"):
        ingest([str(tmp_path)], store, settings=settings())
    assert not any(t.name == "allegiance-ahead" for t in threading.enumerate())
    with Store(db) as store:
        stored_first = store.counts()
        assert ingest_module.CODE_BATCH <= stored_first["articles"] < 80
        assert stored_first["article_origins"] == stored_first["articles"]

    handed: list[str] = []

    def recording(store: Store, articles: Iterator[str | Article], **options: object) -> int:
        handed.extend(a if isinstance(a, str) else a.id for a in articles)
        return 0

    monkeypatch.setattr(ingest_module, "_coder", lambda: recording)
    with Store(db) as store:
        summary = ingest([str(tmp_path)], store, settings=settings())
        assert (summary.new, summary.duplicate) == (80 - stored_first["articles"], stored_first["articles"])
        assert sorted(handed) == sorted(summary.article_ids) and store.counts()["articles"] == 80


# --- kill and resume ---------------------------------------------------------------------------

N_FILES = 400


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLEGIANCE_")}
    env["ALLEGIANCE_CONFIG"] = str(tmp_path / "no-config.toml")
    return env


@pytest.mark.slow
def test_kill_mid_batch_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(N_FILES):
        _write(corpus, f"{n:04d}.txt", story(1000 + n, paragraphs=6))
    db = tmp_path / "db.duckdb"
    command = [sys.executable, "-m", "allegiance", "ingest", str(corpus), "--db", str(db), "--no-code", "--quiet"]
    process = subprocess.Popen(command, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wal = Path(f"{db}.wal")
    # The write-ahead log grows with every committed article: kill once a good number are in.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 400_000:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the batch finished before it could be killed; raise N_FILES"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    with Store(str(db), read_only=True) as store:
        committed = store.counts()
        orphans = store.scalar("SELECT count(*) FROM articles WHERE coalesce(origin, '') = ''")
        extra_origins = store.scalar("SELECT count(*) FROM article_origins")
    assert 0 < committed["articles"] < N_FILES
    assert committed["article_origins"] == committed["articles"] and orphans == 0 and extra_origins == 0

    rerun = subprocess.run(command[:-1], env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_FILES - committed['articles']} new, {committed['articles']} duplicate, 0 near-duplicate, 0 rejected" in rerun.stdout

    with Store(str(db), read_only=True) as store:
        assert store.counts()["articles"] == N_FILES
        assert store.counts()["article_origins"] == N_FILES
        assert store.scalar("SELECT count(DISTINCT origin) FROM articles") == N_FILES
        rows = [json.loads(line) for line in _export_lines(store)]
    assert sorted(Path(r["origin"]).name for r in rows) == [f"{n:04d}.txt" for n in range(N_FILES)]


def _export_lines(store: Store) -> list[str]:
    import io

    buffer = io.StringIO()
    stored.export(store, "jsonl", buffer)
    return buffer.getvalue().splitlines()


def test_a_batch_returns_freed_pages_at_once_only_when_it_does_not_code(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance.ingest as ingest_module
    from allegiance.store.allocator import decay_times

    before = decay_times()
    if not before:
        pytest.skip("this DuckDB build does not export jemalloc's mallctl")
    _write(tmp_path, "a.txt", story(5))
    seen: list[dict[str, int]] = []
    with Store(":memory:") as store:
        ingest([str(tmp_path)], store, code=False, settings=settings(), progress=lambda *_: seen.append(decay_times()))
    assert seen and set(seen[0].values()) == {0}

    def coding(store: Store, articles: Iterator[str | Article], **options: object) -> int:
        list(articles)
        seen.append(decay_times())
        return 0

    monkeypatch.setattr(ingest_module, "_coder", lambda: coding)
    with Store(":memory:") as store:
        ingest([str(tmp_path)], store, settings=settings())
    assert 0 not in seen[-1].values() and seen[-1].items() >= before.items()
