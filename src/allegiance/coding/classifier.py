"""The statistical event classifier: a linear model over hashed parse features, numpy at inference.

``load_classifier().predict(token, doc)`` → ``[(label, probability), ...]`` best first, where a label
is a CAMEO root ("01" ... "20") or ``"none"`` (the candidate is not an event: background, negated,
speculative, or no event word at all). ``token`` is the trigger (a verb or an event noun) in ``doc``.

Features (``features(token)``, shared with ``scripts/train_classifier.py``): the trigger's lemma, form,
tag and dependency; each dependent as relation=lemma (objects, particles, prepositions with their
objects, negation and auxiliaries), entity types of the arguments; the governing words up two levels
(so "denied attacking" and "could attack" look different from "attacked"); and lemma n-grams in a small
window. Each feature string is hashed (CRC32) into ``n_buckets``; the weights are stored only for the
buckets the training data used. Trained with scikit-learn logistic regression; see the metadata JSON
beside the weights for the training data hash and the cross-validated accuracy.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from allegiance.errors import ModelError

NONE_LABEL = "none"
FEATURE_VERSION = 1
WINDOW = 3
_MODAL = frozenset({"could", "would", "may", "might", "should", "must", "can", "will", "shall", "'ll", "wo"})
_NEG = frozenset({"not", "n't", "never", "no"})
_SKIP_DEPS = frozenset({"punct", "det", "cc"})


def features(token: Any) -> list[str]:
    """Feature strings for a trigger token of a spaCy parse."""
    lemma = token.lemma_.lower()
    out = [f"w={lemma}", f"t={token.lower_}", f"tag={token.tag_}", f"dep={token.dep_}", f"pos={token.pos_}",
           f"w+tag={lemma}|{token.tag_}"]
    for child in token.children:
        dep = child.dep_
        if dep in _SKIP_DEPS:
            continue
        cl = child.lemma_.lower()
        out.append(f"c:{dep}={cl}")
        out.append(f"w+c:{lemma}|{dep}={cl}")
        if child.ent_type_:
            out.append(f"c:{dep}:ent={child.ent_type_}")
        if dep in ("neg",) or cl in _NEG:
            out.append("neg")
        if dep in ("aux", "auxpass") and cl in _MODAL:
            out.append(f"modal={cl}")
        if dep in ("prep", "agent", "dative"):
            for g in child.children:
                if g.dep_ == "pobj":
                    out.append(f"pp:{cl}={g.lemma_.lower()}")
                    out.append(f"w+pp:{lemma}|{cl}={g.lemma_.lower()}")
                    if g.ent_type_:
                        out.append(f"pp:{cl}:ent={g.ent_type_}")
        if dep in ("dobj", "attr", "nsubjpass", "pobj", "xcomp", "ccomp", "advcl"):
            for g in child.children:
                if g.dep_ in ("compound", "amod", "prep", "neg", "aux"):
                    out.append(f"c:{dep}>{g.dep_}={g.lemma_.lower()}")
    head, hop = token, 0
    while head.head is not head and hop < 2:
        rel = head.dep_
        head, hop = head.head, hop + 1
        hl = head.lemma_.lower()
        out.append(f"h{hop}={hl}")
        out.append(f"h{hop}:{rel}={hl}")
        for child in head.children:
            cl = child.lemma_.lower()
            if child.dep_ == "neg" or cl in _NEG:
                out.append(f"h{hop}:neg")
            elif child.dep_ in ("aux", "auxpass") and cl in _MODAL:
                out.append(f"h{hop}:modal={cl}")
            elif child.dep_ == "mark":
                out.append(f"h{hop}:mark={cl}")
    for child in token.children:
        if child.dep_ == "mark":
            out.append(f"mark={child.lemma_.lower()}")
    doc = token.doc
    sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
    lo, hi = max(sent.start, token.i - WINDOW), min(sent.end, token.i + WINDOW + 1)
    lemmas = [t.lemma_.lower() for t in doc[lo:hi]]
    rel = token.i - lo
    for k, lm in enumerate(lemmas):
        if k != rel:
            out.append(f"{'L' if k < rel else 'R'}={lm}")
    for k in range(len(lemmas) - 1):
        out.append(f"bi={lemmas[k]}_{lemmas[k + 1]}")
    if token.i == sent.start or doc[sent.end - 1].text == "?":
        out.append("sent:first" if token.i == sent.start else "sent:question")
    return out


def hash_features(feats: Iterable[str], n_buckets: int) -> np.ndarray:
    """Sorted unique bucket indices of the features (binary presence)."""
    return np.unique(np.fromiter((zlib.crc32(f.encode("utf-8")) % n_buckets for f in feats), dtype=np.int64))


@dataclass(frozen=True)
class EventClassifier:
    labels: tuple[str, ...]
    columns: np.ndarray  # sorted bucket ids that carry weights
    weights: np.ndarray  # (len(columns), len(labels))
    bias: np.ndarray  # (len(labels),)
    n_buckets: int
    meta: dict[str, Any]
    temperature: float = 1.0  # fitted on held-out folds so probabilities are not over-confident

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unknown"))

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        buckets = hash_features(feats, self.n_buckets)
        pos = np.searchsorted(self.columns, buckets)
        inside = pos < len(self.columns)
        pos, buckets = pos[inside], buckets[inside]
        rows = pos[self.columns[pos] == buckets]
        logits = (self.bias + self.weights[rows].sum(axis=0)) / self.temperature
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, token: Any, doc: Any = None, k: int = 3) -> list[tuple[str, float]]:
        """Top-``k`` (label, probability) for the trigger ``token``; ``doc`` is accepted for symmetry."""
        p = self.scores(features(token))
        order = np.argsort(-p)[:k]
        return [(self.labels[i], float(p[i])) for i in order]


def _model_dir() -> Path:
    return Path(str(resources.files("allegiance") / "data" / "models"))


@functools.lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> EventClassifier:
    """The shipped classifier (``data/models/event_classifier.npz`` + ``.json``), or one at ``path``."""
    npz = Path(path) if path else _model_dir() / "event_classifier.npz"
    try:
        meta = json.loads(npz.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(npz) as data:
            columns, weights, bias = data["columns"], data["weights"], data["bias"]
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load the event classifier: {exc}", input=str(npz),
                         hint="retrain with scripts/train_classifier.py or reinstall allegiance") from exc
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ModelError(f"classifier features v{meta.get('feature_version')} != code v{FEATURE_VERSION}",
                         input=str(npz), hint="retrain with scripts/train_classifier.py")
    labels = tuple(meta["labels"])
    if weights.shape != (len(columns), len(labels)) or bias.shape != (len(labels),):
        raise ModelError("weight shapes do not match the label list", input=str(npz), hint="retrain")
    return EventClassifier(labels, columns.astype(np.int64), weights.astype(np.float32), bias.astype(np.float32),
                           int(meta["n_buckets"]), meta, float(meta.get("temperature", 1.0)))
