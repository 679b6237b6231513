"""Precision, recall and F1 of the coder on the project's gold sets (``gold/``, see docs/gold.md).

Matching rule. An actor matches a gold key when the key equals the actor's ``organization`` (for
organization and group actors) or else its ``country``; a null gold target matches only an event with no
target. A coded event matches a gold event of the same sentence (or article) when source and target match
and the CAMEO roots are equal; each gold event is matched at most once (greedily, most confident coded
event first). Per PLOVER type and per CAMEO root, recall counts gold events of that label and precision
coded events of that label, under the same matching. Reported alongside: the share of matched events whose
full CAMEO code, PLOVER type and (articles) date agree with the gold.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allegiance.coding.keys import actor_key, actor_keys
from allegiance.errors import InputError

SPLITS = ("test", "dev", "all")


def gold_dir() -> Path:
    """``gold/`` of the source checkout (the gold sets are project files, not package data)."""
    return Path(__file__).resolve().parents[3] / "gold"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(p), "recall": _round(r), "f1": _round(f)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class Scores:
    overall: Tally = field(default_factory=Tally)
    plover: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    root: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    agree: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, unit: str, gold: list[dict[str, Any]], coded: list[dict[str, Any]]) -> None:
        remaining = list(gold)
        for event in sorted(coded, key=lambda e: -e["confidence"]):
            # Of the gold events it matches, one with its exact code, then one of its date: pairing it with
            # another of the same root first would count a code or date disagreement where the gold agrees.
            hits = [g for g in remaining if _matches(g, event)]
            hit = min(hits, key=lambda g: (g["cameo"] != event["cameo"], g.get("date") != event.get("date")),
                      default=None)
            plover = event.get("plover") or "(none)"
            if hit is None:
                self.overall.fp += 1
                self.plover[plover].fp += 1
                self.root[event["cameo_root"]].fp += 1
                self.errors.append({"unit": unit, "kind": "false", "event": _brief(event), "sentence": event["sentence"]})
                continue
            remaining.remove(hit)
            self.overall.tp += 1
            self.plover[hit.get("plover") or "(none)"].tp += 1
            self.root[hit["cameo"][:2]].tp += 1
            self._agree("cameo", hit["cameo"] == event["cameo"])
            self._agree("plover", (hit.get("plover") or "") == (event.get("plover") or ""))
            if hit.get("date"):
                self._agree("date", hit["date"] == event.get("date"))
        for g in remaining:
            self.overall.fn += 1
            self.plover[g.get("plover") or "(none)"].fn += 1
            self.root[g["cameo"][:2]].fn += 1
            self.errors.append({"unit": unit, "kind": "missed", "gold": g})

    def _agree(self, what: str, ok: bool) -> None:
        self.agree[what][0] += int(ok)
        self.agree[what][1] += 1

    def report(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "plover": {k: v.as_dict() for k, v in sorted(self.plover.items())},
            "cameo_root": {k: v.as_dict() for k, v in sorted(self.root.items())},
            "agreement": {k: _round(ok / n) if n else None for k, (ok, n) in self.agree.items()},
        }


def _matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    target = gold.get("target")
    return (
        gold["source"] in actor_keys(event["source"])
        and (event.get("target") is None if target is None else target in actor_keys(event.get("target")))
        and gold["cameo"][:2] == event["cameo_root"]
    )


def _brief(event: dict[str, Any]) -> dict[str, Any]:
    return {"source": actor_key(event["source"]), "target": actor_key(event.get("target")), "cameo": event["cameo"],
            "plover": event.get("plover"), "date": event.get("date"), "confidence": event["confidence"],
            "trigger": event["evidence"]["trigger"]["text"]}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the gold set: {exc}", input=str(path), hint="see docs/gold.md") from exc


def load_gold(split: str = "test", root: Path | None = None, articles: Sequence[str] | None = None
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold sentences and gold articles of ``split`` (``all``: both splits). An article's own ``split``
    field decides; an article without one is test material, as the first articles were. ``articles``:
    only the articles whose id matches one of these shell patterns ("d8[3-9]", "d9[0-4]"), and no
    sentences."""
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}", input=split, hint="test, dev or all")
    root = root or gold_dir()
    sentences = [s for s in _read_jsonl(root / "sentences.jsonl")
                 if articles is None and (split == "all" or s.get("split") == split)]
    found: list[dict[str, Any]] = []
    for path in sorted((root / "articles").glob("*.json")):
        try:
            article = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read gold article: {exc}", input=str(path)) from exc
        if (split == "all" or article.get("split", "test") == split) and (
                articles is None or any(fnmatch.fnmatchcase(str(article.get("id")), p) for p in articles)):
            found.append(article)
    return sentences, found


def evaluate(split: str = "test", *, root: Path | None = None, coder: Any = None,
             articles: Sequence[str] | None = None) -> dict[str, Any]:
    """Scores on gold sentences and on gold articles, separately and combined; ``articles`` as for
    ``load_gold``."""
    from allegiance.coding.code import Text, default_coder
    from allegiance.models import event_json

    coder = coder or default_coder()
    sentences, chosen = load_gold(split, root, articles)

    def run(items: Iterable[dict[str, Any]], text_key: str, date_key: str, scores: Scores, combined: Scores) -> None:
        items = list(items)
        texts = [Text(i["id"], str(i.get("origin") or i["id"]), dt.date.fromisoformat(i[date_key]), i[text_key])
                 for i in items]
        for item, (_, events) in zip(items, coder.code_many(texts)):
            coded = [event_json(e) for e in events]
            scores.add(item["id"], item["events"], coded)
            combined.add(item["id"], item["events"], coded)

    s_scores, a_scores, combined = Scores(), Scores(), Scores()
    run(sentences, "text", "date", s_scores, combined)
    run(chosen, "text", "published", a_scores, combined)
    return {
        "split": split, "sentences": len(sentences), "articles": len(chosen),
        "sentence_scores": s_scores.report(), "article_scores": a_scores.report(), "combined": combined.report(),
        "errors": s_scores.errors + a_scores.errors,
    }


def format_report(report: dict[str, Any]) -> str:
    lines = [f"split {report['split']}: {report['sentences']} sentences, {report['articles']} articles"]
    for name in ("sentence_scores", "article_scores", "combined"):
        o = report[name]["overall"]
        lines.append(f"{name:16} P {o['precision']}  R {o['recall']}  F1 {o['f1']}  (tp {o['tp']} fp {o['fp']} fn {o['fn']})")
    lines.append("per PLOVER type (combined):")
    for k, v in report["combined"]["plover"].items():
        lines.append(f"  {k:14} P {v['precision']}  R {v['recall']}  F1 {v['f1']}  (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    lines.append("per CAMEO root (combined):")
    for k, v in report["combined"]["cameo_root"].items():
        lines.append(f"  {k:14} P {v['precision']}  R {v['recall']}  F1 {v['f1']}")
    lines.append(f"agreement among matched: {report['combined']['agreement']}")
    return "\n".join(lines)
