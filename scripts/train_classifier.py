"""Train the event classifier on src/allegiance/data/training/events.jsonl.

Usage: python scripts/train_classifier.py [--folds 5] [--c 4.0] [--buckets 262144]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=4.0)
    parser.add_argument("--buckets", type=int, default=2**18)
    args = parser.parse_args()
    records = load(DATA)
    x, kept = featurize(records, args.buckets)
    y = np.array([records[i]["root"] for i in kept])
    groups = np.array([records[i]["group"] for i in kept])
    labels = sorted(set(y) - {NONE_LABEL}) + [NONE_LABEL]

    def model() -> LogisticRegression:
        return LogisticRegression(C=args.c, max_iter=2000)

    pred = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(n_splits=args.folds).split(x, y, groups):
        pred[test] = model().fit(x[train], y[train]).predict(x[test])
    acc = float(np.mean(pred == y))
    event = y != NONE_LABEL
    said_event = pred != NONE_LABEL
    root_acc = float(np.mean(pred[event] == y[event]))
    none_recall = float(np.mean(pred[~event] == NONE_LABEL))
    event_precision = float(np.mean(y[said_event] == pred[said_event]))
    print(f"{len(y)} sentences, {args.folds}-fold grouped CV: accuracy {acc:.3f}, root accuracy on events {root_acc:.3f}, "
          f"none recall {none_recall:.3f}, precision of event labels {event_precision:.3f}")

    clf = model().fit(x, y)
    order = [list(clf.classes_).index(lab) for lab in labels]
    w = clf.coef_[order].T  # (buckets, labels)
    used = np.unique(x.indices)
    np.savez_compressed(OUT, columns=used.astype(np.int64), weights=w[used].astype(np.float32),
                        bias=clf.intercept_[order].astype(np.float32))
    meta = {
        "version": VERSION,
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "feature_version": FEATURE_VERSION,
        "features": {"hash": "crc32", "n_buckets": args.buckets, "window": WINDOW, "binary": True},
        "n_buckets": args.buckets,
        "labels": labels,
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
