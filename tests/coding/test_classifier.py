import hashlib
import zlib
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.coding.cameo import load_codebook
from allegiance.coding.classifier import NONE_LABEL, bucket, features, hash_features, load_classifier
from allegiance.errors import ModelError

CV_FLOOR = 0.71  # grouped cross-validation accuracy the training script must reach; raise it, never lower it


@pytest.fixture(scope="module")
def clf():
    return load_classifier()


def _top(clf, nlp, text, word):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return clf.predict(token, doc)


def test_metadata_matches_shipped_training_data(clf):
    data = Path(str(resources.files("allegiance") / "data" / "training" / "events.jsonl"))
    assert clf.meta["training_data"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert set(clf.labels) == set(load_codebook().roots()) | {NONE_LABEL}
    assert clf.meta["cross_validation"]["accuracy"] >= CV_FLOOR


@pytest.mark.parametrize(
    "text, word, root",
    [
        ("Mongolia and Kazakhstan signed a memorandum on railway transit.", "signed", "05"),
        ("Warplanes bombed the outskirts of the rebel stronghold overnight.", "bombed", "19"),
        ("The Kyrgyz leader flew to Beijing for a three-day visit.", "flew", "04"),
        ("Prosecutors detained the former mayor on bribery charges.", "detained", "17"),
        ("Hungary criticised the European Commission over frozen funds.", "criticised", "11"),
        ("Beijing threatened Manila with unspecified countermeasures.", "threatened", "13"),
        ("Ottawa imposed sanctions on three Iranian officials.", "imposed", "16"),
        ("Kazakhstan did not attend the meeting.", "attend", NONE_LABEL),
        # aspectual and intent frames keep the act's root; refusal and appeal frames do not
        ("Turkmenistan has started selling gas to Pakistan.", "selling", "06"),
        ("Baku agreed to release the detained Armenian soldiers.", "release", "08"),
        ("Hungary refused to sign the joint declaration on Ukraine.", "sign", NONE_LABEL),
        ("Thousands of students protested outside the parliament in Tbilisi.", "protested", "14"),
        ("BISHKEK (AP) — Kyrgyz police arrested two bloggers on Tuesday.", "arrested", "17"),
        ("Wheat exports from the region rose by a third.", "rose", NONE_LABEL),
        # eighth session: welcoming a decision praises it; a warning of retaliation threatens; present-tense
        # headlines of fighting; imports named by a noun are trade
        ("The Chilean government welcomed the ruling of the arbitration panel.", "welcomed", "05"),
        ("Manila welcomed the progress in the fisheries talks, calling it a good sign.", "welcomed", "05"),
        ("The Venezuelan army warned that any incursion would not go unanswered.", "warned", "13"),
        ("Eritrean and Ethiopian troops clash near Badme as envoys meet in Nairobi", "clash", "19"),
        ("Vietnam's imports of Thai rice have grown since the drought began", "imports", "06"),
    ],
)
def test_sensible_predictions(clf, nlp, text, word, root):
    ranked = _top(clf, nlp, text, word)
    assert ranked[0][0] == root, ranked
    assert all(p1 >= p2 for (_, p1), (_, p2) in zip(ranked, ranked[1:]))


def test_probabilities_form_a_distribution(clf, nlp):
    doc = nlp("Armenia recalled its ambassador from Minsk.")
    p = clf.scores(features(doc[1]))
    assert p.shape == (len(clf.labels),) and np.isclose(p.sum(), 1.0) and (p >= 0).all()
    assert len(clf.predict(doc[1], doc, k=5)) == 5


def test_features_read_the_parse(nlp):
    doc = nlp("Russia did not attack Ukraine on Monday.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    feats = features(verb)
    assert {"w=attack", "neg", "c:dobj=ukraine", "pp:on=monday", "L=not", "R=ukraine"} <= set(feats)
    # A root is its own head, and the features were trained reading it as such, two hops up.
    assert verb.dep_ == "ROOT" and {"h1:ROOT=attack", "h2:ROOT=attack"} <= set(feats)


def test_unknown_features_leave_the_prior(clf):
    p = clf.scores(["no such feature at all", "nor this one"])
    prior = np.exp(clf.bias / clf.temperature - (clf.bias / clf.temperature).max())
    assert np.allclose(p, prior / prior.sum(), atol=1e-6)


def test_hashing_is_stable_across_processes():
    # the shipped weights are indexed by CRC32 buckets; Python's salted hash() would break them
    assert hash_features(["w=attack", "w=attack", "tag=VBD"], 2**18).tolist() == sorted(
        {zlib.crc32(b"w=attack") % 2**18, zlib.crc32(b"tag=VBD") % 2**18}
    )


def test_missing_model_raises_model_error(tmp_path):
    with pytest.raises(ModelError):
        load_classifier(str(tmp_path / "nothing.npz"))


_FEATURES = st.lists(st.sampled_from(["w=attack", "neg", "c:dobj=ukraine", "pp:on=monday", "L=not", "R=ukraine",
                                      "tag=VBD", "w=sign", "h1:ROOT=say", "no such feature"]) | st.text(max_size=12), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_FEATURES, st.booleans())
def test_scores_are_the_plain_softmax_to_the_bit(clf, feats, as_generator):
    # The scores are computed by the ufuncs in place; each value must be what the plain expression gives.
    buckets = {int(b): row for row, b in enumerate(clf.columns)}
    rows = sorted({r for r in (buckets.get(bucket(f, clf.n_buckets), -1) for f in feats) if r >= 0})
    logits = clf.bias + clf.weights[rows].sum(axis=0) if rows else clf.bias.copy()
    logits = (logits - logits.max()) / clf.temperature
    plain = np.exp(logits) / np.exp(logits).sum()
    p = clf.scores(iter(feats) if as_generator else feats)
    assert p.dtype == plain.dtype and np.array_equal(p, plain)


def test_predict_ranks_as_numpy_argsort_does(clf, nlp):
    doc = nlp("Turkey and Iran signed a gas deal on Monday, but Baku has not condemned the strike, officials said.")
    for token in doc:
        p = clf.scores(features(token))
        expected = [(clf.labels[i], float(p[i])) for i in np.argsort(-p)[:4].tolist()]
        assert clf.predict(token, doc, k=4) == expected
