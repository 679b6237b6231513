"""Near-duplicate detection: MinHash signatures over word shingles, banded for candidate search.

Syndicated copies differ by a headline, a credit line or a sentence; Jaccard similarity of
3-word shingles stays above 0.9 for those while unrelated stories on one summit fall far below.
Signatures are 128 32-bit minima of a multiply-shift hash family (numpy, deterministic across
processes), stored as a 512-byte BLOB with the article.

The index holds only 32-bit band hashes and ids, on disk in a temporary SQLite file with a bounded
page cache, never texts or signatures; candidates are verified against their stored signatures,
which the caller supplies. A 32-bit band key collides by
chance about once per 2**32 comparisons, and such a false candidate fails that verification.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
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
    return set(_grams(words(text)))


def _grams(tokens: list[str]) -> list[str]:
    """Each run of SHINGLE words, joined by a space, in order and repeats included."""
    if len(tokens) < SHINGLE:
        return [" ".join(tokens)]
    return [" ".join(gram) for gram in zip(*(tokens[k:] for k in range(SHINGLE)))]


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint32[NUM_PERM]) of ``text``."""
    # A repeated shingle changes no minimum, so the grams are hashed without making a set of them;
    # the digests are read as little-endian integers in one go.
    blake2b = hashlib.blake2b
    hashed = np.frombuffer(b"".join([blake2b(s.encode(), digest_size=8).digest() for s in _grams(words(text))]), dtype="<u8")
    values = np.multiply.outer(hashed, _A)
    values += _B  # multiply-shift hashing relies on wrap-around, which numpy's in-place integer ops do silently
    # The shift is monotonic, so the minimum of the shifted values is the shifted minimum.
    return (values.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def _band_keys(sig: np.ndarray) -> np.ndarray:
    rows = sig.astype("<u4").tobytes()
    size = len(rows) // BANDS
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(rows[k : k + size], digest_size=4).digest() for k in range(0, len(rows), size)])
    return np.frombuffer(digests, dtype="<u4").astype(np.uint32)


_INSERT = f"INSERT OR IGNORE INTO bands VALUES {', '.join(['(?, ?)'] * BANDS)}"


class NearDuplicateIndex:
    """Band keys of first copies; ``find`` returns the most similar one at or above ``threshold``.

    The keys live in a private temporary SQLite file (deleted when the index is collected) behind
    a page cache of CACHE_KIB, so the index costs the same memory at any corpus size: held in
    Python arrays it grew by 80 bytes an article. A lookup probes the key index once per band."""

    CACHE_KIB = 1024

    def __init__(self, threshold: float):
        self.threshold = threshold
        # "" is SQLite's private on-disk temporary database; the ingest thread that reads ahead
        # of the coder uses the index the calling thread built, one at a time.
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        for pragma in (f"cache_size = -{self.CACHE_KIB}", "journal_mode = OFF", "synchronous = OFF", "temp_store = FILE"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute("CREATE TABLE bands (key INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID")
        self._size = 0
        self._last: tuple[bytes, list[int]] = (b"", [])

    def __len__(self) -> int:
        return self._size

    def _keys(self, sig: np.ndarray) -> list[int]:
        # Band number in the high bits: a key agrees only with the same band of another signature.
        # A new first copy is looked up and then added: its keys are made once.
        blob = sig.tobytes()
        if self._last[0] != blob:
            self._last = (blob, [band << 32 | key for band, key in enumerate(_band_keys(sig).tolist())])
        return self._last[1]

    def add(self, article_id: str, sig: np.ndarray) -> None:
        # One statement for the BANDS rows: sqlite3 lets go of the GIL at every step of a statement,
        # and while the coder parses, each step's return waits for the parsing thread to let go of it.
        self._db.execute(_INSERT, [value for key in self._keys(sig) for value in (key, article_id)])
        self._size += 1

    def candidates(self, sig: np.ndarray) -> list[str]:
        rows = self._db.execute(
            f"SELECT id FROM bands WHERE key IN ({', '.join('?' * BANDS)}) GROUP BY id HAVING count(*) >= ? ORDER BY id",
            [*self._keys(sig), MIN_BANDS],
        )
        return [row[0] for row in rows]

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
