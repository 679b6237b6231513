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

import array
import bisect
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
from allegiance.parse import Tokens, tokens

NONE_LABEL = "none"
FEATURE_VERSION = 1
WINDOW = 3
_MODAL = frozenset({"could", "would", "may", "might", "should", "must", "can", "will", "shall", "'ll", "wo"})
_NEG = frozenset({"not", "n't", "never", "no"})
_SKIP_DEPS = frozenset({"punct", "det", "cc"})
_sum, _max = np.add.reduce, np.maximum.reduce


def features(token: Any) -> list[str]:
    """Feature strings for a trigger token of a spaCy parse."""
    return features_at(tokens(token.doc), token.i)


def features_at(t: Tokens, i: int) -> list[str]:
    """``features`` of token ``i``, read from the Doc's token table (no spaCy Token objects)."""
    lemma_of, dep_of, ent_of, children = t.lemma, t.dep, t.ent_type, t.children
    lemma, tag, dep_i = lemma_of[i].lower(), t.tag[i], dep_of[i]
    out = [f"w={lemma}", f"t={t.lower[i]}", f"tag={tag}", f"dep={dep_i}", f"pos={t.pos[i]}", f"w+tag={lemma}|{tag}"]
    for child in children[i]:
        dep = dep_of[child]
        if dep in _SKIP_DEPS:
            continue
        cl = lemma_of[child].lower()
        out.append(f"c:{dep}={cl}")
        out.append(f"w+c:{lemma}|{dep}={cl}")
        if ent_of[child]:
            out.append(f"c:{dep}:ent={ent_of[child]}")
        if dep in ("neg",) or cl in _NEG:
            out.append("neg")
        if dep in ("aux", "auxpass") and cl in _MODAL:
            out.append(f"modal={cl}")
        if dep in ("prep", "agent", "dative"):
            for g in children[child]:
                if dep_of[g] == "pobj":
                    gl = lemma_of[g].lower()
                    out.append(f"pp:{cl}={gl}")
                    out.append(f"w+pp:{lemma}|{cl}={gl}")
                    if ent_of[g]:
                        out.append(f"pp:{cl}:ent={ent_of[g]}")
        if dep in ("dobj", "attr", "nsubjpass", "pobj", "xcomp", "ccomp", "advcl"):
            for g in children[child]:
                if dep_of[g] in ("compound", "amod", "prep", "neg", "aux"):
                    out.append(f"c:{dep}>{dep_of[g]}={lemma_of[g].lower()}")
    # Two hops up always, a root being its own head: the training features were read this way (a
    # spaCy ``token.head is not token`` test never holds, each access making a new Token object).
    head = i
    for hop in (1, 2):
        rel = dep_of[head]
        head = t.head[head]
        hl = lemma_of[head].lower()
        out.append(f"h{hop}={hl}")
        out.append(f"h{hop}:{rel}={hl}")
        for child in children[head]:
            cl = lemma_of[child].lower()
            if dep_of[child] == "neg" or cl in _NEG:
                out.append(f"h{hop}:neg")
            elif dep_of[child] in ("aux", "auxpass") and cl in _MODAL:
                out.append(f"h{hop}:modal={cl}")
            elif dep_of[child] == "mark":
                out.append(f"h{hop}:mark={cl}")
    for child in children[i]:
        if dep_of[child] == "mark":
            out.append(f"mark={lemma_of[child].lower()}")
    starts = t.sent_starts
    s = bisect.bisect_right(starts, i) - 1
    sent_start, sent_end = starts[s], starts[s + 1]
    lo, hi = max(sent_start, i - WINDOW), min(sent_end, i + WINDOW + 1)
    lemmas = [lemma.lower() for lemma in lemma_of[lo:hi]]
    rel = i - lo
    for k, lm in enumerate(lemmas):
        if k != rel:
            out.append(f"{'L' if k < rel else 'R'}={lm}")
    for k in range(len(lemmas) - 1):
        out.append(f"bi={lemmas[k]}_{lemmas[k + 1]}")
    if i == sent_start or t.token_text(sent_end - 1) == "?":
        out.append("sent:first" if i == sent_start else "sent:question")
    return out


def bucket(feature: str, n_buckets: int) -> int:
    """The weight bucket of one feature string: training and scoring must hash alike."""
    return zlib.crc32(feature.encode("utf-8")) % n_buckets


def hash_features(feats: Iterable[str], n_buckets: int) -> np.ndarray:
    """Sorted unique bucket indices of the features (binary presence)."""
    return np.unique(np.fromiter((bucket(f, n_buckets) for f in feats), dtype=np.int64))


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

    @functools.cached_property
    def _rows(self) -> array.array:
        """Weight row of each bucket, -1 for a bucket without weights: scoring a candidate is then one
        index per feature (1 MB of int32, where a dict of the buckets, or of the feature strings seen,
        cost a few cache misses a feature in the coder, between whose calls the parser runs)."""
        rows = np.full(self.n_buckets, -1, dtype=np.int32)
        rows[self.columns] = np.arange(len(self.columns), dtype=np.int32)
        return array.array("i", rows.tobytes())

    @functools.cached_property
    def _temperature(self) -> np.float32:
        """The temperature as the float32 numpy divides by: converting a Python float costs more than
        the division."""
        return self.bias.dtype.type(self.temperature)

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        row_of, n, crc32 = self._rows, self.n_buckets, zlib.crc32
        rows = {row_of[crc32(f.encode("utf-8")) % n] for f in feats}  # as ``bucket``
        rows.discard(-1)
        # The arithmetic of ``bias + weights[sorted(rows)].sum(axis=0)``, then a softmax at the
        # temperature, in the same order and precision, by the ufuncs themselves and in place: at ~15
        # rows numpy's per-call overhead is most of the cost.
        if rows:
            logits = _sum(self.weights.take(sorted(rows), axis=0), axis=0)
            np.add(self.bias, logits, out=logits)
        else:
            logits = self.bias.copy()
        np.subtract(logits, _max(logits), out=logits)
        np.divide(logits, self._temperature, out=logits)
        np.exp(logits, out=logits)
        np.divide(logits, _sum(logits), out=logits)
        return logits

    def predict(self, token: Any, doc: Any = None, k: int = 3) -> list[tuple[str, float]]:
        """Top-``k`` (label, probability) for the trigger ``token``; ``doc`` is accepted for symmetry."""
        p = self.scores(features(token))
        values = p.tolist()
        if len(set(values)) == len(values):
            # Without ties the order is the one ``np.argsort(-p)`` gives, which costs more in numpy's calls
            # than sorting 21 floats here; with ties, numpy's order among them is kept.
            order = sorted(range(len(values)), key=values.__getitem__, reverse=True)[:k]
        else:
            order = np.argsort(-p)[:k].tolist()
        return [(self.labels[i], values[i]) for i in order]


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
    # Row-major weights: scoring gathers whole rows, and each row of a column-major array spans the
    # whole array (one cache miss per label). The values, and so every sum, are the same.
    return EventClassifier(labels, columns.astype(np.int64), np.ascontiguousarray(weights, dtype=np.float32),
                           bias.astype(np.float32), int(meta["n_buckets"]), meta, float(meta.get("temperature", 1.0)))
