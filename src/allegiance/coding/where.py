"""Where an event happened, when the text says so: "in Sochi", "at a summit in the Kazakh capital Astana".

Places come from the offline gazetteer ``data/places/gazetteer.tsv`` (built by ``scripts/build_gazetteer.py``
from GeoNames). A place counts only when it is the object of a locative preposition ("in", "at", "near",
"outside"), directly or through a noun it names ("the capital Astana", "the Black Sea resort of Sochi"), and
is not itself one of the event's actors. Cities beat regions and countries; the place nearest the trigger
wins. Regions and countries carry no coordinates (they are not points). No place in the text gives ``None``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allegiance.gazetteer import PLACE_NOUNS, POINTS, lookup, lookup_area
from allegiance.models import Location, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
ARRIVAL = {"visit", "trip", "arrive", "travel", "fly", "come", "go", "return", "tour", "journey"}
_MAX_WORDS = 4


def _is_placed(token: "Token", trigger: "Token") -> bool:
    """Whether a name is where the event happened: a locative object, or what a visit or strike is aimed at."""
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return False  # a modifier ("the Kazakh capital"), not a place name
    node = token
    for _ in range(3):
        if node.dep_ == "dobj" and node.head.i == trigger.i:
            return True
        if node.dep_ == "pobj":
            prep = node.head.lower_
            if prep in PLACE_PREPS or (prep == "to" and node.head.head.lemma_ in ARRIVAL):
                return True
            if prep == "of" and node.head.head.lemma_ in PLACE_NOUNS:
                node = node.head.head
                continue
        if node.dep_ in ("compound", "appos", "pobj", "nmod", "npadvmod", "conj") and node.head.i != node.i:
            node = node.head
            continue
        return False
    return False


def _name_spans(sent: "SpacySpan") -> list[tuple[int, int]]:
    """Token ranges of proper-noun runs in a sentence (the candidate place names)."""
    runs, start = [], None
    for tok in sent:
        propn = (tok.pos_ == "PROPN" or (tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.is_title)) and tok.ent_type_ != "NORP"
        if propn and start is None:
            start = tok.i
        elif not propn and start is not None:
            runs.append((start, tok.i))
            start = None
    if start is not None:
        runs.append((start, sent.end))
    return runs


def locate(sent: "SpacySpan", trigger: "Token", exclude: list[tuple[int, int]]) -> Location | None:
    """The place of an event whose trigger is ``trigger``; ``exclude`` holds the actors' char spans."""
    doc = sent.doc
    best: tuple[tuple[int, int, int], Location] | None = None
    for start, end in _name_spans(sent):
        # Longest gazetteer match inside the run: "Nur-Sultan", "Saint Petersburg", "Astana".
        for i in range(start, end):
            for j in range(min(end, i + _MAX_WORDS), i, -1):
                span = doc[i:j]
                if any(s < span.end_char and span.start_char < e for s, e in exclude):
                    continue
                place = lookup(span.text)
                if place is None or not _is_placed(span.root, trigger):
                    continue
                if place.kind not in POINTS and span.root.dep_ == "dobj":
                    continue
                rank = (place.kind not in POINTS, abs(span.root.i - trigger.i), i)
                if best is None or rank < best[0]:
                    loc = Location(place.name, place.country, place.lat, place.lon,
                                   Span(span.start_char, span.end_char, span.text))
                    best = (rank, loc)
                break
    return best[1] if best else None


_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?=,| \(| -| —)", re.MULTILINE)
_HEAD_CHARS = 600  # a dateline opens the story: the first lines after headline and byline


def dateline_country(text: str) -> str | None:
    """The country of the place a story is filed from ("YEREVAN, May 10 (Reuters) -", "MOSCOW (AP) —")."""
    for match in _DATELINE.finditer(text[:_HEAD_CHARS]):
        place = lookup(match.group(1).title())
        if place is not None:
            return place.country
    return None


def sentence_country(sent: "SpacySpan") -> str | None:
    """The country of the first place a sentence puts something in ("in Almaty", "outside Georgia's parliament")."""
    doc = sent.doc
    for tok in sent:
        # Not "on": "an attack on Israel" does not put the attackers in Israel.
        if tok.dep_ != "pobj" or tok.head.lower_ not in (PLACE_PREPS - {"on"}) | {"across", "of", "around", "throughout"}:
            continue
        start = tok.left_edge.i
        for i in range(start, tok.i + 1):
            place = lookup_area(doc[i:tok.i + 1].text)  # "in the Mangystau region"
            if place is not None:
                return place.country
            if doc[i].tag_ == "POS":
                place = lookup(doc[start:i].text)  # "Georgia's parliament"
                if place is not None:
                    return place.country
        for name in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
            place = lookup(doc[name.left_edge.i:name.i + 1].text)  # "in the regional capital Nukus"
            if place is not None:
                return place.country
    return None
