"""Near-duplicate detection: MinHash signatures over word shingles, banded for candidate search.

Syndicated copies differ by a headline, a credit line or a sentence; Jaccard similarity of
3-word shingles stays above 0.9 for those while unrelated stories on one summit fall far below.
Signatures are 128 32-bit minima of a multiply-shift hash family (numpy, deterministic across
processes), stored as a 512-byte BLOB with the article.

The in-memory index holds only band hashes and ids (about 140 bytes an article), never texts or
signatures; candidates are verified against their stored signatures, which the caller supplies.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np

NUM_PERM = 128
BANDS = 16  # 16 bands of 8 rows: a pair at 0.9 similarity becomes a candidate with p > 0.999
ROWS = NUM_PERM // BANDS
SHINGLE = 3
_rng = np.random.default_rng(20220516)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[str]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint32[NUM_PERM]) of ``text``."""
    hashed = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") for s in shingles(text)),
        dtype=np.uint64,
    )
    with np.errstate(over="ignore"):  # multiply-shift hashing relies on wrap-around
        values = (hashed[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return values.min(axis=0).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def _band_keys(sig: np.ndarray) -> np.ndarray:
    rows = sig.astype("<u4").reshape(BANDS, ROWS)
    return np.array(
        [int.from_bytes(hashlib.blake2b(r.tobytes(), digest_size=8).digest(), "little") for r in rows],
        dtype=np.uint64,
    )


class NearDuplicateIndex:
    """Band hashes of first copies; ``find`` returns the most similar one at or above ``threshold``."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self._keys = np.empty((1024, BANDS), dtype=np.uint64)
        self._ids = np.empty(1024, dtype="S32")
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, article_id: str, sig: np.ndarray) -> None:
        if self._size == len(self._ids):
            self._keys = np.concatenate([self._keys, np.empty_like(self._keys)])
            self._ids = np.concatenate([self._ids, np.empty_like(self._ids)])
        self._keys[self._size] = _band_keys(sig)
        self._ids[self._size] = article_id.encode()
        self._size += 1

    def candidates(self, sig: np.ndarray) -> list[str]:
        hits = (self._keys[: self._size] == _band_keys(sig)[None, :]).any(axis=1)
        return [i.decode() for i in self._ids[: self._size][hits]]

    def find(
        self, sig: np.ndarray, signatures_of: Callable[[list[str]], Iterable[tuple[str, bytes]]]
    ) -> tuple[str, float] | None:
        """Best stored match as (id, similarity); ``signatures_of(ids)`` yields stored BLOBs."""
        ids = self.candidates(sig)
        if not ids:
            return None
        best: tuple[str, float] | None = None
        for article_id, blob in signatures_of(ids):
            score = similarity(sig, from_bytes(blob))
            if score >= self.threshold and (best is None or score > best[1] or (score == best[1] and article_id < best[0])):
                best = (article_id, score)
        return best
