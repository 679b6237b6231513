"""CI gate: the coder's scores on the held-out gold set must not fall below gold/floors.json.

Floors can only be raised (see docs/gold.md); they sit a little under the measured figures.
"""

import json
from pathlib import Path

import pytest

from allegiance.coding.evaluate import evaluate, gold_dir

FLOORS = gold_dir() / "floors.json"


@pytest.fixture(scope="module")
def report(coder):
    if not (gold_dir() / "sentences.jsonl").is_file():
        pytest.skip("gold set not present")
    return evaluate("test", coder=coder)


@pytest.mark.slow
def test_scores_meet_the_floors(report):
    floors = {k: v for k, v in json.loads(FLOORS.read_text()).items() if not k.startswith("_")}
    assert set(floors) == {"sentence_scores", "article_scores", "combined"}
    for scope in ("sentence_scores", "article_scores", "combined"):
        for metric, floor in floors[scope].items():
            value = report[scope]["overall"][metric]
            assert value is not None and value >= floor, f"{scope} {metric} {value} < floor {floor}"
