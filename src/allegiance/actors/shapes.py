"""Phrase shapes whose known words do not make them the actor those words name.

"A European Union country" is one member of the bloc, not the bloc; "the Astana format" and "the Kazan
summit" are named after a city without being its government; "the cargo ship Galaxy Leader" ends in a
title word that holds no office; "New York" holds a surname; "the Great Hall of the People" is a building;
and a group that rules a state ("the Taliban's ministry") speaks for the state. The resolver asks these
before it composes a phrase's pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

from allegiance.actors import build
from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.names import normalise
from allegiance.actors.phrase import FILLER, Piece
from allegiance.actors.records import Organization
from allegiance.gazetteer import lookup

ANCHOR_PREPS = ("of", "at", "in", "from", "for")  # "police in Almaty", "observers from the OSCE"
# Sectors of a state's own institutions: those of a group that rules a state are the state's.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})
# Buildings, squares and streets: a capitalised one is a place ("the Great Hall of the People").
VENUE_NOUNS = frozenset({"hall", "palace", "square", "residence", "airport", "avenue", "street", "memorial",
                         "cosmodrome", "stadium", "cathedral", "monastery", "hotel", "boulevard", "arena",
                         "mausoleum", "prison", "guesthouse"})
# Nouns that a city names without standing for its government: "the Astana format", "the Minsk agreements".
NAMED_AFTER_PLACE = frozenset({"format", "process", "summit", "talks", "agreement", "agreements", "accord", "accords",
                               "declaration", "protocol", "forum", "conference", "memorandum", "communique"})
# One member of a bloc or IGO, not the body: "a European Union country", "NATO member Turkey", "the first
# member of the ICC". Plurals ("EU countries", "NATO members") stay the body, which they act for together.
MEMBER_NOUNS = frozenset({"member", "country", "nation", "state", "ally"})
MEMBERS_NOUNS = frozenset({"members", "countries", "nations", "states", "allies"})


def capitalised(text: str, word: str) -> bool:
    return any(normalise(w) == word and w[:1].isupper() for w in text.split())


def len_words(pieces: Sequence[Piece]) -> int:
    return pieces[-1].end if pieces else 0


def gazetteer_place(name: str) -> bool:
    return lookup(name) is not None


def ends_a_place_name(pieces: Sequence[Piece], surname: Piece, text: str) -> bool:
    """"New York", "The Hague": the surname ends a place name whose other words are capitalised before it."""
    words = [surname.text]
    for q in reversed([q for q in pieces if q.end <= surname.start]):
        if q.kind != "word" or not capitalised(text, q.text):
            return False
        words.insert(0, q.text)
        if gazetteer_place(" ".join(words)):
            return True
    return False


def governs(org: Organization, head: Piece) -> bool:
    """A group that rules a state (the Taliban): its ministries and forces are the state's."""
    return org.type == "group" and org.sector == "GOV" and bool(org.country) and head.sector in STATE_SECTORS


def appositive_state(pieces: Sequence[Piece]) -> str | None:
    # Only a title with nothing named before it: "MSF Arnor" is the charity's branch, "Bree President
    # Romendacil" a person that a PETRARCH-style dictionary codes as his state.
    if len(pieces) < 2 or pieces[-2].kind != "title" or pieces[-1].kind != "entity":
        return None
    if any(p.kind in ("entity", "affiliation") for p in pieces[:-2]):
        return None
    if pieces[-2].text.split()[-1] in (*ANCHOR_PREPS, "to", "with"):
        return None  # "the US ambassador to Russia" is not Russia
    return next((e.key for e in pieces[-1].entries if e.kind == "state" and e.how == "name"), None)


def names_a_venue(pieces: Sequence[Piece], text: str) -> bool:
    """A building, square or street by its capitalised name ("the Great Hall of the People", "Kim Il Sung
    Square", "St Andrew's Hall"), unless the knowledge base knows the whole name (the Elysee Palace)."""
    at = next((i for i, p in enumerate(pieces) if p.text == "of"), len(pieces))
    head = next((p for p in reversed(pieces[:at]) if p.text not in FILLER), None)
    if head is None or head.text.split()[-1] not in VENUE_NOUNS or not capitalised(text, head.text.split()[-1]):
        return False
    if head.kind in ("word", "agent"):
        return True
    # "St Andrew's Hall": a surname with a name or a possessive before it; not "Hall" alone or "Katarzyna Hall"
    before = next((p for p in pieces if p.end == head.start), None)
    named_before = before is not None and (before.text == "'s" or before.kind in ("word", "entity")
                                           and before.text not in FILLER
                                           and capitalised(text, before.text.split()[-1]))
    return named_before and all(e.kind == "person" and e.how == "surname" for e in head.entries)


def named_after_place(pieces: Sequence[Piece]) -> bool:
    if len(pieces) < 2 or pieces[-1].text not in NAMED_AFTER_PLACE:
        return False
    before = pieces[-2]
    if before.kind == "entity":
        return all(e.kind == "state" and e.how in ("metonym", "capital") for e in before.entries)
    # a town the tables do not know but the gazetteer does: "the Kazan summit", "the Istanbul talks"
    name = " ".join(p.text for p in pieces[:-1] if p.text not in FILLER)
    return before.kind == "word" and gazetteer_place(name)


def named_thing(pieces: Sequence[Piece], head: Piece, text: str) -> bool:
    """Whether a capitalised title word ends a name with an unknown capitalised word before it ("Galaxy
    Leader", a ship): the title is part of the name, not an office whose holder the context could give."""
    before = next((p for p in pieces if p.end == head.start), None)
    return (head.end == len_words(pieces) and before is not None and before.kind == "word"
            and before.text not in FILLER and capitalised(text, before.text) and capitalised(text, head.text))


def without_membership(kb: KnowledgeBase, pieces: Sequence[Piece]) -> Sequence[Piece]:
    """The pieces with a bloc named only as what one member belongs to turned into plain words."""
    def body(p: Piece) -> bool:
        return p.kind == "entity" and any(
            e.kind == "org" and not build.national(kb.organizations[e.key]) for e in p.entries)

    def one_member(at: int) -> bool:  # "a NATO member state", not "the EU member states"
        nxt = pieces[at + 1] if at + 1 < len(pieces) else None
        return nxt is None or nxt.text not in MEMBERS_NOUNS

    member = {at for at, (p, q) in enumerate(zip(pieces, pieces[1:]))
              if body(p) and q.text in MEMBER_NOUNS and one_member(at + 1)}
    for at, p in enumerate(pieces):
        if p.text in MEMBER_NOUNS and at + 1 < len(pieces) and pieces[at + 1].text == "of":
            rest = [q for q in pieces[at + 2:at + 4] if q.text != "the"]
            if rest and body(rest[0]):
                member.add(pieces.index(rest[0]))
    if not member:
        return pieces
    return tuple(Piece("word", p.start, p.end, p.text) if at in member else p for at, p in enumerate(pieces))


def joins_two_states(pieces: Sequence[Piece], text: str) -> bool:
    """"The Russia-North Korea treaty", "Russian-Chinese drills": two states joined by a hyphen are a pair, not
    one actor (their names inside the phrase are the two)."""
    low = normalise(text)
    for p, q in zip(pieces, pieces[1:]):
        states = [next((e.key for e in x.entries if e.kind == "state"), None) for x in (p, q)]
        if (p.end == q.start and None not in states and states[0] != states[1]
                and f"{p.text.split()[-1]}-{q.text.split()[0]}" in low):
            return True
    return False
