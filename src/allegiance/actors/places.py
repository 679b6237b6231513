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
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from allegiance.actors.kb import KnowledgeBase
    from allegiance.parse import Tokens

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
HEAD_ENDS = frozenset({"of", "in", "at", "from", "near", "outside", "to", "for", "with", "on"})


def names_a_place(words: list[str], kb: "KnowledgeBase", titles: dict | set) -> bool:
    """Whether normalised words are a phrase headed by a place noun."""
    from allegiance.gazetteer import FEATURE_NOUNS, PLACE_NOUNS

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
    from allegiance.gazetteer import lookup as gazetteer_lookup

    entries = kb.lookup(text)
    if entries:
        return all(e.kind == "state" and e.how == "metonym" for e in entries)
    bare = text[4:] if text.lower().startswith("the ") else text
    place = gazetteer_lookup(bare)
    return place is not None and place.kind != "country"


@functools.cache
def _nouns() -> frozenset[str]:
    from allegiance.gazetteer import FEATURE_NOUNS, PLACE_NOUNS

    return frozenset(PLACE_NOUNS | FEATURE_NOUNS)


def _owned_by_place_noun(t: "Tokens", i: int) -> bool:
    """Whether token ``i`` belongs to a place noun: "Samarkand" in "the city of Samarkand", "Dushanbe" in
    "the capital, Dushanbe", "Russian" in "the Russian resort"."""
    nouns, head, dep = _nouns(), t.head[i], t.dep[i]
    if dep == "pobj" and t.lower[head] == "of" and t.lower[t.head[head]] in nouns:
        return True
    return dep in ("appos", "amod", "compound", "nmod") and t.lower[head] in nouns and head != i


def is_place_mention(t: "Tokens", start: int, end: int, kb: "KnowledgeBase", titles: dict | set) -> bool:
    """Whether a candidate mention (tokens ``start`` to ``end`` of a parsed text) is a place rather than an
    actor."""
    from allegiance.actors.phrase import words_of

    text = t.span_text(start, end)
    if names_a_place(words_of(text), kb, titles):
        return True
    root = t.root(start, end)
    if _owned_by_place_noun(t, root):
        return True
    if t.dep[root] != "pobj":
        return False
    return t.lower[t.head[root]] in LOCATIVE and _is_city(text, kb)
