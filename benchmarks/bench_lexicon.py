"""Print the cost of the event lexicon and classifier per candidate, next to spaCy parsing.

Usage: python benchmarks/bench_lexicon.py [--repeat 5]
Uses the project's hand-written training sentences as text; figures are wall-clock on this machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from allegiance import parse
from allegiance.coding.classifier import load_classifier
from allegiance.coding.lexicon import load_lexicon

DATA = Path(__file__).resolve().parents[1] / "src" / "allegiance" / "data" / "training" / "handwritten.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    lines = [x.split("\t", 1)[1] for x in DATA.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    texts = [x.replace("[", "").replace("]", "") for x in lines] * args.repeat
    t = time.perf_counter()
    lexicon = load_lexicon()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    classifier = load_classifier()
    clf_load_s = time.perf_counter() - t
    parse.load()
    t = time.perf_counter()
    docs = list(parse.parse(texts))
    parse_s = time.perf_counter() - t
    verbs = [(d, tok) for d in docs for tok in d if tok.pos_ in ("VERB", "AUX")]
    nouns = [tok for d in docs for tok in d if tok.pos_ == "NOUN"]
    t = time.perf_counter()
    for doc, tok in verbs:
        lexicon.match(doc, tok)
    verb_s = time.perf_counter() - t
    t = time.perf_counter()
    for tok in nouns:
        lexicon.match_nominal(tok)
    noun_s = time.perf_counter() - t
    t = time.perf_counter()
    for doc, tok in verbs:
        classifier.predict(tok, doc)
    clf_s = time.perf_counter() - t
    print(f"lexicon load {load_s:.2f} s, classifier load {clf_load_s:.2f} s")
    print(f"spaCy parse: {len(texts)} sentences in {parse_s:.2f} s ({1e3 * parse_s / len(texts):.2f} ms/sentence)")
    print(f"lexicon.match: {len(verbs)} verbs, {1e6 * verb_s / len(verbs):.0f} us each")
    print(f"lexicon.match_nominal: {len(nouns)} nouns, {1e6 * noun_s / len(nouns):.0f} us each")
    print(f"classifier.predict: {len(verbs)} verbs, {1e6 * clf_s / len(verbs):.0f} us each")
    print(f"lexicon + classifier on every verb and noun: {100 * (verb_s + noun_s + clf_s) / parse_s:.1f}% of parse time")


if __name__ == "__main__":
    main()
