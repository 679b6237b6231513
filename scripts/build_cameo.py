"""Build src/allegiance/data/cameo/codes.tsv from the shared CAMEO reference table.

Usage: python scripts/build_cameo.py [--shared ../shared]

Keeps, per code: name, level, root, the ICEWS Goldstein value, the quad class as 1-4 and the PLOVER
2021 event type / mode / context from the crosswalk. Facts only; no descriptions are copied.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "allegiance" / "data" / "cameo" / "codes.tsv"
QUADS = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
COLUMNS = ["code", "level", "root", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]


def build(shared: Path) -> list[dict[str, str]]:
    rows = []
    with (shared / "reference" / "cameo" / "codes.tsv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            plover = rec["plover_event_2021"].strip()
            rows.append(
                {
                    "code": rec["code"],
                    "level": rec["level"],
                    "root": rec["root"],
                    "name": rec["name"],
                    "goldstein": f"{float(rec['goldstein']):.1f}",
                    "quad_class": str(QUADS[rec["quad_icews"]]),
                    "plover": "" if plover == "(dropped)" else plover,
                    "plover_mode": rec["plover_mode_2021"].strip(),
                    "plover_context": rec["plover_context_2021"].strip(),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rows = build(args.shared)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
