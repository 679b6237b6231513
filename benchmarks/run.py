"""`make bench`: every benchmark in one run, each printing its own figures.

Run one alone with `python benchmarks/run.py ingest` (names: ingest, coding, code_doc, api, scale).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = {"ingest": "bench_ingest.py", "coding": "bench_coding.py", "code_doc": "bench_code_doc.py", "api": "bench_api.py", "scale": "bench_scale.py"}


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}", file=sys.stderr)
        return 2
    failed = []
    for name in names:
        path = HERE / BENCHMARKS[name]
        print(f"\n=== {name} ({path.name}) ===", flush=True)
        started = time.perf_counter()
        try:
            _load(path).main()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failed.append(name)
            print(f"benchmark {name} failed: {exc!r}", flush=True)
        print(f"--- {name}: {time.perf_counter() - started:.1f}s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
