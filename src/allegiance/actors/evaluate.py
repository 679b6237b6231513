"""Accuracy of the resolver on the project's gold sets (format: docs/gold.md).

``mentions.jsonl``: one mention with a date (and optional context) → expected actor fields.
``documents.jsonl``: short documents; each listed occurrence of a text must resolve, within the
document, to the expected actor. Only the expected fields given are compared.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from allegiance.actors.coref import PRONOUNS
from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.names import key
from allegiance.actors.resolve import Resolver, as_date, resolve_document
from allegiance.errors import InputError
from allegiance.models import Actor, Mention

FIELDS = ("name", "type", "country", "sector", "organization")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n} is not JSON: {exc}", input=str(path)) from exc
    return rows


def matches(actor: Actor | None, expected: dict[str, Any] | None, kb: KnowledgeBase | None = None) -> bool:
    if expected is None:
        return actor is None
    if actor is None:
        return False
    for name in FIELDS:
        if name not in expected:
            continue
        got, want = getattr(actor, name), expected[name]
        if name == "name" and got is not None and want is not None:
            if key(got) == key(want) or (kb is not None and _same_entry(kb, actor, want)):
                continue
        if got != want:
            return False
    return True


def _same_entry(kb: KnowledgeBase, actor: Actor, name: str) -> bool:
    """The gold may spell a name another way the knowledge base knows (Alexei/Alexey Likhachev)."""
    prefix = {"person": "p", "state": "s", "organization": "o", "group": "o"}.get(actor.type)
    return any(f"{prefix}:{e.key}" == actor.id for e in kb.lookup(name) if e.how != "surname")


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.failures: list[dict[str, Any]] = []

    def add(self, category: str, ok: bool, failure: dict[str, Any]) -> None:
        for name in ("overall", category):
            self.counts[name][0] += ok
            self.counts[name][1] += 1
        if not ok:
            self.failures.append(failure)

    def report(self) -> dict[str, Any]:
        return {name: {"correct": c, "total": n, "accuracy": round(c / n, 4) if n else None}
                for name, (c, n) in sorted(self.counts.items(), key=lambda kv: (kv[0] != "overall", kv[0]))}


def evaluate_mentions(rows: list[dict[str, Any]], resolver: Resolver) -> Tally:
    tally = Tally()
    for row in rows:
        actor = resolver.resolve(row["text"], as_date(row.get("date")), row.get("context"))
        expected = row.get("expected")
        tally.add(row.get("category", "uncategorised"), matches(actor, expected, resolver.kb),
                  {"id": row.get("id"), "text": row["text"], "date": row.get("date"), "expected": expected,
                   "got": actor.to_dict() if actor else None})
    return tally


def _covering(mentions: list[Mention], start: int, end: int) -> Mention | None:
    covering = [m for m in mentions if m.span.start <= start and end <= m.span.end]
    if covering:
        return min(covering, key=lambda m: m.span.end - m.span.start)
    return next((m for m in mentions if m.span.start < end and start < m.span.end), None)


def _occurrence(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(max(1, n)):
        at = text.find(needle, at + 1)
        if at < 0:
            break
    return at


def evaluate_documents(rows: list[dict[str, Any]], resolver: Resolver) -> Tally:
    from allegiance.parse import parse

    tally = Tally()
    for row, doc in zip(rows, parse(r["text"] for r in rows)):
        mentions = resolve_document(doc, row.get("date"), resolver.kb)
        for gold in row.get("mentions", []):
            start = _occurrence(row["text"], gold["text"], int(gold.get("occurrence", 1)))
            found = _covering(mentions, start, start + len(gold["text"])) if start >= 0 else None
            category = gold.get("category") or ("pronoun" if gold["text"].lower() in PRONOUNS else "reference")
            tally.add(category, matches(found.actor if found else None, gold.get("expected"), resolver.kb),
                      {"id": row.get("id"), "text": gold["text"], "occurrence": gold.get("occurrence", 1),
                       "expected": gold.get("expected"), "got": found.actor.to_dict() if found and found.actor else None,
                       "span": found.span.text if found else None})
    return tally


def evaluate(gold_dir: str | Path, kb: KnowledgeBase) -> dict[str, Any]:
    gold = Path(gold_dir)
    resolver = Resolver(kb)
    report: dict[str, Any] = {}
    for name, run in (("mentions", evaluate_mentions), ("documents", evaluate_documents)):
        path = gold / f"{name}.jsonl"
        if not path.is_file():
            raise InputError("gold file not found", input=str(path), hint="run from the project root or pass --gold")
        tally = run(read_jsonl(path), resolver)
        report[name] = tally.report()
        report[f"{name}_failures"] = tally.failures
    report["knowledge_base"] = kb.stats()
    return report


def report_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    for name in ("mentions", "documents"):
        lines.append(f"{name}:")
        for category, r in report[name].items():
            lines.append(f"  {category:18} {r['accuracy']:.3f}  ({r['correct']}/{r['total']})")
    stats = report["knowledge_base"]
    lines.append("knowledge base: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return lines
