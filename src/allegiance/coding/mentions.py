"""Which resolved mention each token belongs to, and which actors an argument phrase names (``MentionIndex``).

Split from ``candidates``: every argument finder (``arguments``, ``nominal``, ``aims``, ``referents``) asks the
index whom a phrase names, so it sits below them; ``candidates`` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allegiance.coding.cues import GIVEN
from allegiance.coding.referents import (ANCHORED, OWN_PEOPLE, anchor_to_home, crowds_of_nationals, home_country,
                                         keyable, pairs)
from allegiance.models import Mention
from allegiance.parse import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class MentionIndex:
    """Which resolved mention each token belongs to."""

    doc: "Doc"
    event_nouns: frozenset[str] = frozenset()  # "Putin's visit" names a visit, not Putin
    by_token: dict[int, Mention] = field(default_factory=dict)
    heads: dict[int, Mention] = field(default_factory=dict)  # head token index → mention
    pairs: dict[int, tuple[Mention, Mention]] = field(default_factory=dict)  # "the two leaders" → both
    nameless: set[int] = field(default_factory=set)  # heads of people with no country ("a delegation")
    home: str | None = None  # the country the story is about (``referents.home_country``)

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
        for i, (first, _) in index.pairs.items():
            index.heads[i] = first
        return index

    def actor_at(self, tok: "Token", depth: int = 2, through_events: bool = False) -> Mention | None:
        """The actor an argument phrase headed by ``tok`` names, looking into modifiers and appositions."""
        found = self.by_token.get(tok.i)
        origins = self._origins(tok, depth)
        if origins:
            return origins[0][1]
        if found is not None and found.via.startswith("agent"):
            # "the Palestinian Islamist group Hamas": the apposed name, not the description.
            named = next((self.by_token[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.by_token), None)
            return named or found
        if found is not None:
            return found
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ in ("relcl", "acl") and depth > 0:
            return self.actor_at(tok.head.head, depth - 1)
        if depth <= 0 or (tok.lemma_.lower() in self.event_nouns and not through_events):
            return None
        # An apposed name before modifiers: "the Palestinian group Hamas" is Hamas.
        for child in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            if child.dep_ in ("appos", "compound", "amod", "poss", "nmod"):
                found = self.by_token.get(child.i) or (self.actor_at(child, depth - 1) if child.dep_ == "appos" else None)
                if found is not None:
                    return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actor_at(pobj, depth - 1)
                        if found is not None:
                            return found
        return None

    def _origins(self, tok: "Token", depth: int = 2) -> list[tuple["Token", Mention]]:
        """"a delegation from Hamas", "troops from Belarus", "negotiators from Armenia and Azerbaijan": whose
        people nameless or merely placed people are beats where the sentence happens to put them."""
        if depth <= 0:
            return []
        found = self.by_token.get(tok.i)
        if found is None:
            # A subject the resolver took for no one ("a team from the UN mission") is the origin's people too.
            lemma = tok.lemma_.lower()
            if not (tok.i in self.nameless or (tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass")
                                               and lemma not in self.event_nouns and lemma not in GIVEN)):
                return []
        elif not found.via.endswith((ANCHORED, OWN_PEOPLE)) and found.span.end <= tok.idx + len(tok.text):
            return []  # a mention ending at the word; one running on may have read the origin in (below)
        origins = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.children if o.dep_ == "pobj"]
        # The resolver may have read the first origin into the people's own mention ("negotiators from Armenia").
        if not origins or (found is not None and not found.via.endswith((ANCHORED, OWN_PEOPLE))
                           and self.by_token.get(origins[0].i) is not found):
            return []
        out: list[tuple["Token", Mention]] = []
        for o in origins:
            # A named party each ("Armenia and Azerbaijan"), not a vague rest ("and several other states").
            for node in [o, *(c for c in _conjuncts(o) if c.pos_ == "PROPN")]:
                mention = self.actor_at(node, depth - 1)
                if mention is not None and all(m is not mention for _, m in out):
                    out.append((node, mention))
        return out

    def actors_at(self, tok: "Token", through_events: bool = False) -> list[tuple["Token", Mention]]:
        """The actor of a phrase and of the phrases coordinated with it ("Russia and China"); both parties
        of a pair the text refers back to ("the two leaders", "both sides", "the two countries' ...")."""
        pair = self.pairs.get(tok.i) or next((self.pairs[c.i] for c in tok.children if c.dep_ == "poss" and c.i in self.pairs), None)
        if pair is not None:
            return [(tok, pair[0]), (tok, pair[1])]
        out = self._origins(tok)
        if len(out) > 1:
            return out
        out = []
        for node in [tok, *_conjuncts(tok), *_coordinated_modifiers(tok)]:
            if node.i != tok.i and node.pos_ not in ("NOUN", "PROPN", "PRON"):
                mention = self.by_token.get(node.i)  # a coordinated modifier: "Russian and Chinese ..."
            else:
                mention = self.actor_at(node, through_events=through_events)
            if mention is not None and all(m is not mention for _, m in out):
                out.append((node, mention))
        return out


def _conjuncts(tok: "Token") -> list["Token"]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        node = stack.pop(0)
        if node.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(node)
            stack.extend(c for c in node.children if c.dep_ == "conj")
    return out


def _coordinated_modifiers(tok: "Token") -> list["Token"]:
    """"Russian and Chinese warships": coordinated modifiers name one actor each."""
    out = []
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in child.children):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ == "conj")
    return out
