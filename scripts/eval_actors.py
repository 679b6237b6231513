"""Measure the actor resolver on gold/actors and, with --raise-floors, lift the CI floors.

    python scripts/eval_actors.py                 # print accuracy per category
    python scripts/eval_actors.py --json          # the whole report, failures included
    python scripts/eval_actors.py --raise-floors  # store floors a little under today's figures

Floors (gold/actors/floors.json) only ever go up: a category's new floor is the larger of the
stored one and today's accuracy less a margin (3 points, or one case for small categories).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from allegiance.actors.evaluate import evaluate, report_lines
from allegiance.actors.kb import load_kb

ROOT = Path(__file__).resolve().parents[1]


def proposed_floor(result: dict) -> float:
    margin = max(0.03, 1 / result["total"]) if result["total"] else 1.0
    return max(0.0, math.floor((result["accuracy"] - margin) * 100) / 100)


def raise_floors(report: dict, path: Path) -> dict:
    floors = json.loads(path.read_text()) if path.is_file() else {}
    for part in ("mentions", "documents"):
        stored = floors.setdefault(part, {})
        for category, result in report[part].items():
            if result["total"]:
                stored[category] = max(stored.get(category, 0.0), proposed_floor(result))
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
    return floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "gold" / "actors"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--raise-floors", action="store_true")
    args = parser.parse_args(argv)
    report = evaluate(args.gold, load_kb())
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("\n".join(report_lines(report)))
    if args.raise_floors:
        raise_floors(report, Path(args.gold) / "floors.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
