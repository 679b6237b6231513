"""Validate the actor knowledge base in src/allegiance/data/actors/ and print its size.

    python scripts/check_actors.py [DATA_DIR]    # exit status 1 when any check fails
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actors_lib.validate import check  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else ROOT / "src" / "allegiance" / "data" / "actors"
    report = check(data_dir, ROOT / "scripts" / "actors_src" / "check.yaml")
    for error in report.errors:
        print(f"ERROR {error}")
    for key, value in report.counts.items():
        print(f"{key}: {value}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
