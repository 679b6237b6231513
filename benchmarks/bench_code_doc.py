"""The coder alone: ``Coder.code_doc`` CPU time per article, the parse left out.

    .venv/bin/python benchmarks/bench_code_doc.py [--sets 5] [--size 120] [--profile SORTKEY]

Five sets of 120 synthetic articles (seeds 11, 12, ...) are ingested into a scratch database and parsed
untimed, then each set is coded once, in order, by one coder, timing this thread's CPU: the first set
pays for the coder's cold caches, the later ones show a long ingest's steady state. Thread CPU, not wall
time, so other work on the machine disturbs it less; still, compare two versions of the code by running
them at the same moment (``PYTHONPATH=<other tree>/src`` for one of them), never against figures taken
at another time. ``--profile tottime`` adds a cProfile of one more set.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402


def _parsed(coder, seed: int, size: int) -> list:
    """(Text, Doc) pairs of ``size`` synthetic articles, as ingest stores them and the coder reads them."""
    from allegiance.coding.code import as_text
    from allegiance.ingest import ingest
    from allegiance.store import Store
    from allegiance.store.events import articles_to_code, ids_to_code

    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic.write_jsonl(Path(tmp) / "articles.jsonl", size, seed=seed)
        with Store(Path(tmp) / "scratch.duckdb") as store:
            ingest([str(path)], store, code=False)
            items = [as_text(row) for row in articles_to_code(store, ids_to_code(store))]
    return list(zip(items, coder.nlp.pipe([item.text for item in items], batch_size=32)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", type=int, default=5)
    parser.add_argument("--size", type=int, default=120, help="articles per set")
    parser.add_argument("--profile", metavar="SORTKEY", help="cProfile one more set, sorted by SORTKEY")
    args = parser.parse_args(argv if argv is not None else [])

    from allegiance.coding.code import default_coder

    coder = default_coder()
    sets = [_parsed(coder, 11 + n, args.size) for n in range(max(1, args.sets))]
    per_article, events = [], 0
    for pairs in sets:
        started = time.thread_time()
        for item, doc in pairs:
            events += len(coder.code_doc(item, doc))
        per_article.append((time.thread_time() - started) * 1000 / len(pairs))
    print(f"code_doc CPU ms/article, set by set: {' '.join(f'{x:.2f}' for x in per_article)}; "
          f"mean {sum(per_article) / len(per_article):.2f} ({events} events, {len(sets)} x {args.size} articles)")
    if args.profile:
        import cProfile
        import pstats

        pairs = _parsed(coder, 11 + len(sets), args.size)
        profiler = cProfile.Profile()
        profiler.enable()
        for item, doc in pairs:
            coder.code_doc(item, doc)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.profile).print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1:])
