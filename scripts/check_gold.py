"""Validate the event-coding gold set and print its coverage.

Usage: python scripts/check_gold.py [REPO_ROOT]

Checks gold/sentences.jsonl and gold/articles/*.json against docs/gold.md: schema, CAMEO codes that exist,
the PLOVER type the crosswalk gives each code, evidence substrings, coverage of every CAMEO root and
PLOVER type in both splits, and the split balance. Exit status 1 when any check fails.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOTS = [f"{i:02d}" for i in range(1, 21)]
PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
]
TAGS = {
    "negation", "refusal", "speculation", "modality", "intent", "reported_speech", "compound_actor",
    "passive", "history", "nominal", "apposition", "coreference", "headline", "plain",
}
# Minimum counts the issue asks for; raising them is fine, lowering them is not.
MIN_SENTENCES = 650
MIN_PER_ROOT = 15
MIN_NO_EVENT = 120
MIN_ARTICLES = 14
ARTICLE_WORDS = (300, 700)
# The dev split was widened with 320 varied sentences (s1001-s1320) because rules tuned on the first 273
# dev sentences did not generalise to the test split; that drops the test share to about 0.41.
TEST_SHARE = (0.40, 0.65)
KEY = re.compile(r"^[A-Z][A-Z0-9_]{1,29}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SENTENCE_FIELDS = {"id", "text", "date", "tags", "events", "split"}
EVENT_FIELDS = {"source", "target", "cameo", "plover"}
ARTICLE_FIELDS = {"id", "title", "published", "origin", "text", "events"}
# An article without a split is test material (the first articles predate the field).
ARTICLE_SPLIT = "split"
MIN_DEV_ARTICLES = 118


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")


def codes_file(root: Path) -> Path | None:
    """The project's own code table wins over the shared reference copy."""
    for candidate in (root / "src/allegiance/data/cameo/codes.tsv", root.parent / "shared/reference/cameo/codes.tsv"):
        if candidate.is_file():
            return candidate
    return None


def load_codes(path: Path) -> dict[str, str | None]:
    """code -> PLOVER 2021 type (None when the crosswalk drops the code, '?' when it is ambiguous)."""
    table: dict[str, str | None] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            plover = (row.get("plover_event_2021") or row.get("plover") or "").strip()
            if plover in ("", "(dropped)"):
                table[row["code"]] = None
            elif "|" in plover:
                table[row["code"]] = "?"
            else:
                table[row["code"]] = plover
    return table


def load_keys(root: Path) -> set[str] | None:
    """Actor keys the project's knowledge base knows (ISO3 codes and organization codes), if it is there."""
    folder = root / "src/allegiance/data/actors"
    if not (folder / "states.yaml").is_file() or not (folder / "organizations.yaml").is_file():
        return None
    states = yaml.safe_load((folder / "states.yaml").read_text(encoding="utf-8")) or []
    orgs = yaml.safe_load((folder / "organizations.yaml").read_text(encoding="utf-8")) or []
    return {entry["iso3"] for entry in states} | {entry["code"] for entry in orgs}


@dataclass
class Tables:
    codes: dict[str, str | None]
    keys: set[str] | None


def check_event(where: str, event: object, tables: Tables, extra: set[str], report: Report) -> None:
    if not isinstance(event, dict) or set(event) != EVENT_FIELDS | extra:
        report.error(where, f"event fields must be {sorted(EVENT_FIELDS | extra)}")
        return
    source, target, cameo = event["source"], event["target"], event["cameo"]
    codes = tables.codes
    for role, key in (("source", source), ("target", target)):
        if key is None and role == "target":
            continue
        if not (isinstance(key, str) and KEY.match(key)):
            report.error(where, f"bad {role} key {key!r}")
        elif tables.keys is not None and key not in tables.keys:
            report.error(where, f"{role} key {key!r} is neither a state nor an organization of the actor tables")
    if cameo not in codes:
        report.error(where, f"unknown CAMEO code {cameo!r}")
        return
    expected = codes[cameo]
    if expected == "?":
        report.error(where, f"CAMEO {cameo} maps to several PLOVER types; use a more specific code")
    elif event["plover"] != expected:
        report.error(where, f"CAMEO {cameo} maps to PLOVER {expected!r}, not {event['plover']!r}")


def load_sentences(path: Path, tables: Tables, report: Report) -> list[dict]:
    records: list[dict] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(where, f"not JSON ({exc})")
            continue
        if not isinstance(record, dict) or set(record) != SENTENCE_FIELDS:
            report.error(where, f"fields must be {sorted(SENTENCE_FIELDS)}")
            continue
        if record["id"] in seen:
            report.error(where, f"duplicate id {record['id']}")
        seen.add(record["id"])
        if not (isinstance(record["text"], str) and record["text"].strip()):
            report.error(where, "empty text")
        if not DATE.match(str(record["date"])):
            report.error(where, f"bad date {record['date']!r}")
        if record["split"] not in ("dev", "test"):
            report.error(where, f"split must be dev or test, not {record['split']!r}")
        if not isinstance(record["tags"], list) or not record["tags"] or set(record["tags"]) - TAGS:
            report.error(where, f"tags must be a non-empty list from {sorted(TAGS)}")
        if not isinstance(record["events"], list):
            report.error(where, "events must be a list")
            continue
        for event in record["events"]:
            check_event(where, event, tables, set(), report)
        records.append(record)
    return records


def load_articles(folder: Path, tables: Tables, report: Report) -> list[dict]:
    articles: list[dict] = []
    for path in sorted(folder.glob("*.json")):
        where = f"articles/{path.name}"
        try:
            article = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            report.error(where, f"not JSON ({exc})")
            continue
        if not isinstance(article, dict) or set(article) - {ARTICLE_SPLIT} != ARTICLE_FIELDS:
            report.error(where, f"fields must be {sorted(ARTICLE_FIELDS)}, and optionally {ARTICLE_SPLIT!r}")
            continue
        if article.get(ARTICLE_SPLIT, "test") not in ("dev", "test"):
            report.error(where, f"split must be dev or test, not {article[ARTICLE_SPLIT]!r}")
        if article["id"] != path.stem:
            report.error(where, f"id {article['id']!r} differs from the file name")
        if article["origin"] != f"gold/articles/{path.name}":
            report.error(where, "origin must be the file's repository path")
        if not DATE.match(str(article["published"])):
            report.error(where, "bad published date")
        words = len(article["text"].split())
        if not ARTICLE_WORDS[0] <= words <= ARTICLE_WORDS[1]:
            report.error(where, f"{words} words, outside {ARTICLE_WORDS}")
        if not article["events"]:
            report.error(where, "no expected events")
        for index, event in enumerate(article["events"]):
            spot = f"{where} event {index}"
            check_event(spot, event, tables, {"date", "evidence"}, report)
            if not DATE.match(str(event.get("date"))):
                report.error(spot, "bad event date")
            evidence = event.get("evidence")
            if not (isinstance(evidence, str) and evidence and evidence in article["text"]):
                report.error(spot, f"evidence not found in the text: {evidence!r}")
        articles.append(article)
    return articles


def roots_and_types(record: dict) -> tuple[set[str], set[str]]:
    roots = {event["cameo"][:2] for event in record["events"]}
    types = {event["plover"] for event in record["events"] if event["plover"]}
    return roots, types


def check_coverage(sentences: list[dict], articles: list[dict], report: Report) -> None:
    per_split: dict[str, Counter] = {"dev": Counter(), "test": Counter()}
    tags: Counter = Counter()
    for record in sentences:
        roots, types = roots_and_types(record)
        bucket = per_split.get(record["split"])
        if bucket is not None:
            bucket.update(roots | types | ({"none"} if not record["events"] else set()))
        tags.update(record["tags"])
    total = Counter(per_split["dev"]) + per_split["test"]
    if len(sentences) < MIN_SENTENCES:
        report.error("sentences", f"{len(sentences)} sentences, fewer than {MIN_SENTENCES}")
    if total["none"] < MIN_NO_EVENT:
        report.error("sentences", f"{total['none']} no-event sentences, fewer than {MIN_NO_EVENT}")
    for label in ROOTS + PLOVER_TYPES:
        if label in ROOTS and total[label] < MIN_PER_ROOT:
            report.error("coverage", f"CAMEO root {label}: {total[label]} sentences, fewer than {MIN_PER_ROOT}")
        for split in ("dev", "test"):
            if per_split[split][label] == 0:
                report.error("coverage", f"{label} missing from the {split} split")
    for tag in sorted(TAGS - set(tags)):
        report.error("coverage", f"no sentence tagged {tag}")
    share = sum(r["split"] == "test" for r in sentences) / max(len(sentences), 1)
    if not TEST_SHARE[0] <= share <= TEST_SHARE[1]:
        report.error("split", f"test share {share:.2f} outside {TEST_SHARE}")
    article_splits = Counter(a.get(ARTICLE_SPLIT, "test") for a in articles)
    if article_splits["test"] < MIN_ARTICLES:
        report.error("articles", f"{article_splits['test']} test articles, fewer than {MIN_ARTICLES}")
    if article_splits["dev"] < MIN_DEV_ARTICLES:
        report.error("articles", f"{article_splits['dev']} dev articles, fewer than {MIN_DEV_ARTICLES}")
    article_types = Counter(e["plover"] for a in articles for e in a["events"])
    report.lines += [
        f"sentences {len(sentences)} (test share {share:.2f}), no-event {total['none']}",
        "CAMEO roots (dev/test): " + " ".join(f"{r}:{per_split['dev'][r]}/{per_split['test'][r]}" for r in ROOTS),
        "PLOVER types (dev/test): " + " ".join(f"{t}:{per_split['dev'][t]}/{per_split['test'][t]}" for t in PLOVER_TYPES),
        "tags: " + " ".join(f"{t}:{n}" for t, n in sorted(tags.items())),
        f"articles {len(articles)} (test {article_splits['test']}, dev {article_splits['dev']}), "
        f"events {sum(len(a['events']) for a in articles)}, words "
        + "/".join(str(len(a["text"].split())) for a in articles),
        "article events by PLOVER: " + " ".join(f"{t}:{n}" for t, n in sorted(article_types.items(), key=str)),
    ]


def check(root: Path) -> Report:
    report = Report()
    table = codes_file(root)
    if table is None:
        report.error("codes", "no CAMEO code table (src/allegiance/data/cameo/codes.tsv or ../shared)")
        return report
    tables = Tables(load_codes(table), load_keys(root))
    sentences = load_sentences(root / "gold/sentences.jsonl", tables, report)
    articles = load_articles(root / "gold/articles", tables, report)
    check_coverage(sentences, articles, report)
    return report


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    report = check(root)
    print("\n".join(report.lines))
    for message in report.errors:
        print(f"ERROR {message}", file=sys.stderr)
    print(f"{len(report.errors)} error(s)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
