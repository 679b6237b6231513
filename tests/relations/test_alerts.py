from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from allegiance.errors import DataFileError, StoreError
from allegiance.relations.alerts import Rule, alerts, evaluate, load_rules, monitor
from allegiance.store import Store


def test_packaged_rules_load_and_validate() -> None:
    rules = load_rules()
    assert {"partner-cooling", "partner-shift", "csto-cohesion-drop"} <= {r.name for r in rules}


def test_user_rules_add_and_replace_by_name(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {name: partner-cooling, series: RUS-TJK, by: 5}\n  - {name: mine, series: KAZ>RUS}\n")
    rules = {r.name: r for r in load_rules(path)}
    assert rules["partner-cooling"].series == "RUS-TJK" and rules["partner-cooling"].by == 5.0
    assert rules["mine"].series == "KAZ>RUS"


@pytest.mark.parametrize("text", [
    "rules: [{name: x}]",
    "rules: [{name: x, series: RUS-TJK, metric: mood}]",
    "rules: [{name: x, series: RUS-TJK, colour: red}]",
    "rules: [{name: x, series: 'RUS TJK'}]",
    "rules: [{name: x, series: RUS-TJK, days: many}]",
    "rules: {",
    "rules: [{name: x, series: RUS-TJK, days: 2.5}]",
    "rules: [{name: x, series: RUS-TJK, by: .nan}]",
    "rules: [{name: x, series: RUS-TJK, by: -1}]",
    "rules: [{name: x, series: RUS-TJK, min_events: yes}]",
    "rules: [{name: x, series: RUS-TJK, min_change: 0}]",
    "rules: [{name: x, series: RUS-TJK, metric: [a]}]",
    "rule: [{name: x, series: RUS-TJK}]",
])
def test_bad_rule_files_name_the_file_and_the_rule(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert info.value.input == str(path) and info.value.exit_code == 2
    if text.startswith("rules: [{name: x,"):
        assert "rule 1 (x)" in str(info.value)


def test_the_falling_out_fires_a_change_rule(store) -> None:
    rule = Rule(name="cooling", series="RUS-TJK", metric="goldstein_mean", change="fall", by=3.0, days=60, min_events=5)
    fired = evaluate(store, [rule])
    assert fired, "RUS-TJK turned hostile in September 2024"
    first = fired[0]
    assert dt.date(2024, 9, 1) <= first.date <= dt.date(2024, 11, 30)
    assert first.value <= -3.0 and first.event_ids and first.new


def test_a_steady_dyad_fires_nothing(store) -> None:
    assert evaluate(store, [Rule(name="k", series="RUS-KAZ", by=4.0, days=60, min_events=5)]) == []


def test_wildcard_and_bloc_series(store) -> None:
    fired = evaluate(store, [Rule(name="s", series="RUS-*", kind="shift", min_change=3.0),
                             Rule(name="c", series="bloc:CSTO", by=1.5, days=90, min_events=6)])
    series = {a.series for a in fired}
    assert {"RUS-TJK", "RUS-ARM"} <= series
    assert "RUS-KAZ" not in series


def test_monitor_reports_each_alert_once(corpus_db, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: cooling, series: RUS-TJK, by: 3, days: 60, min_events: 5}\n")
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(corpus_db[0]).read_bytes())
    with Store(str(copy)) as store:
        first = monitor(store, rules_file=rules)
        assert first and all(a.new for a in first)
        assert monitor(store, rules_file=rules) == []
        seen = alerts(store, rules_file=rules)
        assert seen and not any(a.new for a in seen)
        assert alerts(store, rules_file=rules, new_only=True) == []


def test_monitor_needs_a_writable_store(store) -> None:
    with pytest.raises(StoreError):
        monitor(store)
