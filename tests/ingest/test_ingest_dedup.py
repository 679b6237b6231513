from __future__ import annotations

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
