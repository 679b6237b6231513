"""Train the event classifier on src/allegiance/data/training/events.jsonl.

Usage: python scripts/train_classifier.py [--folds 5] [--c 16.0] [--buckets 262144]

Parses every sentence with the project's spaCy model (``allegiance.parse``), extracts features of the
trigger token with ``allegiance.coding.classifier.features`` (the same function inference uses), fits a
multinomial logistic regression (scikit-learn), and reports accuracy under grouped cross-validation:
all sentences generated from one phrase are held out together, so the figure measures phrases the
model has not seen. Writes data/models/event_classifier.npz (weights for the used hash buckets only)
and event_classifier.json (version, feature config, labels, data hash, cross-validation figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from allegiance import parse
from allegiance.coding.classifier import FEATURE_VERSION, NONE_LABEL, WINDOW, features, hash_features

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "allegiance" / "data" / "training" / "events.jsonl"
OUT = ROOT / "src" / "allegiance" / "data" / "models" / "event_classifier.npz"
VERSION = "1.0.0"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def featurize(records: list[dict], buckets: int) -> tuple[sparse.csr_matrix, list[int]]:
    rows, cols, kept = [], [], []
    docs = parse.parse((r["text"] for r in records), batch_size=256)
    for n, (rec, doc) in enumerate(zip(records, docs)):
        start = rec["trigger"][0]
        token = next((t for t in doc if t.idx <= start < t.idx + len(t)), None)
        if token is None:
            continue
        idx = hash_features(features(token), buckets)
        rows.extend([len(kept)] * len(idx))
        cols.extend(idx.tolist())
        kept.append(n)
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(kept), buckets))
    return x, kept


def fit_temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    """The softmax temperature that minimises held-out log loss: synthetic training makes the raw model
    over-confident, and the combiner in classify.py compares probabilities with fixed thresholds."""
    best, best_nll = 1.0, np.inf
    for t in np.linspace(0.5, 6.0, 56):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float(logp[np.arange(len(truth)), truth].mean())
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=16.0)
    parser.add_argument("--buckets", type=int, default=2**18)
    args = parser.parse_args()
    records = load(DATA)
    x, kept = featurize(records, args.buckets)
    y = np.array([records[i]["root"] for i in kept])
    groups = np.array([records[i]["group"] for i in kept])
    labels = sorted(set(y) - {NONE_LABEL}) + [NONE_LABEL]

    used = np.unique(x.indices)
    x = x[:, used]  # fitting over the used buckets only is ~10x faster and gives the same weights

    def model() -> LogisticRegression:
        return LogisticRegression(C=args.c, max_iter=2000)

    logits = np.zeros((len(y), len(labels)))
    for train, test in GroupKFold(n_splits=args.folds).split(x, y, groups):
        fold = model().fit(x[train], y[train])
        cols = [labels.index(c) for c in fold.classes_]
        logits[np.ix_(test, cols)] = fold.decision_function(x[test])
    pred = np.array(labels, dtype=object)[logits.argmax(axis=1)]
    temperature = fit_temperature(logits, np.array([labels.index(v) for v in y]))
    acc = float(np.mean(pred == y))
    event = y != NONE_LABEL
    said_event = pred != NONE_LABEL
    root_acc = float(np.mean(pred[event] == y[event]))
    none_recall = float(np.mean(pred[~event] == NONE_LABEL))
    event_precision = float(np.mean(y[said_event] == pred[said_event]))
    print(f"{len(y)} sentences, {args.folds}-fold grouped CV: accuracy {acc:.3f}, root accuracy on events {root_acc:.3f}, "
          f"none recall {none_recall:.3f}, precision of event labels {event_precision:.3f}")

    print(f"temperature fitted on out-of-fold logits: {temperature:.2f}")
    clf = model().fit(x, y)
    order = [list(clf.classes_).index(lab) for lab in labels]
    np.savez_compressed(OUT, columns=used.astype(np.int64), weights=clf.coef_[order].T.astype(np.float32),
                        bias=clf.intercept_[order].astype(np.float32))
    meta = {
        "version": VERSION,
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "feature_version": FEATURE_VERSION,
        "features": {"hash": "crc32", "n_buckets": args.buckets, "window": WINDOW, "binary": True},
        "n_buckets": args.buckets,
        "labels": labels,
        "temperature": round(temperature, 3),
        "model": {"type": "multinomial logistic regression", "C": args.c, "spacy_model": parse.model_info()},
        "training_data": {"path": "data/training/events.jsonl", "sha256": hashlib.sha256(DATA.read_bytes()).hexdigest(),
                          "sentences": len(y)},
        "cross_validation": {"folds": args.folds, "grouped_by": "phrase", "accuracy": round(acc, 4),
                             "root_accuracy_on_events": round(root_acc, 4), "none_recall": round(none_recall, 4),
                             "event_label_precision": round(event_precision, 4)},
    }
    OUT.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(used)} buckets x {len(labels)} labels)")


if __name__ == "__main__":
    main()
