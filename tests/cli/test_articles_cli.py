from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.cli import _register, cli

_register()

_LEADS = ["Putin", "Tokayev", "Lukashenko", "Mirziyoyev", "Rahmon", "Pashinyan"]


def story(seed: int) -> str:
    """A distinct three-paragraph text per seed."""
    return "\n\n".join(
        f"{_LEADS[(seed + i) % 6]} met {_LEADS[(seed + i + 1) % 6]} for round {seed * 10 + i} of talks "
        f"on trade, transit and security, officials said after meeting number {seed * 97 + i}."
        for i in range(3)
    )


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALLEGIANCE_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("ALLEGIANCE_DB", raising=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    directory = tmp_path / "news"
    directory.mkdir()
    (directory / "a.txt").write_text("CSTO summit in Moscow\n\nMay 16, 2022\n\n" + story(1) + "\n\nREAD MORE: Other news")
    (directory / "b.txt").write_text("CSTO summit in Moscow\n\nMay 16, 2022\n\n" + story(1) + "\n\nShare this article")
    (directory / "c.jsonl").write_text(json.dumps({"text": story(2), "title": "Sochi talks"}) + "\n{oops\n")
    (directory / "d.bin").write_bytes(b"\x00\x01\x02" * 100)
    return directory


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_ingest_reports_rejections_and_exits_3(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    result = run("ingest", str(corpus), "--db", db, "--no-code")
    assert result.exit_code == 3
    assert f"rejected: {corpus / 'c.jsonl'}#2: malformed JSON" in result.stderr
    assert f"rejected: {corpus / 'd.bin'}: binary file" in result.stderr
    assert re.fullmatch(
        r"ingested: 2 new, 1 duplicate, 0 near-duplicate, 2 rejected, 0 events \(not coded\) in \d+\.\ds\n", result.stdout
    )
    again = run("ingest", str(corpus / "a.txt"), "--db", db, "--no-code", "--quiet")
    assert again.exit_code == 0 and again.stdout == ""


@pytest.mark.parametrize(
    "inputs,reason",
    [(["missing-folder"], "no such file, directory or URL"), (["*.nomatch"], "no files match this pattern")],
)
def test_missing_inputs_are_rejected_in_one_line(tmp_path: Path, inputs: list[str], reason: str) -> None:
    result = run("ingest", *[str(tmp_path / i) for i in inputs], "--db", str(tmp_path / "t.duckdb"), "--no-code")
    assert result.exit_code == 3
    assert result.stderr == f"rejected: {tmp_path / inputs[0]}: {reason}\n"
    assert result.stdout.startswith("ingested: 0 new, 0 duplicate, 0 near-duplicate, 1 rejected, ")


def _unusable_db(tmp_path: Path, kind: str) -> tuple[str, str]:
    if kind == "missing folder":
        return str(tmp_path / "nowhere" / "t.duckdb"), "does not exist"
    if kind == "folder":
        return str(tmp_path), "is a folder"
    if kind == "not a database":
        (tmp_path / "notes.duckdb").write_text("shopping list")
        return str(tmp_path / "notes.duckdb"), "not a valid DuckDB database"
    db = tmp_path / "ro.duckdb"
    run("ingest", "-", "--db", str(db), "--no-code", input=story(6).encode())
    db.chmod(0o444)
    if os.access(db, os.W_OK):
        pytest.skip("running as a user who may write read-only files (root)")
    return str(db), "read-only"


@pytest.mark.parametrize("kind", ["missing folder", "folder", "not a database", "read-only file"])
def test_an_unusable_db_is_one_error_line_not_a_traceback(tmp_path: Path, corpus: Path, kind: str) -> None:
    db, message = _unusable_db(tmp_path, kind)
    result = run("ingest", str(corpus / "a.txt"), "--db", db, "--no-code")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {db}: ") and message in line and "Traceback" not in result.stderr


def test_ingest_from_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    result = run("ingest", "-", "--db", db, "--no-code", input=story(5).encode())
    assert result.exit_code == 0 and "1 new" in result.stdout
    listed = run("articles", "--db", db, "--format", "jsonl")
    assert json.loads(listed.stdout)["origin"] == "stdin"


def test_articles_show_and_export(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    run("ingest", str(corpus), "--db", db, "--no-code")
    table = run("articles", "--db", db)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "PUBLISHED", "TITLE"]
    assert "2022-05-16" in lines[1] and "CSTO summit in Moscow" in lines[1]
    assert "unknown" in lines[2] and "Sochi talks" in lines[2]
    found = run("articles", "--db", db, "--search", "Sochi talks", "--format", "jsonl")
    assert [json.loads(line)["title"] for line in found.stdout.splitlines()] == ["Sochi talks"]
    since = run("articles", "--db", db, "--since", "2022-01-01", "--format", "jsonl")
    (row,) = [json.loads(line) for line in since.stdout.splitlines()]
    assert row["title"] == "CSTO summit in Moscow"

    shown = run("show", row["id"][:6], "--db", db)
    assert shown.exit_code == 0
    assert "published:  2022-05-16 (day, from text)" in shown.stdout
    assert "[read-more] READ MORE: Other news" in shown.stdout
    assert f"first           {corpus / 'a.txt'}" in shown.stdout
    assert f"duplicate       {corpus / 'b.txt'}" in shown.stdout
    data = json.loads(run("show", row["id"], "--db", db, "--json").stdout)
    assert data["removed"] == [{"rule": "read-more", "text": "READ MORE: Other news"}, {"rule": "date-label", "text": "May 16, 2022"}]
    assert len(data["origins"]) == 2

    exported = run("export", "articles", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 2 and {"id", "origin", "title", "published", "text"} <= records[0].keys()
    out = tmp_path / "a.parquet"
    assert run("export", "articles", "--db", db, "--format", "parquet", "--out", str(out)).exit_code == 0
    assert out.stat().st_size > 0
    assert run("export", "articles", "--db", db, "--format", "csv").stdout.startswith("id,origin,title")


def test_errors_have_documented_exit_codes(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    run("ingest", str(corpus / "a.txt"), "--db", db, "--no-code")
    assert run("show", "ffffffff", "--db", db).exit_code == 4
    bad_date = run("articles", "--db", db, "--since", "last week")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr
    assert run("export", "articles", "--db", db, "--format", "parquet").exit_code == 2
    assert run("articles", "--db", str(tmp_path / "absent.duckdb")).exit_code == 1
