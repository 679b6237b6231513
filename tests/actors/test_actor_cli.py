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


def test_bad_jsonl_lines_are_reported_and_the_stream_goes_on(tmp_path: Path) -> None:
    _register()
    lines = tmp_path / "mentions.jsonl"
    lines.write_text("\n".join([
        json.dumps({"id": 1, "text": "the Tajik president", "date": "2022-10-14"}),
        "not json",
        json.dumps({"id": 3, "date": "2022-10-14"}),
        json.dumps({"id": 4, "text": "Russia", "date": "yesterday"}),
        "[1, 2]",
        json.dumps({"id": 6, "text": "Russia", "date": "2022-10-14"}),
    ]) + "\n")
    result = CliRunner().invoke(cli, ["actors", "resolve", "--jsonl", str(lines)])
    assert result.exit_code == 3, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, None, 3, 4, None, 6]
    assert out[0]["actor"]["name"] == "Emomali Rahmon" and out[5]["actor"]["country"] == "RUS"
    errors = {o["id"]: o["error"] for o in out if "error" in o}
    assert [o["actor"] for o in out if "error" in o] == [None] * 4
    assert errors[3].startswith("line 3: ") and "text" in errors[3]
    assert errors[4].startswith("line 4: ") and "yesterday" in errors[4]
    assert all(e.count("line ") == 1 for e in errors.values())
    stderr = result.stderr.splitlines()
    assert len(stderr) == 4 and stderr[0].startswith(f"{lines}: line 2: not JSON")


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
