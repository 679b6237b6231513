"""The indexed attribute rules must find exactly the matches spaCy's Matcher finds, and leave every word
with the same analysis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from allegiance import parse
from allegiance.parse_rules import RULER, IndexedRules, MemoLemmas, index_attribute_rules, memo_lemmas

# Words the model's exceptions name ("gon na", "y' all", "ai n't", "let 's", "but" as an adverb,
# pronouns by their role), and ordinary ones.
WORDS = ["gon", "na", "got", "ta", "y'", "y", "all", "ai", "n't", "nt", "let", "'s", "c'm", "on", "but", "i", "you",
         "it", "do", "does", "have", "had", "'d", "is", "are", "was", "there", "that", "which", "the", "gets", "to",
         "Putin", "met", "Xi", ".", ",", " ", "\n\n"]


@pytest.fixture(scope="module")
def nlp():
    return parse.load()


@pytest.fixture(scope="module")
def ruler(nlp):
    return nlp.get_pipe(RULER)


def up_to_the_ruler(nlp, text: str) -> Doc:
    """``text`` through the components before the attribute ruler."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == RULER:
            return doc
        doc = component(doc)
    return doc


def spacy_matches(ruler, doc: Doc) -> list:
    return sorted(set(AttributeRuler.match(ruler, doc)))  # the class's method: spaCy's Matcher


def test_the_loaded_pipeline_uses_the_index(ruler) -> None:
    assert ruler.match.__self__.__class__ is IndexedRules


@pytest.mark.parametrize("text", [
    "He ai n't gon na go, y' all. Let 's c'm on! There is a treaty, but I said it was you.",
    "Putin said Tokayev had done what he does.\n\nBut it gets worse: Moscow got ta act.",
    "  Xi   skipped the dinner , which   Lukashenko did not .",
])
def test_parsed_text_gets_the_same_matches(nlp, ruler, text: str) -> None:
    doc = up_to_the_ruler(nlp, text)
    assert sorted(set(ruler.match(doc))) == spacy_matches(ruler, doc)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_words_tags_and_dependencies_get_the_same_analysis(nlp, ruler, data) -> None:
    tags = sorted(nlp.get_pipe("tagger").labels) + [""]
    deps = sorted(nlp.get_pipe("parser").labels) + ["", "dep"]
    words = data.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    doc = Doc(nlp.vocab, words=words)
    for token in doc:
        token.tag_ = data.draw(st.sampled_from(tags))
        token.dep_ = data.draw(st.sampled_from(deps))
    ours, theirs = doc.copy(), doc.copy()
    assert sorted(set(ruler.match(ours))) == spacy_matches(ruler, theirs)
    ruler.set_annotations(ours, ruler.match(ours))
    ruler.set_annotations(theirs, AttributeRuler.match(ruler, theirs))
    columns = [TAG, POS, DEP, LEMMA, MORPH]
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()


def _blank_with_rules(patterns: list[dict]):
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe(RULER).add_patterns(patterns)
    return blank


def test_a_rule_the_index_cannot_reproduce_leaves_spacys_matcher() -> None:
    blank = _blank_with_rules([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}},
                               {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}}])
    assert not index_attribute_rules(blank)
    assert "match" not in vars(blank.get_pipe(RULER))
    assert [t.pos_ for t in blank("a a b")] == ["DET", "DET", ""]


def test_a_pipeline_without_rules_is_left_alone() -> None:
    import spacy

    assert not index_attribute_rules(spacy.blank("en"))


def test_rules_added_later_are_indexed_too() -> None:
    blank = _blank_with_rules([{"patterns": [[{"LOWER": "summit"}]], "attrs": {"POS": "NOUN"}}])
    assert index_attribute_rules(blank)
    assert [t.pos_ for t in blank("the summit")] == ["", "NOUN"]
    blank.get_pipe(RULER).add([[{"LOWER": "the"}, {"LOWER": "summit"}]], {"POS": "DET"}, index=0)
    assert [t.pos_ for t in blank("the summit")] == ["DET", "NOUN"]


def test_later_rules_win_as_in_spacy() -> None:
    blank = _blank_with_rules([{"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "VERB"}},
                               {"patterns": [[{"LOWER": {"REGEX": "^tal"}}]], "attrs": {"POS": "NOUN"}}])
    assert index_attribute_rules(blank)
    assert [t.pos_ for t in blank("talks")] == ["NOUN"]


# --- the lemmatizer's memo -------------------------------------------------------------------------

PARTS_OF_SPEECH = ["NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX", "PRON", "ADP", "SPACE", "PUNCT", ""]
MORPHS = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Tense=Pres|VerbForm=Fin",
          "Aspect=Prog|Tense=Pres|VerbForm=Part", "Degree=Pos", "Degree=Cmp", "VerbForm=None"]
INFLECTED = ["talks", "talked", "met", "meeting", "signed", "signs", "better", "leaders", "went", "agreements",
             "Putin", "was", "is", "countries", "said", "bigger", "ran", "  ", ",", "n't"]


def test_the_loaded_pipeline_memoises_lemmas(nlp) -> None:
    assert nlp.get_pipe("lemmatizer").pipe.__self__.__class__ is MemoLemmas


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_word_part_of_speech_and_morphology_get_spacys_lemma(nlp, data) -> None:
    import warnings

    lemmatizer = nlp.get_pipe("lemmatizer")
    words = data.draw(st.lists(st.sampled_from(INFLECTED), min_size=1, max_size=10))
    doc = Doc(nlp.vocab, words=words)
    for token in doc:
        token.pos_ = data.draw(st.sampled_from(PARTS_OF_SPEECH))
        token.set_morph(data.draw(st.sampled_from(MORPHS)) or None)
        if data.draw(st.booleans()) and data.draw(st.booleans()):
            token.lemma_ = "preset"  # set before, as the attribute rules' exceptions do: kept
    ours, theirs = doc.copy(), doc.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy warns of a word without a part of speech
        MemoLemmas(lemmatizer)(ours)
        type(lemmatizer).__call__(lemmatizer, theirs)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_pipe_and_call_give_the_same_lemmas(nlp) -> None:
    texts = ["The leaders were meeting in Astana, and talks went better than expected.",
             "Putin signed agreements; Tokayev's ministers ran the summit's sessions."]
    assert [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)] == [[t.lemma_ for t in nlp(text)] for text in texts]


def test_a_pipeline_without_a_lemmatizer_is_left_alone() -> None:
    import spacy

    assert not memo_lemmas(spacy.blank("en"))


def test_the_memos_stay_bounded_and_agree_after_starting_again(nlp, ruler, monkeypatch) -> None:
    import allegiance.parse_rules as parse_rules

    monkeypatch.setattr(parse_rules, "MEMO_MAX", 5)
    rules, lemmas = IndexedRules(ruler), MemoLemmas(nlp.get_pipe("lemmatizer"))
    texts = ["Putin met Xi in Astana on Monday.", "The leaders signed agreements and talks went well."] * 3
    for text in texts:
        doc = up_to_the_ruler(nlp, text)
        assert sorted(set(rules.match(doc))) == spacy_matches(ruler, doc)
        ruler.set_annotations(doc, rules.match(doc))
        theirs = doc.copy()
        lemmas(doc)
        type(lemmas.lemmatizer).__call__(lemmas.lemmatizer, theirs)
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in theirs]
        assert len(rules._memo) <= 5 + len(doc) and len(lemmas._memo) <= 5 + len(doc)
