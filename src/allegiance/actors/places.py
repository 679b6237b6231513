"""A place is where something happens, not who does it.

Two rules keep places out of the actor mentions the event coder picks sources and targets from:

- A phrase headed by a place noun ("the Kazakh capital", "the Uzbek city of Samarkand", "the Tajik
  capital Dushanbe", "the Russian resort of Sochi") or a natural feature ("the Sea of Japan", "Lake
  Chad") names a place whatever its position in the sentence. The noun heads the phrase when no "of" comes before it and it is not a modifier of an
  agent or title noun ("city officials", "the capital's mayor" and "residents of the capital" are
  people).
- A city, capital or seat of power that is the object of a locative preposition ("in Astana", "at the
  Kremlin", "near Kazan") is a place. The same name as the subject or object of a verb ("Moscow
  warned Kyiv", "talks with Moscow") is still the government it stands for, and so is the end of a
  journey ("Putin's visit to Dushanbe", "flew to Minsk"): CAMEO makes the host of a visit its target.
  A country after a preposition stays an actor.

Places held by de facto authorities (Sukhumi, Tiraspol, Tskhinvali: ``data/places/de_facto.tsv``) belong, for
whose people are there, to the entity holding them (``held_by``), not to their de jure state.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING

from allegiance.actors.phrase import words_of
from allegiance.errors import DataFileError
from allegiance.gazetteer import FEATURE_NOUNS, PLACE_NOUNS, lookup as gazetteer_lookup, lookup_area

if TYPE_CHECKING:
    from allegiance.actors.kb import KnowledgeBase
    from allegiance.models import Actor, Mention
    from allegiance.parse import Tokens

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
HEAD_ENDS = frozenset({"of", "in", "at", "from", "near", "outside", "to", "for", "with", "on"})


@dataclass(frozen=True)
class Held:
    """A place held by a de facto authority: the entity's organization code, since when, and whether it is its seat."""

    entity: str
    since: dt.date
    seat: bool


@functools.cache
def _held() -> dict[str, Held]:
    path = resources.files("allegiance") / "data" / "places" / "de_facto.tsv"
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    except OSError as exc:
        raise DataFileError("cannot read the de facto territories", input=str(path), hint="reinstall allegiance") from exc
    out: dict[str, Held] = {}
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            if not row["entity"] or row["entity"] != row["entity"].upper() or row["seat"] not in ("yes", "no"):
                raise ValueError("entity must be an organization code and seat yes or no")
            held = Held(row["entity"], dt.date.fromisoformat(row["since"]), row["seat"] == "yes")
            names = [row["place"], *filter(None, (row["variants"] or "").split("|"))]
        except (KeyError, ValueError, TypeError) as exc:
            raise DataFileError(f"line {n}: {exc}", input=str(path), hint="columns: place entity since seat variants") from exc
        for name in names:
            out[_key(name)] = held
    return out


def held_by(name: str, date: dt.date | None = None) -> Held | None:
    """The de facto authority holding a place on ``date`` ("Sukhumi" → ABKHAZIA), or None."""
    found = _held().get(_key(name))
    return found if found is not None and (date is None or date >= found.since) else None


@functools.cache
def de_facto_entities() -> frozenset[str]:
    """The organization codes of the de facto authorities that hold territory (asked per candidate)."""
    return frozenset(h.entity for h in _held().values())


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.removeprefix("the "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().replace("-", " ").split())


def names_a_place(words: list[str], kb: "KnowledgeBase", titles: dict | set) -> bool:
    """Whether normalised words are a phrase headed by a place noun."""
    for i, word in enumerate(words):
        if word in HEAD_ENDS:
            return False  # "residents of the capital", "officials in the capital": the head came before
        if word in FEATURE_NOUNS and word not in PLACE_NOUNS:
            # "the Sea of Japan", "the Red Sea", "Lake Chad" (the feature noun first, one name after it);
            # not "the Black Sea Fleet".
            lead = all(w in ("the", "a") for w in words[:i])
            if i + 1 == len(words) or words[i + 1] == "of" or (lead and i + 2 == len(words)):
                return True
            continue
        if word not in PLACE_NOUNS:
            continue
        if i + 1 == len(words) or words[i + 1] == "of":
            return True
        nxt = words[i + 1]
        if nxt in PLACE_NOUNS:
            return True  # "capital city"
        if nxt == "'s" or nxt in kb.agents or nxt in titles or f"{word} {nxt}" in kb.agents:
            return False  # "the capital's mayor", "city officials", "capital ship"
        return True  # "the Tajik capital Dushanbe", "capital city"
    return False


def _is_city(text: str, kb: "KnowledgeBase") -> bool:
    """A city, capital, region or seat of power (the Kremlin), not a country."""
    entries = kb.lookup(text)
    if held_by(text) is not None:
        return not any(e.kind == "org" for e in entries)  # "in Sukhumi" is a place; "in Abkhazia" as "in Russia"
    if entries:
        return all(e.kind == "state" and e.how == "metonym" for e in entries)
    bare = text[4:] if text.lower().startswith("the ") else text
    place = gazetteer_lookup(bare)
    return place is not None and place.kind != "country"


_NOUNS = frozenset(PLACE_NOUNS | FEATURE_NOUNS)


def _owned_by_place_noun(t: "Tokens", i: int) -> bool:
    """Whether token ``i`` belongs to a place noun: "Samarkand" in "the city of Samarkand", "Dushanbe" in
    "the capital, Dushanbe", "Russian" in "the Russian resort"."""
    nouns, head, dep = _NOUNS, t.head[i], t.dep[i]
    if dep == "pobj" and t.lower[head] == "of" and t.lower[t.head[head]] in nouns:
        return True
    return dep in ("appos", "amod", "compound", "nmod") and t.lower[head] in nouns and head != i


def is_place_mention(t: "Tokens", start: int, end: int, root: int, kb: "KnowledgeBase", titles: dict | set) -> bool:
    """Whether a candidate mention (tokens ``start`` to ``end`` of a parsed text, headed by ``root``) is a
    place rather than an actor."""
    text = t.span_text(start, end)
    if names_a_place(words_of(text), kb, titles):
        return True
    if _owned_by_place_noun(t, root):
        return True
    if t.dep[root] != "pobj":
        return False
    return t.lower[t.head[root]] in LOCATIVE and _is_city(text, kb)


# Nameless people and bodies of a place's own (the authorities, police, protesters, lawmakers, a court), whom
# the place a story sets them in decides; not commentators, envoys or forces, who are often from elsewhere.
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "LEG", "JUD", "OPP", "CVL", "LAB", "EDU"})
VISITORS = frozenset({"analyst", "expert", "observer", "commentator", "critic", "diplomat", "leader", "minister",
                      "envoy", "delegation", "state", "country", "nation", "foreigner", "official"})
ABROAD = frozenset({"foreign", "western", "international", "global", "world"})
SETTLED_COUNTRIES = False
PRONOUN_REACH = 3  # sentences back a pronoun for placed people may reach (coreference's own look-back)  # whether the story's setting also places nameless people in ordinary states


def settle(t: "Tokens", mentions: list["Mention"], date: dt.date | None, kb: "KnowledgeBase") -> list["Mention"]:
    """Nameless domestic actors (no country, no organization) in a place de facto authorities hold take that
    entity: the place their sentence names ("Protesters stormed the parliament in Sukhumi"); else the one entity
    their sentence's other actors belong to ("Bzhania agreed to step down in return for protesters leaving");
    else, in a sentence naming no one else, the place the story last set such people in ("The authorities
    withdrew the agreement"). Ordinary states are left to the event coder, which places people by the
    sentence's place and the story's home country."""
    unnamed = {n for n, m in enumerate(mentions) if _nameless(t, m)}
    if not unnamed:
        return list(mentions)  # no one to settle, and so no pronoun for people settled
    entities = de_facto_entities()
    by_sentence: dict[int, list[int]] = {}
    for n, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(n)
    out = list(mentions)
    current: str | None = None
    settled: dict[str, tuple[int, "Actor"]] = {}  # a nameless actor's name → where and as whom it was placed
    for sentence in sorted(by_sentence):
        members = by_sentence[sentence]
        nameless = [n for n in members if n in unnamed]
        placed = [_placed_by(t, mentions[n], entities) for n in members]
        here = next((p for p in placed if p), None)
        if here is None and nameless:
            here = _sentence_place(t, sentence, date, kb)
        if here is not None:
            current = here
        others = {(m.actor.organization or m.actor.country) for n in members if n not in nameless
                  and (m := mentions[n]).actor is not None and m.via != "pronoun" and (m.actor.organization or m.actor.country)}
        if not nameless:
            chosen = None
        elif here is not None:
            chosen = here
        elif others:
            chosen = next(iter(others)) if len(others) == 1 and others <= entities else None
            current = chosen or current
        else:
            chosen = current
        if chosen is not None and (chosen in entities and chosen in kb.organizations
                                   or SETTLED_COUNTRIES and chosen in kb.states):
            for n in nameless:
                out[n] = _placed_in(out[n], chosen, kb)
                settled[mentions[n].actor.name] = (sentence, out[n].actor)  # type: ignore[union-attr]
        for n in members:
            # "protesters leaving the buildings they had occupied": a pronoun for people placed is placed too.
            m = mentions[n]
            back = settled.get(m.actor.name) if m.via == "pronoun" and m.actor is not None \
                and not (m.actor.country or m.actor.organization) else None
            if back is not None and sentence - back[0] <= PRONOUN_REACH:
                out[n] = replace(m, actor=replace(back[1], text=m.actor.text))  # type: ignore[union-attr]
    return out


def _nameless(t: "Tokens", mention: "Mention") -> bool:
    actor = mention.actor
    if actor is None or actor.country or actor.organization or actor.type not in ("group", "organization") \
            or mention.via != "agent" or actor.sector not in DOMESTIC_SECTORS:
        return False
    span = t.char_span(mention.span.start, mention.span.end)
    if span is None:
        return False
    words = {t.lower[i] for i in range(*span)}
    return not words & ABROAD and t.lemma[t.root(*span)].lower() not in VISITORS


def _placed_by(t: "Tokens", mention: "Mention", entities: frozenset[str]) -> str | None:
    """The territory the resolver placed nameless people in from a place inside their phrase ("the parliament in
    Sukhumi", "a court in the Russian port of Novorossiysk")."""
    actor = mention.actor
    if actor is None or mention.via != "agent" or actor.type not in ("group", "organization"):
        return None
    code = actor.organization if actor.organization in entities else actor.country if not actor.organization else None
    span = t.char_span(mention.span.start, mention.span.end)
    if code is None or span is None or not any(t.lower[i] in LOCATIVE or t.lower[i] == "from" for i in range(*span)):
        return None
    return code


def _sentence_place(t: "Tokens", sentence: int, date: dt.date | None, kb: "KnowledgeBase") -> str | None:
    """The territory of the first place a sentence names after a locative preposition ("in Sukhumi")."""
    for i in range(t.sent_starts[sentence], t.sent_starts[sentence + 1]):
        if t.dep[i] != "pobj" or t.pos[i] != "PROPN" or t.lower[t.head[i]] not in LOCATIVE:
            continue
        start = i
        while start - 1 > t.head[i] and t.pos[start - 1] == "PROPN":
            start -= 1
        name = t.span_text(start, i + 1)
        held = held_by(name, date)
        if held is not None:
            return held.entity
        states = [e.key for e in kb.lookup(name) if e.kind == "state"]
        place = lookup_area(name)
        found = states[0] if states else place.country if place is not None and place.kind != "country" else None
        if found is not None:
            return found  # else a name that is no place ("at the Congress") and the next one may be
    return None


def _placed_in(mention: "Mention", code: str, kb: "KnowledgeBase") -> "Mention":
    from allegiance.actors.build import org_actor

    actor = mention.actor
    assert actor is not None
    org = kb.organizations.get(code)
    if org is not None:
        placed = org_actor(org, text=actor.text, confidence=min(actor.confidence, 0.7), sector=actor.sector)
    else:
        placed = replace(actor, country=code, confidence=min(actor.confidence, 0.7))
    return replace(mention, actor=placed)
