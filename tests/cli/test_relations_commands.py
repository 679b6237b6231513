"""The relations commands are thin wrappers: check their output and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "relations"))
from synthetic import populate  # noqa: E402

from allegiance.cli import _register, cli  # noqa: E402
from allegiance.store import Store  # noqa: E402

_register()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.duckdb")
    with Store(path) as store:
        populate(store)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_dyad_table_and_json(db: str) -> None:
    table = run("dyad", "RUS", "TJK", "--undirected", "--db", db)
    assert table.exit_code == 0 and "RUS <-> TJK by month" in table.output and "shift on 2024-" in table.output
    data = json.loads(run("dyad", "rus", "tjk", "--by", "week", "--format", "json", "--db", db).output)
    assert data["a"] == "RUS" and data["interval"] == "week" and data["points"]


def test_bad_dyad_exits_2(db: str) -> None:
    result = run("dyad", "RUS", "RUS", "--db", db)
    assert result.exit_code == 2


def test_dyad_json_flag_matches_format_json(db: str) -> None:
    flag = run("dyad", "RUS", "TJK", "--json", "--db", db)
    assert flag.exit_code == 0
    assert json.loads(flag.output) == json.loads(run("dyad", "RUS", "TJK", "--format", "json", "--db", db).output)


@pytest.mark.parametrize(("args", "parameter"), [(("XXX", "TJK"), "a"), (("RUS", "YYY"), "b"),
                                                  (("RUS", "p:nobody-at-all"), "b")])
def test_unknown_dyad_codes_exit_2_naming_the_side(db: str, args: tuple[str, str], parameter: str) -> None:
    result = CliRunner().invoke(cli, ["dyad", *args, "--db", db])
    assert result.exit_code == 2 and f"{parameter}: " in result.output and "ISO3" in result.output


def test_a_known_state_without_events_answers_with_zeros(db: str) -> None:
    data = json.loads(run("dyad", "RUS", "NZL", "--json", "--since", "2024-01-01", "--until", "2024-03-31",
                          "--db", db).output)
    assert [p["events"] for p in data["points"]] == [0, 0, 0]


def test_bloc(db: str) -> None:
    data = json.loads(run("bloc", "CSTO", "--json", "--db", db).output)
    assert "ARM" in data["defectors"]
    assert run("bloc", "NOSUCH", "--db", db).exit_code == 4


def test_network_graphml_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    result = run("network", "--since", "2024-01-01", "--format", "graphml", "--out", str(out), "--db", db)
    assert result.exit_code == 0 and out.read_text().startswith("<?xml")


def test_alerts_and_monitor(db: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: cooling, series: RUS-TJK, by: 3, days: 60, min_events: 5}\n")
    listed = json.loads(run("alerts", "--rules", str(rules), "--json", "--db", db).output)
    assert any(a["rule"] == "cooling" for a in listed)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    first = json.loads(run("alerts", "--rules", str(rules), "--new-only", "--json", "--db", str(copy)).output)
    again = json.loads(run("alerts", "--rules", str(rules), "--new-only", "--json", "--db", str(copy)).output)
    assert first and again == []


def test_a_broken_rules_file_is_a_usage_error(db: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: cooling, series: RUS-TJK, by: lots}\n")
    result = CliRunner().invoke(cli, ["alerts", "--rules", str(rules), "--db", db])
    assert result.exit_code == 2 and str(rules) in result.output and "cooling" in result.output


def test_actor(db: str) -> None:
    result = run("actor", "Rahmon", "--db", db)
    assert result.exit_code == 0 and "Emomali Rahmon [p:emomali-rahmon]" in result.output
    assert run("actor", "Atlantis", "--db", db).exit_code == 4


def test_demo_serve_prints_the_url(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLEGIANCE_DEMO_NO_SERVE", "1")
    result = run("demo-serve", "--db", db, "--port", "8765")
    assert result.exit_code == 0 and result.output.strip() == "dashboard: http://127.0.0.1:8765/"
