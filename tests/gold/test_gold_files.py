"""The event-coding gold set is well formed and covers what the issue asks for (scripts/check_gold.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("check_gold", ROOT / "scripts" / "check_gold.py")
assert SPEC is not None and SPEC.loader is not None
check_gold = importlib.util.module_from_spec(SPEC)
sys.modules["check_gold"] = check_gold  # dataclasses look their module up there
SPEC.loader.exec_module(check_gold)

CODES_FILE = check_gold.codes_file(ROOT)
pytestmark = pytest.mark.skipif(
    CODES_FILE is None,
    reason="no CAMEO code table: neither src/allegiance/data/cameo/codes.tsv nor ../shared/reference/cameo",
)


@pytest.fixture(scope="module")
def tables():
    return check_gold.Tables(check_gold.load_codes(CODES_FILE), check_gold.load_keys(ROOT))


@pytest.fixture(scope="module")
def sentences() -> list[dict]:
    lines = (ROOT / "gold" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_gold_set_passes_every_check():
    report = check_gold.check(ROOT)
    assert report.errors == []


def test_every_sentence_event_uses_the_crosswalk_type(sentences, tables):
    for record in sentences:
        for event in record["events"]:
            assert event["plover"] == tables.codes[event["cameo"]], record["id"]


def _write(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "sentences.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=10_000), wrong=st.sampled_from(check_gold.PLOVER_TYPES + [None]))
def test_a_wrong_plover_type_is_reported(tmp_path_factory, sentences, tables, index, wrong):
    coded = [r for r in sentences if r["events"]]
    record = json.loads(json.dumps(coded[index % len(coded)]))
    if record["events"][0]["plover"] == wrong:
        return
    record["events"][0]["plover"] = wrong
    report = check_gold.Report()
    check_gold.load_sentences(_write(tmp_path_factory.mktemp("gold"), [record]), tables, report)
    assert any("maps to PLOVER" in message for message in report.errors)


def test_schema_faults_are_reported(tmp_path, tables):
    good = {"id": "s9999", "text": "Putin met Tokayev.", "date": "2024-07-03", "tags": ["plain"],
            "events": [{"source": "RUS", "target": "KAZ", "cameo": "040", "plover": "CONSULT"}], "split": "test"}
    faults = [
        dict(good, split="train"),
        dict(good, date="3 July 2024"),
        dict(good, tags=["sarcasm"]),
        dict(good, events=[{"source": "RUS", "target": "KAZ", "cameo": "999", "plover": None}]),
        dict(good, events=[{"source": "russia", "target": "KAZ", "cameo": "040", "plover": "CONSULT"}]),
        dict(good, events=[{"source": "RUS", "target": "KAZ", "cameo": "08", "plover": "CONCEDE"}]),
        {key: value for key, value in good.items() if key != "tags"},
    ]
    for fault in faults:
        report = check_gold.Report()
        check_gold.load_sentences(_write(tmp_path, [good, fault]), tables, report)
        assert report.errors, fault
    report = check_gold.Report()
    check_gold.load_sentences(_write(tmp_path, [good]), tables, report)
    assert report.errors == []


def test_article_evidence_must_be_in_the_text(tmp_path, tables):
    source = json.loads((ROOT / "gold" / "articles" / "a01.json").read_text(encoding="utf-8"))
    folder = tmp_path / "articles"
    folder.mkdir()
    source["events"][0]["evidence"] = "a phrase the article never uses"
    (folder / "a01.json").write_text(json.dumps(source), encoding="utf-8")
    report = check_gold.Report()
    check_gold.load_articles(folder, tables, report)
    assert any("evidence not found" in message for message in report.errors)


def test_coverage_floor_failures_are_reported(sentences):
    report = check_gold.Report()
    check_gold.check_coverage([r for r in sentences if r["events"]][:100], [], report)
    messages = " ".join(report.errors)
    assert "fewer than 650" in messages and "no-event" in messages and "articles" in messages


def _article(name: str, split: str | None) -> dict:
    article = json.loads((ROOT / "gold" / "articles" / "a01.json").read_text(encoding="utf-8"))
    article.pop("split", None)
    article.update(id=name, origin=f"gold/articles/{name}.json")
    if split is not None:
        article["split"] = split
    return article


def test_an_article_split_must_be_dev_or_test(tmp_path, tables):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, split in (("x1", "dev"), ("x2", "test"), ("x3", None)):
        (folder / f"{name}.json").write_text(json.dumps(_article(name, split)), encoding="utf-8")
    report = check_gold.Report()
    assert len(check_gold.load_articles(folder, tables, report)) == 3 and report.errors == []
    (folder / "x4.json").write_text(json.dumps(_article("x4", "train")), encoding="utf-8")
    check_gold.load_articles(folder, tables, report)
    assert any("split must be dev or test" in message for message in report.errors)


def test_the_dev_split_holds_articles():
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "gold" / "articles").glob("*.json"))]
    dev = [a for a in articles if a.get("split") == "dev"]
    assert len(dev) >= check_gold.MIN_DEV_ARTICLES
    assert all(a["id"].startswith("d") for a in dev)  # the a-series stays held out


@settings(max_examples=30, deadline=None)
@given(splits=st.lists(st.sampled_from(["dev", "test", None]), min_size=1, max_size=6))
def test_load_gold_gives_each_article_to_its_own_split(tmp_path_factory, splits):
    from allegiance.coding.evaluate import load_gold

    root = tmp_path_factory.mktemp("gold")
    (root / "articles").mkdir()
    (root / "sentences.jsonl").write_text("", encoding="utf-8")
    for index, split in enumerate(splits):
        name = f"x{index:02d}"
        (root / "articles" / f"{name}.json").write_text(json.dumps(_article(name, split)), encoding="utf-8")
    ids = {split: [a["id"] for a in load_gold(split, root)[1]] for split in ("dev", "test", "all")}
    assert ids["dev"] == [f"x{i:02d}" for i, s in enumerate(splits) if s == "dev"]
    assert ids["test"] == [f"x{i:02d}" for i, s in enumerate(splits) if s != "dev"]
    assert ids["all"] == sorted(ids["dev"] + ids["test"])
