"""Which resolved mention each token belongs to, and which actors an argument phrase names (``MentionIndex``).

Split from ``candidates``: every argument finder (``arguments``, ``nominal``, ``aims``, ``referents``) asks the
index whom a phrase names, so it sits below them; ``candidates`` re-exports it.
"""

from __future__ import annotations

import functools
from itertools import compress
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from allegiance.coding.cues import GIVEN
from allegiance.coding.referents import (ANCHORED, OWN_PEOPLE, anchor_to_home, crowds_of_nationals, home_country,
                                         keyable, pairs)
from allegiance.models import Mention
from allegiance.parse import Tokens, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_LOOKS_OUT = frozenset({"who", "which", "that", "member"})  # words whose actor _actor_at looks for outside their phrase
# People named by how they stand to someone else: whom their "of" phrase names is the other side, not them
# (unlike "supporters of Galstanyan", who are his camp).
RELATIONS = frozenset({"ally", "partner", "enemy", "foe", "rival", "critic", "opponent", "adversary", "victim"})


@dataclass
class MentionIndex:
    """Which resolved mention each token belongs to."""

    doc: "Doc"
    event_nouns: frozenset[str] = frozenset()  # "Putin's visit" names a visit, not Putin
    by_token: dict[int, Mention] = field(default_factory=dict)
    heads: dict[int, Mention] = field(default_factory=dict)  # head token index → mention
    pairs: dict[int, tuple[Mention, ...]] = field(default_factory=dict)  # "the two leaders" → both
    nameless: set[int] = field(default_factory=set)  # heads of people with no country ("a delegation")
    home: str | None = None  # the country the story is about (``referents.home_country``)
    # Facts about the Doc that a finder works out once, by name (``aims``: which phrases hold a place name)
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: "Doc", mentions: list[Mention], event_nouns: frozenset[str] = frozenset()) -> "MentionIndex":
        index = cls(doc, event_nouns)
        table = tokens(doc)
        index.home = home_country(table.text, mentions)
        mentions = anchor_to_home(crowds_of_nationals(doc, mentions), index.home)
        # Longer mentions first so that "Russian Foreign Minister Sergei Lavrov" beats "Russian" in it.
        for mention in sorted(mentions, key=lambda m: m.span.start - m.span.end):
            span = table.char_span(mention.span.start, mention.span.end)
            if span is None or span[1] <= span[0]:
                continue
            start, end = span
            root = table.root(start, end)
            if not keyable(mention):
                if mention.actor is not None and mention.actor.type == "group":
                    index.nameless.add(root)
                continue  # "protesters", "prisoners": no country or organization to anchor an event
            for i in range(start, end):
                index.by_token.setdefault(i, mention)
            index.heads.setdefault(root, mention)
        index.pairs = pairs(doc, index)
        for i, group in index.pairs.items():
            index.heads[i] = group[0]
        return index

    @functools.cached_property
    def table(self) -> Tokens:
        """The Doc's token table, which the argument finders read instead of spaCy Tokens."""
        return tokens(self.doc)

    @functools.cached_property
    def _reach(self) -> set[int]:
        """The heads of phrases in which ``actors_of`` can find someone: every token whose subtree holds a
        mention's word, a phrase standing for a set, or a word through which the finders look outside the
        phrase ("who", "which", "that" to what a clause describes; "member" to what it is apposed to). Asked
        after ``build``, which fills the mentions and the sets."""
        t = self.table
        head = t.head
        seeds: list[int] = [*self.by_token, *self.pairs]
        if not _LOOKS_OUT.isdisjoint(self.words):
            seeds += compress(range(len(head)), map(_LOOKS_OUT.__contains__, t.lower))
        return self.above(seeds)

    def above(self, seeds: Iterable[int]) -> set[int]:
        """The tokens ``seeds`` and every token that governs one of them: whose subtree holds one."""
        head = self.table.head
        out: set[int] = set()
        for i in seeds:
            while i not in out:
                out.add(i)
                if head[i] == i:
                    break
                i = head[i]
        return out

    @functools.cached_property
    def lemmas(self) -> frozenset[str]:
        """The Doc's lemmas in lower case: a rule needing a word the Doc lacks need not walk its phrases."""
        return frozenset(map(str.lower, set(self.table.lemma)))

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The Doc's words in lower case (``Token.lower_``)."""
        return frozenset(self.table.lower)

    def actor_at(self, tok: "Token", depth: int = 2, through_events: bool = False) -> Mention | None:
        """The actor an argument phrase headed by ``tok`` names, looking into modifiers and appositions."""
        return self._actor_at(tok.i, depth, through_events)

    def _actor_at(self, i: int, depth: int = 2, through_events: bool = False) -> Mention | None:
        t, by_token = self.table, self.by_token
        dep, children = t.dep, t.children
        found = by_token.get(i)
        origins = self._origins(i, depth)
        if origins:
            return origins[0][1]
        if found is not None and found.via.startswith(("agent", "title")):
            # "the Palestinian Islamist group Hamas", "The court's president, Piotr Hofmanski": the apposed name,
            # not the description (a title is read as the holder the story's state or last person has).
            named = next((by_token[c] for c in children[i] if dep[c] == "appos" and c in by_token), None)
            return named or found
        if found is not None:
            return found
        if t.lower[i] in ("who", "which", "that") and dep[t.head[i]] in ("relcl", "acl") and depth > 0:
            return self._actor_at(t.head[t.head[i]], depth - 1)
        if depth <= 0 or (t.lemma[i].lower() in self.event_nouns and not through_events):
            return None
        if t.lower[i] == "member":
            # "Mongolia, the first member of the ICC he has visited": one member of a body is not the body; in
            # apposition it is the member named.
            return by_token.get(t.head[i]) if dep[i] == "appos" else None
        # An apposed name before modifiers: "the Palestinian group Hamas" is Hamas.
        for child in sorted(children[i], key=lambda c: dep[c] != "appos"):
            if dep[child] in ("appos", "compound", "amod", "poss", "nmod"):
                found = by_token.get(child) or (self._actor_at(child, depth - 1) if dep[child] == "appos" else None)
                if found is not None:
                    return found
        if t.lemma[i].lower() in RELATIONS:
            return None  # "the main allies of President Assad", "critics of the Kremlin": not Assad, not the Kremlin
        for child in children[i]:
            if dep[child] == "prep" and t.lower[child] == "of":
                for pobj in children[child]:
                    if dep[pobj] == "pobj":
                        found = self._actor_at(pobj, depth - 1)
                        if found is not None:
                            return found
        return None

    def _origins(self, i: int, depth: int = 2) -> list[tuple[int, Mention]]:
        """"a delegation from Hamas", "troops from Belarus", "negotiators from Armenia and Azerbaijan": whose
        people nameless or merely placed people are beats where the sentence happens to put them."""
        if depth <= 0:
            return []
        t, by_token = self.table, self.by_token
        dep, children = t.dep, t.children
        found = by_token.get(i)
        if found is None:
            # A subject the resolver took for no one ("a team from the UN mission") is the origin's people too.
            lemma = t.lemma[i].lower()
            if not (i in self.nameless or (t.pos[i] == "NOUN" and dep[i] in ("nsubj", "nsubjpass")
                                           and lemma not in self.event_nouns and lemma not in GIVEN)):
                return []
        elif not found.via.endswith((ANCHORED, OWN_PEOPLE)) and found.span.end <= t.end[i]:
            return []  # a mention ending at the word; one running on may have read the origin in (below)
        origins = [o for c in children[i] if dep[c] == "prep" and t.lower[c] == "from" for o in children[c] if dep[o] == "pobj"]
        # The resolver may have read the first origin into the people's own mention ("negotiators from Armenia").
        if not origins or (found is not None and not found.via.endswith((ANCHORED, OWN_PEOPLE))
                           and by_token.get(origins[0]) is not found):
            return []
        out: list[tuple[int, Mention]] = []
        for o in origins:
            # A named party each ("Armenia and Azerbaijan"), not a vague rest ("and several other states").
            for node in [o, *(c for c in _conjuncts(t, o) if t.pos[c] == "PROPN")]:
                mention = self._actor_at(node, depth - 1)
                if mention is not None and all(m is not mention for _, m in out):
                    out.append((node, mention))
        return out

    def actors_at(self, tok: "Token", through_events: bool = False) -> list[tuple["Token", Mention]]:
        """The actor of a phrase and of the phrases coordinated with it ("Russia and China"); every party
        of a set the text refers back to ("the two leaders", "both sides", "the two countries' ...", "the
        three leaders")."""
        return self.actors_of(tok.i, through_events, tok)

    def actors_of(self, i: int, through_events: bool = False, tok: "Token | None" = None) -> list[tuple["Token", Mention]]:
        """``actors_at`` of the phrase headed by token ``i``; a Token is made only for what is found."""
        if i not in self._reach:
            return []  # nothing in the phrase names anyone (about a third of the phrases asked about)
        t = self.table
        pair = self.pairs.get(i) or next((self.pairs[c] for c in t.children[i] if t.dep[c] == "poss" and c in self.pairs), None)
        if pair is not None:
            tok = tok if tok is not None else self.doc[i]
            return [(tok, m) for m in pair]
        out = self._origins(i)
        if len(out) <= 1:
            out = []
            for node in [i, *_conjuncts(t, i), *_coordinated_modifiers(t, i), *_coordinated_owners(t, i)]:
                if node != i and t.pos[node] not in ("NOUN", "PROPN", "PRON"):
                    mention = self.by_token.get(node)  # a coordinated modifier: "Russian and Chinese ..."
                else:
                    mention = self._actor_at(node, through_events=through_events)
                if mention is not None and all(m is not mention for _, m in out):
                    out.append((node, mention))
        # Tokens only for what is found: most phrases name no one.
        return [(tok if node == i and tok is not None else self.doc[node], mention) for node, mention in out]


def _conjuncts(t: Tokens, i: int) -> list[int]:
    out, stack = [], [c for c in t.children[i] if t.dep[c] == "conj" or _listed(t, i, c)]
    while stack:
        node = stack.pop(0)
        if t.pos[node] in ("NOUN", "PROPN", "PRON"):
            out.append(node)
            stack.extend(c for c in t.children[node] if t.dep[c] == "conj" or _listed(t, node, c))
    return out


def _listed(t: Tokens, head: int, child: int) -> bool:
    """"the presidents of Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan": the small model often reads
    the second name of a long list as an apposition of the first; a name "apposed" to a name and itself
    heading the rest of the list ("..., Tajikistan and Uzbekistan") is one more item of it."""
    return t.dep[child] == "appos" and t.pos[child] == "PROPN" and t.pos[head] == "PROPN" \
        and any(t.dep[c] == "conj" for c in t.children[child])


def _coordinated_owners(t: Tokens, i: int) -> list[int]:
    """"the presidents of Kazakhstan and Uzbekistan", "the foreign ministers of Russia and China": the names
    coordinated after "of" own the head as much as the first one does, one actor each."""
    return [node for prep in t.children[i] if t.dep[prep] == "prep" and t.lower[prep] == "of"
            for obj in t.children[prep] if t.dep[obj] == "pobj" for node in _conjuncts(t, obj)]


def _coordinated_modifiers(t: Tokens, i: int) -> list[int]:
    """"Russian and Chinese warships": coordinated modifiers name one actor each."""
    out = []
    for child in t.children[i]:
        if t.dep[child] in ("amod", "compound", "nmod") and any(t.dep[c] == "conj" for c in t.children[child]):
            out.append(child)
            out.extend(c for c in t.children[child] if t.dep[c] == "conj")
    return out
