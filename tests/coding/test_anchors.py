from __future__ import annotations

from types import SimpleNamespace

import pytest

from allegiance.coding.anchors import is_dateline


def _mention(text: str, start: int) -> SimpleNamespace:
    return SimpleNamespace(span=SimpleNamespace(start=start, end=start + len(text), text=text))


@pytest.mark.parametrize("text,place,expected", [
    ("DUSHANBE, Oct 10 (Reuters) - Rahmon said", "DUSHANBE", True),
    ("Headline\nASTANA (AP) — Tokayev met Putin", "ASTANA", True),
    ("Rahmon flew to DUSHANBE, then home", "DUSHANBE", False),  # not at a line start
    ("Dushanbe, Oct 10 - Rahmon said", "Dushanbe", False),  # not upper case
])
def test_only_an_upper_case_place_opening_a_line_before_a_comma_or_dash_is_a_dateline(
        text: str, place: str, expected: bool) -> None:
    assert is_dateline(text, _mention(place, text.index(place))) is expected


def test_every_place_of_a_dateline_is_no_actor_but_the_lead_after_it_is() -> None:
    text = "Xi meets Modi\n\nKAZAN, Russia, Oct 23 (Reuters) - Russia hosted Xi and Modi on Wednesday."
    first, second = text.index("Russia"), text.index("Russia", text.index("Russia") + 1)
    assert is_dateline(text, _mention("Russia", first)) and not is_dateline(text, _mention("Russia", second))
    wire = "TALLINN/RIGA, Jan 24 (Reuters) - Latvia followed Estonia."
    assert is_dateline(wire, _mention("RIGA", wire.index("RIGA")))
    assert not is_dateline(wire, _mention("Latvia", wire.index("Latvia")))


def test_people_away_from_home_are_not_placed_where_they_are(events_of) -> None:
    said = ", Tajikistan's embassy said."
    keys, _ = events_of("Police in the Moscow region detained more than 200 migrants on Wednesday" + said)
    assert ("RUS", "RUS", "17") not in keys
    keys, _ = events_of("Police in the Moscow region detained more than 200 protesters on Wednesday" + said)
    assert ("RUS", "RUS", "17") in keys


_PLACED = [
    "Police in Almaty detained protesters. Kyrgyz police arrested journalists near the Kazakh border.",
    "Tens of thousands of Georgians protested outside parliament in Tbilisi on Sunday.",
    "Fighting flared in eastern Congo. Militants attacked villages in the Syrian desert, officials said.",
]


@pytest.mark.parametrize("text", _PLACED)
def test_the_token_table_finds_what_spacy_spans_find(text: str) -> None:
    """The anchors' sentence, place-phrase and subject tests read the token table; each answers as the same
    test on spaCy's expanded char_span, its root and its sentence does, for every word and phrase."""
    from allegiance.coding import where
    from allegiance.coding.anchors import AREAS, PLACE_PREPS, _sentence_country, _subject, in_place_phrase
    from allegiance.parse import parse_one

    doc = parse_one(text)
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 4, len(doc)) + 1):
            span = doc[start:end]
            mention = _mention(span.text, span.start_char)
            expanded = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
            root = expanded.root
            if root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in AREAS:
                root = root.head
            assert in_place_phrase(doc, mention) == (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS)
            subject = expanded.root
            if subject.dep_ == "pobj" and subject.head.lower_ == "of":
                subject = subject.head.head
            assert _subject(doc, mention) == (subject.dep_ == "nsubj")
            assert _sentence_country(doc, mention) == where.sentence_country(expanded.sent)
