"""Near-duplicate detection: MinHash signatures over word shingles, banded for candidate search.

Syndicated copies differ by a headline, a credit line or a sentence; Jaccard similarity of
3-word shingles stays above 0.9 for those while unrelated stories on one summit fall far below.
Signatures are 128 32-bit minima of a multiply-shift hash family (numpy, deterministic across
processes), stored as a 512-byte BLOB with the article.

The in-memory index holds only 32-bit band hashes and ids (80 bytes an article, in fixed-size
chunks so growing it never copies what is there), never texts or signatures; candidates are
verified against their stored signatures, which the caller supplies. A 32-bit band key collides by
chance about once per 2**32 comparisons, and such a false candidate fails that verification.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np

NUM_PERM = 128
BANDS = 16  # of 8 rows: at 0.9 similarity a band agrees with p = 0.9**8 = 0.43, about 7 bands in 16
ROWS = NUM_PERM // BANDS
# A candidate must share this many bands. At 0.9 similarity two or more agree with p = 0.998 (0.9998
# at 0.92), while unrelated stories built from the same stock phrases ("the two sides agreed to meet
# again") often share one by chance; each candidate costs a read of its stored signature, and reading
# old blocks is what made ingest memory grow with the corpus.
MIN_BANDS = 2
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
        [int.from_bytes(hashlib.blake2b(r.tobytes(), digest_size=4).digest(), "little") for r in rows],
        dtype=np.uint32,
    )


class NearDuplicateIndex:
    """Band hashes of first copies; ``find`` returns the most similar one at or above ``threshold``."""

    CHUNK = 4096
    ID_BYTES = 16  # article ids are 16 hex digits

    def __init__(self, threshold: float):
        self.threshold = threshold
        self._keys: list[np.ndarray] = []
        self._ids: list[np.ndarray] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, article_id: str, sig: np.ndarray) -> None:
        encoded = article_id.encode()
        if len(encoded) > self.ID_BYTES:
            raise ValueError(f"article id {article_id!r} is longer than {self.ID_BYTES} bytes")
        row = self._size % self.CHUNK
        if row == 0:
            self._keys.append(np.empty((self.CHUNK, BANDS), dtype=np.uint32))
            self._ids.append(np.empty(self.CHUNK, dtype=f"S{self.ID_BYTES}"))
        self._keys[-1][row] = _band_keys(sig)
        self._ids[-1][row] = encoded
        self._size += 1

    def candidates(self, sig: np.ndarray) -> list[str]:
        keys = _band_keys(sig)[None, :]
        found: list[str] = []
        for n, (chunk, ids) in enumerate(zip(self._keys, self._ids)):
            used = min(self.CHUNK, self._size - n * self.CHUNK)
            hits = (chunk[:used] == keys).sum(axis=1) >= MIN_BANDS
            found.extend(i.decode() for i in ids[:used][hits])
        return found

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
