"""The spaCy seam: the token table must say exactly what the Doc's tokens say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance import parse

WORDS = ["Putin", "met", "Erdogan", "in", "Sochi", "on", "Monday", ".", "They", "agreed", ",", "the", "Kremlin",
         "said", "\n\n", "  ", "U.S.", "talks", "?", "Tokayev's", "—", "Astana", "\n", "!", "(Reuters)"]


@pytest.fixture(scope="module")
def nlp():
    return parse.load()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_the_table_matches_the_tokens(nlp, words: list[str]) -> None:
    doc = nlp(" ".join(words))
    t = parse.tokens(doc)
    assert t.lower == [x.lower_ for x in doc] and t.lemma == [x.lemma_ for x in doc]
    assert t.text == doc.text and t.pos == [x.pos_ for x in doc] and t.dep == [x.dep_ for x in doc]
    assert t.tag == [x.tag_ for x in doc]
    assert t.ent_type == [x.ent_type_ for x in doc] and t.head == [x.head.i for x in doc]
    assert t.space == [x.is_space for x in doc] and t.punct == [x.is_punct for x in doc]
    assert [t.token_text(i) for i in range(len(doc))] == [x.text for x in doc]
    assert t.idx == [x.idx for x in doc] and t.end == [x.idx + len(x.text) for x in doc]
    assert t.ent_iob == [x.ent_iob for x in doc] and t.entities() == [(e.start, e.end, e.label_) for e in doc.ents]
    assert t.sent_starts == [s.start for s in doc.sents] + [len(doc)]
    assert t.children == [[c.i for c in x.children] for x in doc]
    n = len(doc)
    assert all(t.span_text(a, b) == doc[a:b].text for a in range(n) for b in range(a, n + 1))


def test_a_table_without_a_parse_has_the_sentences_it_was_given(nlp) -> None:
    from spacy.tokens import Doc

    words = ["Putin", "spoke", ".", "Xi", "listened"]
    assert parse.tokens(Doc(nlp.vocab, words=words)).sent_starts == [0, 5]
    marked = Doc(nlp.vocab, words=words, sent_starts=[True, False, False, True, False])
    t = parse.tokens(marked)
    assert t.sent_starts == [0, 3, 5] and t.head == [0, 1, 2, 3, 4] and t.dep == [""] * 5
    assert parse.tokens(Doc(nlp.vocab, words=[])).sent_starts == [0]


PHRASES = ["Russian President Vladimir Putin", "met", "his Chinese counterpart", "and", "Kazakhstan", "'s",
           "foreign minister", "in", "the Tajik capital", "Dushanbe", ",", "who", "said", "on", "Monday", ".",
           "\n\n", "Armenia and Azerbaijan", "signed", "a deal", "with", "NATO", "(AP)", "—", "they", "  "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), max_size=25), st.data())
def test_spans_read_from_the_table_are_spacys(nlp, phrases: list[str], data: st.DataObject) -> None:
    doc = nlp(" ".join(phrases))
    t = parse.tokens(doc)
    assert parse.noun_chunks(doc) == [(c.start, c.end) for c in doc.noun_chunks]
    assert t.entities() == [(e.start, e.end, e.label_) for e in doc.ents]
    n, length = len(doc), len(doc.text)
    assert all(t.root(a, b) == doc[a:b].root.i for a in range(n) for b in range(a + 1, min(n, a + 8) + 1))
    for _ in range(20):
        a = data.draw(st.integers(-1, length + 1))
        b = data.draw(st.integers(a, length + 2))
        span = doc.char_span(a, b, alignment_mode="expand")
        assert t.char_span(a, b) == (None if span is None else (span.start, span.end))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_subtrees_read_from_the_table_are_spacys_on_any_tree(data: st.DataObject) -> None:
    import spacy
    from spacy.tokens import Doc

    n = data.draw(st.integers(1, 12))
    order = data.draw(st.permutations(range(n)))  # each word's head comes earlier in this order: a tree
    heads = list(range(n))
    for k, node in enumerate(order[1:], 1):
        heads[node] = order[data.draw(st.integers(0, k - 1))]  # crossing arcs too: non-projective trees
    doc = Doc(spacy.blank("en").vocab, words=[f"w{i}" for i in range(n)], heads=heads,
              deps=["ROOT" if heads[i] == i else "dep" for i in range(n)])
    t = parse.tokens(doc)
    assert all(t.subtree(i) == [w.i for w in doc[i].subtree] for i in range(n))


def test_the_last_doc_keeps_its_table(nlp) -> None:
    first, second = nlp("Putin met Erdogan."), nlp("Xi visited Astana.")
    table = parse.tokens(first)
    assert parse.tokens(first) is table
    assert parse.tokens(second).lower[0] == "xi" and parse.tokens(first).lower[0] == "putin"


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_headline_and_a_dateline_are_not_glued_to_the_lead(nlp) -> None:
    text = ("Tokayev hosts Erdogan for gas talks\n\nBy Central Asia Desk\n\n"
            "ASTANA, Oct 14 (Reuters) - Kazakh President Kassym-Jomart Tokayev received Turkish President Tayyip "
            "Erdogan in Astana on Friday. They discussed gas transit.")
    found = sentences(nlp, text)
    assert found[:3] == ["Tokayev hosts Erdogan for gas talks", "By Central Asia Desk", "ASTANA, Oct 14 (Reuters) -"]
    assert found[3].startswith("Kazakh President") and found[3].endswith("on Friday.")


def test_a_caption_on_its_own_line_is_one_sentence_of_its_own(nlp) -> None:
    text = ("Lavrov said the talks in Baku were useful.\nLavrov and Bayramov at the Baku talks (Image: Getty)\n"
            "Moscow will send a delegation to Yerevan next week.")
    assert sentences(nlp, text) == ["Lavrov said the talks in Baku were useful.",
                                    "Lavrov and Bayramov at the Baku talks (Image: Getty)",
                                    "Moscow will send a delegation to Yerevan next week."]


def test_text_wrapped_at_a_fixed_width_breaks_only_at_blank_lines(nlp) -> None:
    text = ("The foreign ministers of Armenia and\nAzerbaijan met in Almaty on Friday and\n"
            "agreed to keep talking about the\nborder.\n\nA new round is due in May.")
    found = sentences(nlp, text)
    assert found[0].startswith("The foreign ministers") and found[0].endswith("border.")
    assert found[1:] == ["A new round is due in May."]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS[:14] + WORDS[16:22]), min_size=1, max_size=8), min_size=2, max_size=5))
def test_no_sentence_runs_on_past_a_blank_line(nlp, lines: list[list[str]]) -> None:
    doc = nlp("\n\n".join(" ".join(words) for words in lines))
    for sent in doc.sents:
        breaks = [t.i for t in sent if t.is_space and "\n\n" in t.text]
        assert all(doc[i:sent.end].text.strip() == "" for i in breaks), sent.text


def test_a_dateline_is_cut_from_a_lead_on_a_single_line(nlp) -> None:
    found = sentences(nlp, "ANKARA, Aug 1 (Reuters) - Russia released sixteen prisoners on Thursday.")
    assert found == ["ANKARA, Aug 1 (Reuters) -", "Russia released sixteen prisoners on Thursday."]


def test_two_sentences_on_a_short_line_without_a_final_stop_stay_two(nlp) -> None:
    assert sentences(nlp, "Putin met Xi in Kazan. Modi flew home") == ["Putin met Xi in Kazan.", "Modi flew home"]
