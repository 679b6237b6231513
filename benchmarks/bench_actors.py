"""Actor resolution cost next to spaCy parsing, on the sample corpus.

Run with `python benchmarks/bench_actors.py`. Prints parse seconds, resolve_document seconds, their
ratio (the event coder's whole cost must stay within 25% of parsing, so resolution must be a
small part of it), mentions per second and the knowledge-base load time.
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from allegiance.actors import load_kb, resolve_document, resolver_for
    from allegiance.parse import load, parse

    files = sorted((ROOT / "corpus" / "sample").glob("*.txt"))
    texts = [f.read_text("utf-8") for f in files]
    started = time.perf_counter()
    kb = load_kb("")
    resolver_for(kb)
    load_seconds = time.perf_counter() - started
    load()
    started = time.perf_counter()
    docs = list(parse(texts))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    mentions = sum(len(resolve_document(doc, f.name[:10], kb)) for doc, f in zip(docs, files))
    resolve_seconds = time.perf_counter() - started
    print(f"articles {len(texts)}, characters {sum(map(len, texts)):,}")
    print(f"knowledge base load {load_seconds:.2f} s: {kb.stats()}")
    print(f"parse {parse_seconds:.2f} s; resolve_document {resolve_seconds:.2f} s "
          f"= {100 * resolve_seconds / parse_seconds:.1f}% of parsing; {mentions} mentions "
          f"({mentions / resolve_seconds:,.0f}/s)")


if __name__ == "__main__":
    main()
