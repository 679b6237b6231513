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
    assert t.sent_starts == [s.start for s in doc.sents] + [len(doc)]
    assert t.children == [[c.i for c in x.children] for x in doc]
    n = len(doc)
    assert all(t.span_text(a, b) == doc[a:b].text for a in range(n) for b in range(a, n + 1))


def test_the_last_doc_keeps_its_table(nlp) -> None:
    first, second = nlp("Putin met Erdogan."), nlp("Xi visited Astana.")
    table = parse.tokens(first)
    assert parse.tokens(first) is table
    assert parse.tokens(second).lower[0] == "xi" and parse.tokens(first).lower[0] == "putin"
