"""Argument finders on parses fixed by hand: constructions the small model misreads only now and then."""

import spacy
from spacy.tokens import Doc

from allegiance.coding.arguments import _objects, _speaker_of
from allegiance.coding.mentions import MentionIndex
from allegiance.models import Actor, Mention, Span

VOCAB = spacy.blank("en").vocab  # lexical attributes (lower case) without a model
POS = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "JJ": "ADJ", "IN": "ADP", "TO": "PART", "DT": "DET", "CC": "CCONJ",
       "PRP": "PRON", "MD": "AUX", ".": "PUNCT", ",": "PUNCT"}


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """Rows of (word, head index, dependency, tag, lemma)."""
    words, heads, deps, tags, lemmas = (list(col) for col in zip(*rows))
    pos = [POS.get(tag, "VERB") for tag in tags]
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, lemmas=lemmas, pos=pos,
               sent_starts=[i == 0 for i in range(len(words))])


def _index(doc: Doc, named: dict[int, str]) -> MentionIndex:
    """Mentions of single tokens, each the state whose code is given."""
    mentions = [Mention(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text), 0,
                        Actor(id=f"s:{code}", name=code, type="state", country=code)) for i, code in named.items()]
    return MentionIndex.build(doc, mentions)


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


def test_a_participle_set_off_inside_what_is_denied_is_the_deniers():
    # "Beijing denied that it was preparing to supply arms, rejecting the accusation as a smear."
    rows = [("Beijing", 1, "nsubj", "NNP", "Beijing"), ("denied", 1, "ROOT", "VBD", "deny"),
            ("that", 5, "mark", "IN", "that"), ("it", 5, "nsubj", "PRP", "it"), ("was", 5, "aux", "VBD", "be"),
            ("preparing", 1, "ccomp", "VBG", "prepare"), ("to", 7, "aux", "TO", "to"),
            ("supply", 5, "xcomp", "VB", "supply"), ("arms", 7, "dobj", "NNS", "arm"), (",", 7, "punct", ",", ","),
            ("rejecting", 7, "advcl", "VBG", "reject"),
            ("the", 12, "det", "DT", "the"), ("accusation", 10, "dobj", "NN", "accusation"),
            (".", 1, "punct", ".", ".")]
    doc = _doc(rows)
    assert _speaker_of(doc[10]).i == 1
    rows[9] = ("and", 7, "cc", "CC", "and")  # "... to supply arms and rejecting": no comma, still the clause's
    assert _speaker_of(_doc(rows)[10]) is None


def test_a_by_phrase_on_an_active_verb_names_the_doer_of_the_deed_acted_on():
    # "Investigators began work to document crimes by Russian forces", "by" hung on the verb.
    rows = [("Investigators", 1, "nsubj", "NNS", "investigator"), ("began", 1, "ROOT", "VBD", "begin"),
            ("work", 1, "dobj", "NN", "work"), ("to", 4, "aux", "TO", "to"), ("document", 1, "advcl", "VB", "document"),
            ("crimes", 4, "dobj", "NNS", "crime"), ("by", 4, "prep", "IN", "by"),
            ("Russia", 6, "pobj", "NNP", "Russia"), (".", 1, "punct", ".", ".")]
    doc = _doc(rows)
    groups = _objects(doc[4], _index(doc, {7: "RUS"}))
    assert [(m.actor.country, prep) for group, prep in groups for _, m in group][:1] == [("RUS", "by")]


def test_those_acting_along_with_the_subject_act_as_it_does(events_of):
    keys, _ = events_of("The leaders of Kyrgyzstan and Tajikistan flew to Beijing on Monday, along with Uzbek "
                        "President Shavkat Mirziyoyev.")
    assert {("KGZ", "CHN", "04"), ("TJK", "CHN", "04"), ("UZB", "CHN", "04")} <= keys
    keys, _ = events_of("Russia, together with China, vetoed the draft resolution on Monday.")
    assert ("RUS", "CHN", "12") not in keys


def test_where_a_journey_ends_comes_before_whoever_invited(events_of):
    keys, _ = events_of("Tokayev arrived in Chengdu on Monday at the invitation of Kazakh businessmen.")
    assert ("KAZ", "CHN", "04") in keys
    assert ("KAZ", "KAZ", "04") not in keys
    keys, _ = events_of("The Kazakh leader arrived in Chengdu on Monday at the invitation of President of the "
                        "People's Republic of China Xi Jinping.")
    assert ("KAZ", "CHN", "04") in keys


def test_a_threat_is_aimed_where_the_act_it_threatens_lands(events_of):
    # The clause's subject is the speaker's own side; the place its act would hit is whom the threat is aimed at,
    # though the sentence's setting placed the thing hit in the speaker's country.
    keys, _ = events_of("Speaking at a forum in Minsk on Friday, Lukashenko warned that Belarus could strike military "
                        "bases in Vilnius.")
    assert ("BLR", "LTU", "13") in keys


def test_most_of_them_citizens_of_a_state_says_whose_people(events_of):
    keys, _ = events_of("Police in Almaty detained more than 40 labourers at a market on Friday, most of them citizens "
                        "of Uzbekistan.")
    assert ("KAZ", "UZB", "17") in keys

