"""Where an act is aimed when the parse names no actor there: a place stands for its state.

"arrived in Hanoi" (a visit goes to Vietnam), "Kyiv slams" (a capital the resolver missed speaks for its
state), "struck the port city of Odesa" (an attack on Ukraine), "protesters rallied in Tbilisi" (nameless
people act towards their own state, or towards the actor whose building they stand at). Places come from
the offline gazetteer (``allegiance.gazetteer.lookup``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allegiance import gazetteer
from allegiance.actors.places import de_facto_entities
from allegiance.coding.cues import ARRIVAL
from allegiance.coding.keys import actor_key
from allegiance.coding.referents import ANCHORED, NATIONALS, OWN_PEOPLE
from allegiance.models import Actor, Mention, Span as TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from allegiance.coding.mentions import MentionIndex
    from allegiance.parse import Tokens

Group = list[tuple["Token", Mention]]
DESTINATION = "destination"  # Mention.via of a state named by the place a visit goes to


def _state(country: str, confidence: float, text: str, name: str | None = None) -> Actor:
    return Actor(f"s:{country}", name or gazetteer.country_name(country), "state", country=country,
                 confidence=confidence, text=text)


def _name_with_compounds(tok: "Token") -> "SpacySpan":
    """The name ending at ``tok`` with the compound words before it ("Nur-Sultan", "Saint Petersburg")."""
    start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound" and c.i < tok.i])
    return tok.doc[start:tok.i + 1]


def _place_mention(words: "SpacySpan", state: Actor, via: str, sentence_index: int = 0) -> Mention:
    return Mention(TextSpan(words.start_char, words.end_char, words.text), sentence_index, state, via=via)
AIMED = {"on", "at", "against", "into", "toward", "towards", "upon"}  # "fired missiles at Lviv"
REGIONS = {"region", "province", "oblast", "district", "city", "town", "port"}  # "the Kharkiv region"
INSIDE = {"in", "inside", "within"}  # where a thing acted on lies: "a depot in Belgorod"
# Occasions held somewhere, besides the lexicon's event nouns: "a conference in Geneva" is where it is held.
OCCASIONS = {"conference", "forum", "ceremony", "session", "congress", "parade", "celebration", "funeral",
             "inauguration", "assembly", "festival", "exhibition", "gathering", "convention", "event", "war",
             "games", "olympics", "show", "fair", "expo"}
SITES = {"outside", "at", "near", "before"}  # where a crowd gathers: "outside the Russian embassy"
CIVILIAN_SECTORS = {"CVL", "LAB", "OPP", "AGR", "EDU", "REL", "JRN", "MED", "REF", "NGO", "PTY"}
STATE_SECTORS = {"GOV", "LEG", "MIL", "COP", "JUD", "SPY"}  # PLOVER sectors of people who act for a state


def destination(verb: "Token", index: "MentionIndex") -> list[tuple[Group, str | None]]:
    """"Putin arrived in Yerevan": a place the resolver left as a place (a capital, a city) still names
    whom a visit is to — its state, from the offline gazetteer."""
    for prep in (c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("in", "to", "into")):
        nouns = [c for c in prep.children if c.dep_ == "pobj"]
        # "landed in the capital Ulaanbaatar", "flew to the Black Sea resort of Sochi": the place is named in
        # apposition to the noun, or after its "of".
        pobjs = [n for c in nouns
                 for n in ([c] if c.pos_ == "PROPN" else [a for a in c.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
                           + [o for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                              for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"])]
        for pobj in pobjs:
            words = _name_with_compounds(pobj)
            place = gazetteer.lookup(words.text)
            if place is None:
                continue
            state = _state(place.country, 0.9, words.text, name=place.name)
            sentence_index = next((m.sentence_index for m in index.heads.values()), 0)
            return [([(pobj, _place_mention(words, state, DESTINATION, sentence_index))], prep.lower_)]
    return []


def capital(i: int, index: "MentionIndex") -> Group:
    """"Kyiv slams Mongolia", "Hanoi said": a capital the resolver did not take (a headline's odd parse) acting
    as the subject headed by token ``i`` speaks for its state."""
    t = index.table
    if not t.text[t.idx[i]:t.idx[i] + 1].isupper() or t.ent_type[i] in ("PERSON", "ORG", "NORP") or t.tag[i] == "NNPS":
        return []
    tok = index.doc[i]
    words = _name_with_compounds(tok)
    place = gazetteer.lookup(words.text)
    if place is None or place.kind != "capital":
        return []
    return [(tok, _place_mention(words, _state(place.country, 0.8, words.text), "capital"))]


def place_acted_on(verb: "Token", index: "MentionIndex") -> list[tuple[Group, str | None]]:
    """"struck the Ukrainian port city of Odesa", "shelled Kharkiv", "fired missiles at Lviv": a place the
    resolver leaves a place (no actor) is still aimed at; its state, from the offline gazetteer."""
    # Read on the token table: a Token only for the place returned.
    t, doc, v = index.table, index.doc, verb.i
    dep, lower, pos, children = t.dep, t.lower, t.pos, t.children
    heads = [(c, None) for c in children[v] if dep[c] == "dobj"]
    heads += [(o, lower[p]) for p in children[v] if dep[p] == "prep" and lower[p] in AIMED
              for o in children[p] if dep[o] == "pobj"]
    n = len(pos)
    names = index.memo.get("place names")
    if names is None:  # phrases holding the last word of a name run no mention took: where a place may be
        names = index.memo["place names"] = index.above(
            i for i in range(n) if pos[i] == "PROPN" and i not in index.by_token and not (i + 1 < n and pos[i + 1] == "PROPN"))
    for head, prep in heads:
        if head not in names:
            continue
        for tok in t.subtree(head):
            if pos[tok] != "PROPN" or tok in index.by_token or (tok + 1 < n and pos[tok + 1] == "PROPN"):
                continue  # the last word of a name run
            if _setting(t, tok, head, index):
                continue
            start, left = tok, doc[head].left_edge.i  # spaCy's edge, as a non-projective parse has it
            while start > left and pos[start - 1] == "PROPN":
                start -= 1
            text = t.span_text(start, tok + 1)
            place = gazetteer.lookup(text)
            if place is None or place.kind == "country":
                continue
            return [([(doc[tok], _place_mention(doc[start:tok + 1], _state(place.country, 0.8, text), DESTINATION))],
                      prep)]
    return _site_of_object(v, index)


def _site_of_object(verb: int, index: "MentionIndex") -> list[tuple[Group, str | None]]:
    """"hit a fuel depot in Belgorod", "bombed a depot in Russia", "captured two villages inside
    Georgia": a thing acted on where a state rules stands for that state, whether spaCy hangs the place on
    the verb or on the thing. Only when the verb's object is a
    thing that names nobody (not "met Putin in Baku", which the object already decides)."""
    t, doc = index.table, index.doc
    dep, lower, pos, children = t.dep, t.lower, t.pos, t.children
    settings = index.memo.get("settings")
    if settings is None:  # phrases with an "in", "inside" or "within" phrase of their own
        settings = index.memo["settings"] = index.above(t.head[i] for i in range(len(dep)) if dep[i] == "prep" and lower[i] in INSIDE)
    if verb not in settings:
        return []
    objects = [c for c in children[verb] if dep[c] == "dobj"]
    # Things the coder only placed ("military bases", placed by a city the sentence names) name nobody.
    if not objects or any(not m.via.endswith((ANCHORED, OWN_PEOPLE)) for o in objects for _, m in index.actors_of(o)) \
            or any(pos[o] in ("PROPN", "PRON") for o in objects):
        return []
    # "declined an invitation to a summit in Switzerland", "the headquarters that runs the war in Ukraine": where an
    # event noun's event takes place, or what a clause inside the object says, is no place the act is aimed at.
    # Unless the event is one to attend: "accepted an invitation to attend the summit in Kazan" is a trip there.
    heads = [verb, *(w for o in objects for w in t.subtree(o) if pos[w] in ("NOUN", "PROPN") and _same_phrase(t, w, o)
                     and (not _occasion(t, w, index) or t.lemma[t.head[w]] in ARRIVAL))]
    for prep in (c for head in heads for c in children[head] if dep[c] == "prep" and lower[c] in INSIDE):
        for pobj in (c for c in children[prep] if dep[c] == "pobj"):
            # "a depot in Russia's Belgorod region": the state may own the region rather than be the place.
            found = [(w, m) for node in [pobj, *(c for c in children[pobj] if dep[c] == "poss")]
                     for w, m in index.actors_of(node) if m.actor is not None and m.actor.type == "state"]
            if found:
                return [(found, lower[prep])]
            name: int | None = pobj
            if pos[pobj] != "PROPN" and t.lemma[pobj].lower() in REGIONS:
                # "energy facilities in the Kharkiv region", "facilities in the southern city of Rostov-on-Don":
                # the region's own name, a compound of the noun or after its "of".
                name = next((c for c in children[pobj] if dep[c] == "compound" and pos[c] == "PROPN"), None)
                if name is None:
                    name = next((o for c in children[pobj] if dep[c] == "prep" and lower[c] == "of"
                                 for o in children[c] if dep[o] == "pobj" and pos[o] == "PROPN"), None)
            if name is None or pos[name] != "PROPN":
                continue
            words = _name_with_compounds(doc[name])
            place = gazetteer.lookup(words.text)
            if place is None or place.kind == "country":
                continue
            return [([(doc[name], _place_mention(words, _state(place.country, 0.7, words.text), DESTINATION))],
                      lower[prep])]
    return []


def _setting(t: "Tokens", tok: int, head: int, index: "MentionIndex") -> bool:
    """"at last year's summit in Samarkand", "on the sidelines of the talks in Astana": a place phrase hung on an
    event noun says where that event was held, not whom the act is aimed at."""
    node = tok
    while node != head and t.head[node] != node:
        prep = t.head[node]
        if t.dep[node] == "pobj" and t.lower[prep] in _SETTING_PREPS and _occasion(t, t.head[prep], index):
            return True
        node = prep
    return False


_SETTING_PREPS = INSIDE | {"at"}


def _occasion(t: "Tokens", i: int, index: "MentionIndex") -> bool:
    lemma = t.lemma[i].lower()
    return lemma in index.event_nouns or lemma in OCCASIONS


def _same_phrase(t: "Tokens", tok: int, top: int) -> bool:
    """Whether no verb stands between ``tok`` and ``top``, a phrase it lies in, but one of going or attending."""
    node = tok
    while node != top and t.head[node] != node:
        node = t.head[node]
        if node != top and t.pos[node] in ("VERB", "AUX") and t.lemma[node] not in ARRIVAL:
            return False
    return True


def home_ground(verb: "Token", source: Mention, index: "MentionIndex") -> tuple[Mention | None, str | None]:
    """Nameless people the text places in a country ("protesters in Tbilisi", "thousands in Novi Sad",
    "oil workers in Mangystau") who act on nobody named act towards their own state (GEO → GEO) — or towards
    the actor whose building they stand at ("rallied outside the Russian embassy in Yerevan"). The target is
    marked as the source's own people, so that acts of war by them are not coded on a guess. Returns the
    target and its preposition, or (None, None)."""
    actor = source.actor
    held = de_facto_of(actor)
    if actor is None or actor.country is None or not (source.via.endswith((ANCHORED, NATIONALS)) or _civilians(actor)
                                                      or held and actor.sector in CIVILIAN_SECTORS) \
            or actor.sector in STATE_SECTORS:
        # Officials placed by where they meet ("ministers ... in Luxembourg") are not the place's people.
        return None, None
    if any(c.dep_ == "xcomp" and any(a.dep_ == "auxpass" for a in c.children) for c in verb.children):
        return None, None  # "a resident, who asked not to be named": what is asked is done to the asker
    country = held or actor.country
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in SITES):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = [m for _, m in index.actors_at(pobj) if m.actor is not None and m.actor.type != "state"
                     and (m.actor.country or m.actor.organization) and actor_key(m.actor) != country]
            if found:
                return found[0], prep.lower_
    state = entity_of(actor, source.span.text) if held else _state(country, actor.confidence, source.span.text)
    return Mention(source.span, source.sentence_index, state, via=f"{source.via}{OWN_PEOPLE}"), None


def de_facto_of(actor: Actor | None) -> str | None:
    """The de facto entity (Abkhazia, Transnistria) whose people an actor is, standing for it as a state would."""
    return actor.organization if actor is not None and actor.organization in de_facto_entities() else None


def entity_of(actor: Actor, text: str | None = None) -> Actor:
    """The de facto entity ``actor`` belongs to, as the target of its own side's acts."""
    return Actor(f"o:{actor.organization}", actor.organization or "", "group", country=actor.country,
                 organization=actor.organization, confidence=actor.confidence, text=text)


def _civilians(actor: Actor) -> bool:
    """People of a country named by what they are ("Kazakh feminists", "oil workers in Zhanaozen", "the
    Georgian opposition"), not a state, an institution or an armed or business group."""
    return actor.type == "group" and not actor.organization and actor.sector in CIVILIAN_SECTORS


def warned(source: Mention, home: str | None) -> Mention | None:
    """"Moscow warned that the expulsions would not go unanswered", "the Kremlin denied the accusation", in a
    story about Moldova: a warning or an answer that names no one is aimed at the country the story is
    about, when that is not the source's own."""
    actor = source.actor
    if actor is None or home is None or actor.country == home or not (actor.country or actor.organization):
        return None  # a body with no country of its own ("the OSCE", "the EU") is never the home's
    state = _state(home, 0.7, source.span.text)
    return Mention(source.span, source.sentence_index, state, via="home")
