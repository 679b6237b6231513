"""Coding speed: ingest → code → store, next to raw spaCy ``nlp.pipe`` on the same texts, in one run.

    .venv/bin/python benchmarks/bench_coding.py [--articles N] [--workers N] [--profile]

The raw side is the model exactly as ``spacy.load`` gives it; the pipeline parses with the same model
and weights through ``allegiance.parse.load``, which adds a component that starts sentences at line
breaks and finds the model's attribute rules through an index (``parse_rules``: the same analyses in
less time). That parse alone (``coder.nlp.pipe``) is timed too and printed beside the two, so the
coder's cost over its own parse can be read as well. All sides use the same batch size (32; the
pipeline's first batch is 8, because its articles arrive one commit at a time: a smaller batch parses
no faster per article, it only starts sooner) and number of processes, and are timed after the model
(and the coder's knowledge base, lexicon and classifier, and the pipeline's new database schema) are
loaded. Both parse the same texts: the raw side parses each article as the coder reads
it (the headline ingest keeps apart, then the clean text as ingest stores it; read from an untimed ingest
into a scratch database), so the text cleaning removes (datelines, bylines) flatters neither side. The pipeline side is
``ingest(code=True)``, what ``allegiance ingest`` runs: it stores each article in a thread ahead of the
coder (``ahead.py``), so the wall-clock ratio can be better than the CPU-time ratio, which is
printed too (CPU of this process and of the worker processes it waited for: spaCy's ``n_process``
workers on the raw side, ingest's on the pipeline side). The ratio is raw spaCy time over pipeline time
for those texts: at least 0.8 means ingesting, coding and storing add at most a quarter to parsing.

The sides run in alternation, ``--rounds`` times each (five by default: raw, own parse, pipeline, raw,
...), and each side's fastest run is compared, as ``timeit`` does: a busy moment on a shared
machine can only slow a run down, so the fastest run of each side is the one least disturbed, and
neither side gets more tries than the other. Every round's own ratio is printed as well.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

TARGET = 0.8
WARM_UP = 20  # articles each side handles untimed first


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its children that have been waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _raw(nlp, texts: list[str], workers: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of parsing ``texts``."""
    started, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - started, _cpu() - cpu


def _clean_texts(path: Path, db: Path) -> list[str]:
    """The texts the pipeline's coder parses: each article it codes as the coder reads it (the clean
    text, after the headline that ingest keeps apart), in its order."""
    from allegiance.coding.code import as_text
    from allegiance.ingest import ingest
    from allegiance.store import Store
    from allegiance.store.events import articles_to_code, ids_to_code

    with Store(db) as store:
        ingest([str(path)], store, code=False)
        return [as_text(row).text for row in articles_to_code(store, ids_to_code(store))]


def _warm_up(tmp: Path) -> None:
    """The pipeline's warm-up, as parsing a few texts is the raw side's: what a process does once
    (importing the store's columnar insert library, loading the gazetteer) is not throughput. Other
    articles than the timed ones (another seed), so the timed run replays nothing it has seen."""
    path = synthetic.write_jsonl(tmp / "warm-up.jsonl", WARM_UP, seed=12)
    _pipeline(path, tmp / "warm-up.duckdb", 1)


def _pipeline(path: Path, db: Path, workers: int) -> tuple[float, int, float]:
    """Seconds for the whole pipeline as ``allegiance ingest`` runs it (read, clean, dedup and store each
    article, code the new ones, store their events, merge reports of the same event), the events stored,
    and the CPU seconds meanwhile (``_cpu``)."""
    from allegiance.ingest import ingest
    from allegiance.store import Store

    # A new database's schema is created before the clock starts, as the model is loaded before the raw
    # side's: it is set-up paid once per database, not work per article. Closing (the last checkpoint of
    # what was stored) is timed.
    store = Store(db)
    started, cpu = time.perf_counter(), _cpu()
    with store:
        summary = ingest([str(path)], store, code=True, workers=workers)
    return time.perf_counter() - started, summary.events, _cpu() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="alternated timed runs of each side")
    parser.add_argument("--profile", action="store_true", help="print where the coding time goes")
    args = parser.parse_args(argv if argv is not None else [])

    import spacy

    from allegiance.coding.code import default_coder
    from allegiance.parse import model_name

    coder = default_coder()  # loads the model, knowledge base, lexicon, classifier (not timed)
    spacy_nlp = spacy.load(model_name())  # the model as spaCy gives it, nothing of ours added
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic.write_jsonl(Path(tmp) / "articles.jsonl", args.articles, seed=11)
        written = sum(len(json.loads(line)["text"].split()) for line in path.read_text(encoding="utf-8").splitlines())
        texts = _clean_texts(path, Path(tmp) / "scratch.duckdb")
        words = sum(len(t.split()) for t in texts)
        _raw(spacy_nlp, texts[:WARM_UP], 1)  # warm-up
        _raw(coder.nlp, texts[:WARM_UP], 1)
        _warm_up(Path(tmp))
        raws: list[tuple[float, float]] = []
        parses: list[tuple[float, float]] = []
        pipes: list[tuple[float, int, float]] = []
        for round_ in range(max(1, args.rounds)):
            raws.append(_raw(spacy_nlp, texts, args.workers))
            parses.append(_raw(coder.nlp, texts, args.workers))
            profiler = None
            if args.profile and round_ == 0:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            pipes.append(_pipeline(path, Path(tmp) / f"bench-{round_}.duckdb", args.workers))
            if profiler is not None:
                import pstats

                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        raw, raw_cpu = min(r[0] for r in raws), min(r[1] for r in raws)
        own, own_cpu = min(r[0] for r in parses), min(r[1] for r in parses)
        pipe, events, pipe_cpu = min(p[0] for p in pipes), pipes[0][1], min(p[2] for p in pipes)
    n = len(texts)
    print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"corpus: {n} synthetic articles, {written} words written, {words} as the coder reads them (clean text after the headline; what both sides parse), "
          f"{args.workers} process(es), model {coder.nlp.meta['name']} {coder.nlp.meta['version']}: raw side "
          f"{spacy_nlp.pipe_names} (as spacy.load gives it), pipeline {coder.nlp.pipe_names}")
    print(f"raw spaCy nlp.pipe:          {n / raw:8.1f} articles/s {words / raw:9.0f} words/s")
    print(f"the pipeline's parse alone:  {n / own:8.1f} articles/s {words / own:9.0f} words/s "
          f"(coder.nlp.pipe: the same model, sentences at line breaks, indexed attribute rules)")
    print(f"ingest → code → store:       {n / pipe:8.1f} articles/s {words / pipe:9.0f} words/s ({events} events)")
    # CPU seconds depend less than wall time on what else runs; the pipeline's storing thread overlaps
    # the parse, and with workers the driver merges while they code, so the wall ratio can exceed it.
    print(f"CPU time: raw spaCy {raw_cpu:.1f}s, the pipeline's parse {own_cpu:.1f}s, pipeline {pipe_cpu:.1f}s "
          f"(ratio {raw_cpu / pipe_cpu:.2f})")
    print(f"the pipeline over its own parse alone: {own / pipe:.2f} (wall), {own_cpu / pipe_cpu:.2f} (CPU)")
    rounds = ", ".join(f"{r[0] / p[0]:.2f}" for r, p in zip(raws, pipes))
    print(f"each round's ratio (raw / pipeline seconds, in order): {rounds}")
    ratio = raw / pipe
    print(f"ratio (pipeline / raw spaCy, fastest of {len(raws)} runs each): {ratio:.2f}  (target >= {TARGET}) "
          f"{'OK' if ratio >= TARGET else 'BELOW TARGET'}")


if __name__ == "__main__":
    main(sys.argv[1:])
