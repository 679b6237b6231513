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

from allegiance.gazetteer import PLACE_NOUNS, POINTS, Place, lookup, lookup_area
from allegiance.models import Location, Span
from allegiance.parse import Tokens, tokens

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
ARRIVAL = {"visit", "trip", "arrive", "travel", "fly", "come", "go", "return", "tour", "journey"}
_MAX_WORDS = 4


def _is_placed(t: Tokens, token: int, trigger: int) -> bool:
    """Whether a name is where the event happened: a locative object, or what a visit or strike is aimed at."""
    dep, head = t.dep, t.head
    if dep[token] == "compound" and t.pos[head[token]] == "NOUN":
        return False  # a modifier ("the Kazakh capital"), not a place name
    node = token
    for _ in range(3):
        d, up = dep[node], head[node]
        if d == "dobj" and up == trigger:
            return True
        if d == "pobj":
            prep = t.lower[up]
            if prep in PLACE_PREPS or (prep == "to" and t.lemma[head[up]] in ARRIVAL):
                return True
            if prep == "of" and t.lemma[head[up]] in PLACE_NOUNS:
                node = head[up]
                continue
        if d in _CLIMB and up != node:
            node = up
            continue
        return False
    return False


_CLIMB = frozenset({"compound", "appos", "pobj", "nmod", "npadvmod", "conj"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _name_spans(t: Tokens, sent_start: int, sent_end: int) -> list[tuple[int, int]]:
    """Token ranges of proper-noun runs in a sentence (the candidate place names)."""
    pos, ent_type = t.pos, t.ent_type
    runs, start = [], None
    for i in range(sent_start, sent_end):
        kind = ent_type[i]
        propn = (pos[i] == "PROPN" or (kind in _PLACE_ENTS and t.token_text(i).istitle())) and kind != "NORP"
        if propn and start is None:
            start = i
        elif not propn and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, sent_end))
    return runs


def locate(sent: "SpacySpan", trigger: "Token", exclude: list[tuple[int, int]]) -> Location | None:
    """The place of an event whose trigger is ``trigger``; ``exclude`` holds the actors' char spans."""
    t = tokens(sent.doc)
    at = trigger.i
    best: tuple[tuple[bool, int, int], Location] | None = None
    done = -1
    for i, first, last, place, root in _names(t, sent.start, sent.end):
        if i == done or any(s < last and first < e for s, e in exclude):
            continue
        if not _is_placed(t, root, at) or (place.kind not in POINTS and t.dep[root] == "dobj"):
            continue
        rank = (place.kind not in POINTS, abs(root - at), i)
        if best is None or rank < best[0]:
            best = (rank, Location(place.name, place.country, place.lat, place.lon,
                                   Span(first, last, t.text[first:last])))
        done = i  # the longest name that counts at this start; a shorter one inside it does not
    return best[1] if best else None


_NAMES: tuple[Tokens, dict[tuple[int, int], list[tuple[int, int, int, Place, int]]]] | None = None


def _names(t: Tokens, sent_start: int, sent_end: int) -> list[tuple[int, int, int, Place, int]]:
    """The gazetteer's names inside a sentence's proper-noun runs as (start token, start char, end char,
    place, root token), longest first at each start: "Nur-Sultan", "Saint Petersburg", "Astana".

    They do not depend on the event, and a sentence with several events is asked again for each: the last
    Doc's are kept.
    """
    global _NAMES
    memo = _NAMES
    if memo is None or memo[0] is not t:
        memo = _NAMES = (t, {})
    found = memo[1].get((sent_start, sent_end))
    if found is not None:
        return found
    found = []
    idx, ends, text = t.idx, t.end, t.text
    for start, end in _name_spans(t, sent_start, sent_end):
        for i in range(start, end):
            first = idx[i]
            for j in range(min(end, i + _MAX_WORDS), i, -1):
                place = lookup(text[first:ends[j - 1]])
                if place is not None:
                    found.append((i, first, ends[j - 1], place, t.root(i, j)))
    memo[1][sent_start, sent_end] = found
    return found


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
    t = tokens(doc)
    dep, head, lower = t.dep, t.head, t.lower
    for k in range(sent.start, sent.end):
        # Not "on": "an attack on Israel" does not put the attackers in Israel.
        if dep[k] != "pobj" or lower[head[k]] not in _AREA_PREPS:
            continue
        start = doc[k].left_edge.i  # the parser's edge, which a non-projective parse may stretch
        for i in range(start, k + 1):
            place = lookup_area(t.span_text(i, k + 1))  # "in the Mangystau region"
            if place is not None:
                return place.country
            if t.tag[i] == "POS":
                place = lookup(t.span_text(start, i))  # "Georgia's parliament"
                if place is not None:
                    return place.country
        for name in t.children[k]:
            if dep[name] == "appos" and t.pos[name] == "PROPN":
                place = lookup(t.span_text(doc[name].left_edge.i, name + 1))  # "in the regional capital Nukus"
                if place is not None:
                    return place.country
    return None


_AREA_PREPS = (PLACE_PREPS - {"on"}) | {"across", "of", "around", "throughout"}
