"""Argument finders on parses fixed by hand: constructions the small model misreads only now and then."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from allegiance.coding.arguments import _speaker_of


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """Rows of (word, head index, dependency, tag, lemma)."""
    words, heads, deps, tags, lemmas = (list(col) for col in zip(*rows))
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas)


# "The ministry said in a statement that the accession had changed the situation and accused the alliance."
STATEMENT = [("The", 1, "det", "DT", "the"), ("ministry", 2, "nsubj", "NN", "ministry"),
             ("said", 2, "ROOT", "VBD", "say"), ("in", 2, "prep", "IN", "in"), ("a", 5, "det", "DT", "a"),
             ("statement", 3, "pobj", "NN", "statement"), ("that", 10, "mark", "IN", "that"),
             ("the", 8, "det", "DT", "the"), ("accession", 10, "nsubj", "NN", "accession"),
             ("had", 10, "aux", "VBD", "have"), ("changed", 5, "acl", "VBN", "change"), ("the", 12, "det", "DT", "the"),
             ("situation", 10, "dobj", "NN", "situation"), ("and", 10, "cc", "CC", "and"),
             ("accused", 10, "conj", "VBD", "accuse"), ("the", 16, "det", "DT", "the"),
             ("alliance", 14, "dobj", "NN", "alliance"), (".", 2, "punct", ".", ".")]


def test_an_accusation_hung_on_a_clause_told_in_a_statement_is_the_speakers():
    doc = _doc(STATEMENT)
    assert _speaker_of(doc[14]).i == 2


def test_a_reported_clause_keeps_its_own_conjuncts():
    rows = list(STATEMENT)
    rows[14] = ("would", 15, "aux", "MD", "would")  # "... and would accuse": the reported clause goes on
    rows[15] = ("accuse", 10, "conj", "VB", "accuse")
    rows[16] = ("them", 15, "dobj", "PRP", "they")
    assert _speaker_of(_doc(rows)[15]) is None
    rows = list(STATEMENT)
    rows[14] = ("grew", 10, "conj", "VBD", "grow")  # not an act of speech
    assert _speaker_of(_doc(rows)[14]) is None
