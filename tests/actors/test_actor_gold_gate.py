"""CI floor: the resolver must not fall below the accuracy stored in gold/actors/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegiance.actors.evaluate import evaluate
from allegiance.actors.kb import load_kb

GOLD = Path(__file__).resolve().parents[2] / "gold" / "actors"
pytestmark = pytest.mark.skipif(not (GOLD / "floors.json").is_file(), reason="gold/actors/floors.json is missing")


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate(GOLD, load_kb(""))


@pytest.mark.parametrize("part", ["mentions", "documents"])
def test_accuracy_stays_above_floors(report: dict, part: str) -> None:
    floors = json.loads((GOLD / "floors.json").read_text())[part]
    below = {c: (report[part].get(c, {}).get("accuracy"), floor) for c, floor in floors.items()
             if (report[part].get(c, {}).get("accuracy") or 0.0) < floor}
    assert not below, f"{part}: accuracy under the floor (got, floor): {below}"


def test_the_gold_set_is_as_large_as_promised(report: dict) -> None:
    assert report["mentions"]["overall"]["total"] >= 300
    lines = (GOLD / "documents.jsonl").read_text().splitlines()
    assert len([line for line in lines if line.strip()]) >= 20
