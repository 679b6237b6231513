"""PETRARCH's validation records, run through the project's coder with PETRARCH's toy dictionaries.

The actors (``PETR.Validate.actors.txt`` / ``agents.txt``) load through ``KnowledgeBase.from_petrarch`` and
the verbs (``PETR.Validate.verbs.txt``) through ``load_lexicon``: the same loaders the product uses. The
statistical classifier is left out, as PETRARCH is dictionary-only. A record is reproduced when the set of
(source, target, code) the coder emits equals the expected set (an "expect no events" record: no events).
An event's code here is its actor's country (``---`` when none) plus its sector, as PETRARCH writes it;
a ``---`` target means no target. The suite checks the dictionary-driven machinery, not accuracy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from allegiance.errors import InputError

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def suite_path() -> Path:
    return SHARED / "conformance" / "petrarch_validation.jsonl"


def dictionaries_dir() -> Path:
    return SHARED / "reference" / "dictionaries" / "petrarch2"


def petrarch_code(actor: Any) -> str:
    if actor is None:
        return "---"
    return (actor.country or "---") + (actor.sector or "")


def conformance_coder(dicts: Path | None = None) -> Any:
    from allegiance.actors.kb import KnowledgeBase
    from allegiance.coding.code import Coder
    from allegiance.coding.lexicon import load_lexicon

    dicts = dicts or dictionaries_dir()
    kb = KnowledgeBase.from_petrarch(dicts / "PETR.Validate.actors.txt", dicts / "PETR.Validate.agents.txt")
    lexicon = load_lexicon([dicts / "PETR.Validate.verbs.txt"])
    return Coder(kb=kb, lexicon=lexicon, classifier=False, strict_codes=False)


def _date(raw: str) -> dt.date:
    return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))


def run_conformance(path: str | Path | None = None, *, coder: Any = None) -> dict[str, Any]:
    """Share of the suite's records the coder reproduces, overall and per category, with the misses."""
    from allegiance.coding.code import Text

    path = Path(path) if path else suite_path()
    if not path.is_file():
        raise InputError("conformance suite not found", input=str(path),
                         hint="it lives in ../shared/conformance/ next to the repository")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    coder = coder or conformance_coder(path.parent.parent / "reference" / "dictionaries" / "petrarch2")
    texts = [Text(r["id"], "conformance", _date(r["date"]), r["text"]) for r in records]
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    found_all = 0
    misses = []
    reproduced = 0
    for record, (_, events) in zip(records, coder.code_many(texts)):
        got = {(petrarch_code(e.source), petrarch_code(e.target), e.cameo) for e in events}
        want = set() if record["expect_no_events"] else {(e["source"], e["target"], e["code"]) for e in record["events"]}
        ok = got == want
        reproduced += ok
        found_all += want <= got
        by_cat[record["category"]][0] += ok
        by_cat[record["category"]][1] += 1
        if not ok:
            misses.append({"id": record["id"], "text": record["text"], "expected": sorted(want), "coded": sorted(got)})
    n = len(records)
    return {
        "records": n, "reproduced": reproduced, "share": round(reproduced / n, 4) if n else 0.0,
        "expected_found": round(found_all / n, 4) if n else 0.0,
        "by_category": {k: tuple(v) for k, v in sorted(by_cat.items())}, "misses": misses,
    }
