"""Placing nameless people: the country a sentence's place phrase or its other actors give them.

"Police in Almaty", "protesters gathered in Yerevan", "killed villagers in eastern Congo": group actors
the resolver could not tie to a country take the one the sentence places them in. The place a story was
filed from (its dateline) is no actor at all.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import functools
import re
from typing import TYPE_CHECKING, Any

from allegiance.coding import keys, where
from allegiance.coding.referents import ANCHORED, INDIVIDUALS, foreign, of_many_states
from allegiance.parse import DATELINE, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

OWN_PEOPLE = "own"  # suffix of Mention.via for people placed in the one country their sentence names
_DATELINE = re.compile(r"\s*(,|\(|—|–|-)")
_ANCHORABLE = {"group", "unknown"}
CROWDS = {"CVL", "OPP", "LAB"}  # sectors of nameless people who gather and protest
PLACE_PREPS = {"in", "near", "across", "throughout", "outside", "inside"}
# Areas of a state an adjective places: "the Syrian desert", "the Russian border region".
AREAS = {"desert", "region", "province", "city", "town", "village", "countryside", "border", "capital", "north",
         "south", "east", "west", "mountains", "steppe", "coast", "territory", "frontier", "district", "oblast"}


def anchor_to_places(doc: "Doc", mentions: list[Any]) -> list[Any]:
    """Give people the text places somewhere their country: "police in Almaty", "protesters gathered in
    Yerevan", "killed 1,200 people in southern Israel". Only nameless group actors (agent nouns the resolver
    could not tie to a country) are anchored: to a place the same sentence names, else to the one country
    the sentence's other actors belong to."""
    out = []
    places: dict[int, str | None] = {}
    countries: dict[int, set[str]] = collections.defaultdict(set)
    placed: dict[int, str] = {}  # sentence → the state a place phrase of it names ("in eastern Congo")
    bodies: dict[int, set[str]] = collections.defaultdict(set)  # sentence → the international bodies it names
    for mention in mentions:
        key = keys.actor_key(mention.actor)
        if mention.actor is not None and mention.actor.organization and not mention.actor.country:
            bodies[mention.sentence_index].add(mention.actor.organization)
        if key is not None and key == mention.actor.country:  # states and their institutions, not Hamas
            countries[mention.sentence_index].add(key)
            if mention.actor.type == "state" and mention.via != "pronoun" and in_place_phrase(doc, mention):
                placed.setdefault(mention.sentence_index, key)
    for mention in mentions:
        actor = mention.actor
        if actor is None or actor.country or actor.organization or actor.type not in _ANCHORABLE or foreign(actor) \
                or mention.span.text in INDIVIDUALS:
            out.append(mention)
            continue
        index = mention.sentence_index
        if of_many_states(actor):
            # "The BRICS club ended its summit ...: leaders agreed to invite Argentina": the members of the one
            # body the sentence names act as that body; otherwise they are no one country's.
            if len(bodies[index]) == 1:
                body = next(iter(bodies[index]))
                mention = dataclasses.replace(mention, actor=dataclasses.replace(actor, organization=body),
                                              via=f"{mention.via}+{ANCHORED}")
            out.append(mention)
            continue
        if index not in places:
            places[index] = _sentence_country(doc, mention)
        country = places[index] or placed.get(index)
        via = ANCHORED
        if country is None and actor.type == "group" and len(countries[index]) == 1:
            # "Tajikistan pardoned 6,000 prisoners", "Kyrgyz police arrested eleven journalists": with one
            # country in the sentence, the people it acts on are its own (domestic events are KAZ → KAZ).
            country, via = next(iter(countries[index])), OWN_PEOPLE
            if actor.sector in CROWDS and _subject(doc, mention):
                # "Tens of thousands protested outside Georgia's parliament": a crowd that acts is where the
                # sentence puts it, as "protesters in Tbilisi" are, not merely the people acted on.
                via = ANCHORED
        if country is None:
            out.append(mention)
        else:
            out.append(dataclasses.replace(mention, actor=dataclasses.replace(actor, country=country),
                                           via=f"{mention.via}+{via}"))
    return out


def _sentence_country(doc: "Doc", mention: Any) -> str | None:
    """``where.sentence_country`` of the sentence ``Span.sent`` gives for the mention's span (the one its first
    word is in), found on the token table rather than by ``char_span`` and ``Span.sent``."""
    t = tokens(doc)
    span = t.char_span(mention.span.start, mention.span.end)
    if span is None:
        return None
    at = bisect.bisect_right(t.sent_starts, span[0])
    return where.sentence_country(doc[t.sent_starts[at - 1]:t.sent_starts[at]])


def _subject(doc: "Doc", mention: Any) -> bool:
    t = tokens(doc)
    span = t.char_span(mention.span.start, mention.span.end)
    if span is None:
        return False
    root = t.root(*span)
    if t.dep[root] == "pobj" and t.lower[t.head[root]] == "of":
        root = t.head[t.head[root]]  # "tens of thousands of Georgians"
    return t.dep[root] == "nsubj"


def in_place_phrase(doc: "Doc", mention: Any) -> bool:
    """"in eastern Congo", "in the Syrian desert", "near the Chadian border": a state named as where
    something happened (the gazetteer may lack the name, or the phrase names an area of the state)."""
    t = tokens(doc)
    span = t.char_span(mention.span.start, mention.span.end)
    if span is None:
        return False
    root = t.root(*span)
    if t.dep[root] in ("amod", "compound") and t.lemma[t.head[root]].lower() in AREAS:
        root = t.head[root]
    return t.dep[root] == "pobj" and t.lower[t.head[root]] in PLACE_PREPS


def is_dateline(text: str, mention: Any) -> bool:
    """"DUSHANBE, Oct 10 (Reuters) -", "KAZAN, Russia, Oct 23 (Reuters) -", "TALLINN/RIGA, Jan 24 (Reuters) -":
    the places a story was filed from are not actors in it."""
    span = mention.span
    if any(span.start in line and span.end <= line.stop for line in _datelines(text)):
        return True
    at_line_start = span.start == 0 or text[span.start - 1] == "\n"
    return at_line_start and span.text.isupper() and len(span.text) > 2 and _DATELINE.match(text, span.end) is not None


@functools.lru_cache(maxsize=2)
def _datelines(text: str) -> list[range]:
    return [range(m.start(), m.end()) for m in DATELINE.finditer(text)]
