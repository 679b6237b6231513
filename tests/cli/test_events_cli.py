import csv
import io
import json

import pytest
from click.testing import CliRunner

from allegiance.cli import _register, cli

_register()
TEXT = "Russian President Vladimir Putin met Tajik President Emomali Rahmon in Dushanbe on Monday."


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_extract_json(runner):
    result = runner.invoke(cli, ["extract", TEXT, "--date", "2022-10-14", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert any(r["source"]["country"] == "RUS" and r["target"]["country"] == "TJK" for r in records)
    assert all(r["date"] == "2022-10-10" for r in records if r["cameo_root"] == "04")


def test_extract_jsonl_stream(runner):
    lines = "\n".join(json.dumps(x) for x in [
        {"id": "one", "text": TEXT, "date": "2022-10-14"},
        {"id": "two", "text": "The weather was mild.", "date": "2022-10-14"},
    ])
    result = runner.invoke(cli, ["extract", "--jsonl", "-"], input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["one", "two"]
    assert out[0]["events"] and out[1]["events"] == []


def test_extract_bad_usage(runner):
    assert runner.invoke(cli, ["extract"]).exit_code == 2
    assert runner.invoke(cli, ["extract", "x", "--date", "soon"]).exit_code == 2


def test_code_events_and_exports(runner, tmp_path):
    db = str(tmp_path / "t.duckdb")
    doc = tmp_path / "a.jsonl"
    doc.write_text(json.dumps({"id": "a1", "title": "Putin meets Rahmon", "published": "2022-10-14",
                               "text": "DUSHANBE, Oct 10 (Reuters) - " + TEXT + " Russia condemned Ukraine on Friday."}) + "\n")
    result = runner.invoke(cli, ["ingest", str(doc), "--db", db, "--no-code"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["code", "--all", "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["code", "--db", db]).exit_code == 2
    assert runner.invoke(cli, ["code", "nosuchid", "--db", db]).exit_code == 4

    result = runner.invoke(cli, ["events", "--db", db, "--dyad", "RUS:TJK", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and all(r["source"]["country"] == "RUS" and r["target"]["country"] == "TJK" for r in records)
    table = runner.invoke(cli, ["events", "--db", db])
    assert table.exit_code == 0 and records[0]["event_id"] in table.output
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["events", "--db", db, "--format", "csv"]).output)))
    assert {r["event_id"] for r in rows} >= {r["event_id"] for r in records}

    result = runner.invoke(cli, ["export", "events", "--db", db, "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert lines and all(len(cols) == 61 for cols in lines)
    assert any(cols[7] == "RUS" and cols[17] == "TJK" and cols[26].startswith("04") for cols in lines)

    out = tmp_path / "events.parquet"
    result = runner.invoke(cli, ["export", "events", "--db", db, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    assert pq.read_table(str(out)).num_rows == len(rows)
