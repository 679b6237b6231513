from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import story

from allegiance.ingest import dedup
from allegiance.ingest.dedup import NUM_PERM, NearDuplicateIndex, from_bytes, shingles, signature, similarity, to_bytes


def _jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def test_signature_is_deterministic_and_round_trips_through_bytes() -> None:
    sig = signature(story(1))
    assert sig.dtype == np.uint32 and sig.shape == (NUM_PERM,)
    assert np.array_equal(sig, signature(story(1)))
    assert len(to_bytes(sig)) == 4 * NUM_PERM
    assert np.array_equal(from_bytes(to_bytes(sig)), sig)


def test_estimate_tracks_true_jaccard() -> None:
    base = story(7, paragraphs=8)
    words = base.split()
    edited = " ".join(w if i % 40 else "EDITED" for i, w in enumerate(words))
    truth = _jaccard(base, edited)
    assert 0.6 < truth < 0.95
    assert abs(similarity(signature(base), signature(edited)) - truth) < 0.12


def test_case_and_punctuation_do_not_matter() -> None:
    text = story(3)
    assert similarity(signature(text), signature(text.upper().replace(".", " ."))) == 1.0


def test_index_finds_a_syndicated_copy_and_not_an_unrelated_story() -> None:
    original, other = story(11, paragraphs=8), story(12, paragraphs=8)
    copy = "Syndicated from Eurasia Wire.\n\n" + original
    index = NearDuplicateIndex(0.9)
    blobs = {"aaaa": to_bytes(signature(original)), "bbbb": to_bytes(signature(other))}
    index.add("aaaa", signature(original))
    index.add("bbbb", signature(other))
    lookup = lambda ids: [(i, blobs[i]) for i in ids]  # noqa: E731
    match = index.find(signature(copy), lookup)
    assert match is not None and match[0] == "aaaa" and match[1] >= 0.9
    assert index.find(signature(story(13, paragraphs=8)), lookup) is None


def test_index_finds_every_entry_and_only_the_matching_band_numbers() -> None:
    index = NearDuplicateIndex(0.9)
    sigs = [signature(story(i, paragraphs=1)) for i in range(40)]
    for i, sig in enumerate(sigs):
        index.add(f"{i:016x}", sig)
    assert len(index) == 40
    for i in (0, 7, 20, 39):
        assert f"{i:016x}" in index.candidates(sigs[i])
    # The same band values in other band positions are not a match.
    rotated = np.roll(sigs[3], dedup.ROWS)
    assert f"{3:016x}" not in index.candidates(rotated)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_identical_texts_are_fully_similar(text: str) -> None:
    assert similarity(signature(text), signature(text)) == 1.0


@pytest.mark.parametrize("shared, candidate", [(0, False), (1, False), (dedup.MIN_BANDS, True), (dedup.BANDS, True)])
def test_a_candidate_shares_at_least_min_bands(shared: int, candidate: bool) -> None:
    rng = np.random.default_rng(7)
    first = rng.integers(0, 2**32, size=dedup.NUM_PERM, dtype=np.uint64).astype(np.uint32)
    other = first.copy()
    other[shared * dedup.ROWS:] += np.uint32(1)  # every band after the first `shared` differs
    index = dedup.NearDuplicateIndex(0.9)
    index.add("a" * 16, first)
    assert (index.candidates(other) == ["a" * 16]) is candidate


# Signatures are stored, so the fast forms must give the stored values: each is checked against the
# plain definition (a blake2b per distinct shingle, every hash function applied, then the minimum).
def _signature_plainly(text: str) -> np.ndarray:
    tokens = dedup.words(text)
    grams = {" ".join(tokens[i : i + dedup.SHINGLE]) for i in range(len(tokens) - dedup.SHINGLE + 1)} or {" ".join(tokens)}
    hashed = np.array([int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams], dtype=np.uint64)
    with np.errstate(over="ignore"):
        values = (hashed[:, None] * dedup._A[None, :] + dedup._B[None, :]) >> np.uint64(32)
    return values.min(axis=0).astype(np.uint32)


_WORDS = st.lists(st.sampled_from(["Putin", "met", "Xi", "in", "Moscow", "the", "ТАСС", "İstanbul", "ﬁnal", "2022", ",", "."]), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_WORDS | st.lists(st.text(max_size=8), max_size=20), st.sampled_from([" ", "\n", "  ", ""]))
def test_signature_is_the_plain_minhash(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    sig = signature(text)
    assert sig.dtype == np.uint32 and to_bytes(sig) == to_bytes(_signature_plainly(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=NUM_PERM, max_size=NUM_PERM))
def test_band_keys_hash_each_band_of_the_stored_bytes(values: list[int]) -> None:
    sig = np.array(values, dtype=np.uint32)
    rows = sig.astype("<u4").reshape(dedup.BANDS, dedup.ROWS)
    plain = [int.from_bytes(hashlib.blake2b(r.tobytes(), digest_size=4).digest(), "little") for r in rows]
    assert dedup._band_keys(sig).tolist() == plain
    index = NearDuplicateIndex(0.9)
    assert index._keys(sig) == [band << 32 | key for band, key in enumerate(plain)]
    assert index._keys(sig[::-1].copy()) != index._keys(sig) or values == values[::-1]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 3)), max_size=8))
def test_the_index_holds_one_row_per_band_of_each_article_added(adds: list[tuple[str, int]]) -> None:
    sigs = [np.random.default_rng(seed).integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32) for seed in range(4)]
    index = NearDuplicateIndex(0.9)
    expected = set()
    for article_id, seed in adds:
        index.add(article_id, sigs[seed])
        expected |= {(band << 32 | key, article_id) for band, key in enumerate(dedup._band_keys(sigs[seed]).tolist())}
    assert set(index._db.execute("SELECT key, id FROM bands")) == expected
    assert len(index) == len(adds)
