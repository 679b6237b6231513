"""Issue 2's bad-input list in one batch: each is rejected with a one-line reason naming it, the good
inputs around them are stored, and the exit status is 3."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from e2e_support import Run, clean, counts

GOOD_JSONL = [
    {"id": "good-1", "title": "Putin meets Tokayev", "published": "2022-05-16",
     "text": "Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Moscow on Monday."},
    {"id": "good-2", "title": "Xi meets Putin", "published": "2022-09-15",
     "text": "Chinese President Xi Jinping met Vladimir Putin in Samarkand on Thursday to discuss trade."},
]
RUSSIAN = ("МОСКВА. Президент России Владимир Путин провёл в Кремле саммит ОДКБ. "
           "Лидеры стран обсудили положение в Афганистане.\n")


def closed_port() -> int:
    """A loopback port nobody listens on, so fetching from it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, run: Run) -> dict:
    folder = tmp_path_factory.mktemp("e2e-bad")
    files = {
        "binary": folder / "photo.bin",
        "empty": folder / "empty.txt",
        "cp1251": folder / "moscow_cp1251.txt",
        "jsonl": folder / "mixed.jsonl",
        "feed": folder / "broken_feed.xml",
        "html": folder / "malformed.html",
        "huge": folder / "huge.txt",
    }
    files["binary"].write_bytes(bytes(range(256)) * 16)
    files["empty"].write_bytes(b"")
    files["cp1251"].write_bytes(RUSSIAN.encode("cp1251"))
    lines = [json.dumps(GOOD_JSONL[0]), '{"id": "bad", "text": not json', json.dumps(GOOD_JSONL[1])]
    files["jsonl"].write_text("\n".join(lines) + "\n")
    files["feed"].write_text('<?xml version="1.0"?><rss><channel><title>x</title><item><title>broken')
    files["html"].write_text(
        "<html><head><title>Sochi talks</title><body><div><p>Turkish President Recep Tayyip Erdogan met "
        "Vladimir Putin in Sochi on Monday to discuss the grain deal.<p>Erdogan urged Putin to return to the "
        "Black Sea grain initiative.</div></span></table>")
    with files["huge"].open("w") as handle:
        line = "Moscow said the talks on trade and the border would continue next week. " * 20 + "\n"
        while handle.tell() < 50_000_000:
            handle.write(line)
    url = f"http://127.0.0.1:{closed_port()}/story.html"
    db = folder / "bad.duckdb"
    result = run("ingest", *files.values(), url, "--db", db)
    files["huge"].unlink()
    return {"files": files, "url": url, "db": db, "result": result}


def rejection_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("rejected")]


def test_batch_exit_status_and_summary(batch: dict) -> None:
    result = batch["result"]
    assert result.returncode == 3, result.stderr
    assert clean(result)
    new, _, _, rejected = counts(result.stdout + result.stderr)
    assert new == 4, "two JSONL lines, the cp1251 file and the malformed HTML are good"
    assert rejected == 6


@pytest.mark.parametrize("name", ["binary", "empty", "huge", "feed"])
def test_each_bad_file_named_on_one_line(batch: dict, name: str) -> None:
    path = str(batch["files"][name])
    lines = [line for line in rejection_lines(batch["result"]) if path in line]
    assert len(lines) == 1, batch["result"].stderr
    assert len(lines[0].split(":", 2)[-1].strip()) > 3, "a reason follows the input's name"


def test_malformed_json_line_named_with_its_line(batch: dict) -> None:
    lines = [line for line in rejection_lines(batch["result"]) if str(batch["files"]["jsonl"]) in line]
    assert len(lines) == 1 and "#2" in lines[0] and "JSON" in lines[0]


def test_unreachable_url_named(batch: dict) -> None:
    lines = [line for line in rejection_lines(batch["result"]) if batch["url"] in line]
    assert len(lines) == 1


def test_huge_file_rejection_says_how_to_fix(batch: dict) -> None:
    line = next(line for line in rejection_lines(batch["result"]) if str(batch["files"]["huge"]) in line)
    assert "ALLEGIANCE_MAX_ARTICLE_BYTES" in line


def test_good_inputs_are_stored(batch: dict, run: Run) -> None:
    listed = run("export", "articles", "--format", "jsonl", "--db", batch["db"])
    articles = [json.loads(line) for line in listed.stdout.splitlines()]
    texts = {a["text"].strip() for a in articles}
    assert {g["text"] for g in GOOD_JSONL} <= texts
    assert RUSSIAN.strip() in texts, "cp1251 Russian is decoded, not mangled"
    sochi = [a for a in articles if a["origin"] == str(batch["files"]["html"])]
    assert sochi and "Erdogan met Vladimir Putin in Sochi" in sochi[0]["text"]
    titles = {a["title"] for a in articles}
    assert {"Putin meets Tokayev", "Xi meets Putin"} <= titles


def test_rerun_of_the_good_part_is_idempotent(batch: dict, run: Run) -> None:
    files = batch["files"]
    again = run("ingest", files["jsonl"], files["cp1251"], files["html"], "--db", batch["db"])
    assert again.returncode == 3, "the malformed JSON line is still rejected"
    new, duplicate, _, rejected = counts(again.stdout + again.stderr)
    assert (new, duplicate, rejected) == (0, 4, 1)


def test_missing_path_is_rejected_not_a_crash(tmp_path: Path, run: Run) -> None:
    missing = tmp_path / "nope.txt"
    result = run("ingest", missing, "--db", tmp_path / "x.duckdb")
    assert result.returncode == 3 and str(missing) in result.stderr and clean(result)
