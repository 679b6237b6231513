from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.cli import _register, cli


@pytest.fixture(scope="module")
def run():
    _register()
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)

    return invoke


def test_the_tajik_president(run) -> None:
    result = run("actors", "resolve", "the Tajik president", "--date", "2022-10-14", "--json")
    assert result.exit_code == 0, result.output
    actor = json.loads(result.output)
    assert (actor["name"], actor["country"], actor["sector"]) == ("Emomali Rahmon", "TJK", "GOV")


def test_nato_membership_by_date(run) -> None:
    before = run("blocs", "members", "NATO", "--date", "2022-05-16", "--json")
    after = run("blocs", "members", "NATO", "--date", "2023-05-01", "--json")
    assert before.exit_code == after.exit_code == 0
    assert "FIN" not in {m["iso3"] for m in json.loads(before.output)["members"]}
    assert "FIN" in {m["iso3"] for m in json.loads(after.output)["members"]}
    assert "Finland" in run("blocs", "members", "NATO", "--date", "2023-05-01").output


def test_jsonl_stream_with_an_overlay(run, tmp_path: Path) -> None:
    overlay = tmp_path / "people.yaml"
    overlay.write_text("- id: zebulon-quartermaine\n  name: Zebulon Quartermaine\n  country: TJK\n  roles: []\n")
    lines = "\n".join(json.dumps(x) for x in [
        {"id": 1, "text": "the Ukrainian president", "date": "2018-03-01"},
        {"id": 2, "text": "the Ukrainian president", "date": "2023-03-01"},
        {"id": 3, "text": "the weather", "date": "2023-03-01"},
        {"id": 4, "text": "Zebulon Quartermaine", "date": "2023-03-01"},
    ])
    result = run("actors", "resolve", "--jsonl", "-", "--overlay", str(overlay), stdin=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == [1, 2, 3, 4]
    assert out[0]["actor"]["name"] == "Petro Poroshenko"
    assert out[1]["actor"]["name"].startswith("Volodymyr Zelensk")
    assert out[2]["actor"] is None
    assert out[3]["actor"]["id"] == "p:zebulon-quartermaine"


def test_bad_jsonl_line_is_an_error(run) -> None:
    result = run("actors", "resolve", "--jsonl", "-", stdin="not json\n")
    assert result.exit_code == 1 and "line 1" in result.output


def test_show_and_not_found(run) -> None:
    result = run("actors", "show", "Lukashenka")
    assert result.exit_code == 0
    [entry] = [e for e in json.loads(result.output) if e["kind"] == "person"]
    assert entry["country"] == "BLR" and entry["roles"]
    missing = run("actors", "show", "Nobody Zzyzx")
    assert missing.exit_code == 4
    assert run("actors", "resolve", "the weather").exit_code == 4


def test_bad_date_is_usage_error(run) -> None:
    assert run("actors", "resolve", "Russia", "--date", "yesterday").exit_code == 2
    assert run("blocs", "members", "NOPE").exit_code == 4
