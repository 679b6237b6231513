"""Where the actor mentions are in a parsed article: noun chunks, named entities and pronouns.

Title and agent phrases are stretched over their "of" phrases ("the head of Sberbank German
Gref"), datelines the parser glued on are trimmed, and a possessive pronoun opening a phrase
("his fighters") becomes a mention of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allegiance.actors.phrase import GENERIC_BLOCS, words_of
from allegiance.actors.places import is_place_mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

    from allegiance.actors.resolve import Resolver

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
            "herself": "f", "they": "pl", "them": "pl", "their": "pl", "theirs": "pl", "themselves": "pl",
            "its": "it", "itself": "it", "who": "rel", "which": "rel"}
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Entity types that never name an actor, even when spaCy tags the word a proper noun.
NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT",
                        "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})



def never_an_actor(token: "Token") -> bool:
    """Whether an entity type rules the token out. The small model reads a titled name right after a closing
    quote as a WORK_OF_ART ('"...," Tajik President Emomali Rahmon told Putin'); a proper noun that is a
    clause's subject is a name, whatever the tag."""
    if token.ent_type_ not in NOT_ACTORS:
        return False
    if token.ent_type_ != "WORK_OF_ART" or token.pos_ != "PROPN":
        return True
    node = token
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
    return not (node.pos_ == "PROPN" and node.dep_ in ("nsubj", "nsubjpass"))


SHARED = "shared:"  # label of a modifier standing for its own actor: "shared:<index of the head noun>"
Candidate = tuple[int, int, str]  # token start, token end, label: chunk | pronoun | an entity label


def clause_of(token: "Token") -> int:
    """Token index of the verb governing ``token``."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token.i


class Candidates:
    def __init__(self, doc: "Doc", resolver: "Resolver"):
        self.doc, self.resolver, self.kb = doc, resolver, resolver.kb

    def _referring(self, chunk: "SpacySpan") -> bool:
        """Whether the chunk's head names or describes an actor ("main opposition group" as much as "Putin")."""
        token = chunk.root
        if never_an_actor(token):
            return False
        if token.pos_ == "PROPN" or token.ent_type_ in NAMED:
            return True
        if token.lower_ in GENERIC_BLOCS:
            return True  # "the Russia-led alliance"
        titles, agents, index = self.resolver.scanner.titles, self.kb.agents, self.kb.index
        for n in range(1, min(4, token.i - chunk.start + 1) + 1):
            words = " ".join(words_of(self.doc[token.i - n + 1:token.i + 1].text))
            if words in titles or words in agents or words in index or words == "counterpart":
                return True
        return False

    def _extend(self, chunk: "SpacySpan", chunk_at: dict[int, "SpacySpan"]) -> tuple[int, int]:
        """Stretch a title/agent chunk over "of X" phrases ("President of Uzbekistan Shavkat Mirziyoyev"),
        and over "in X" when the chunk names no place of its own ("human rights activists in Arnor")."""
        start, end, head = chunk.start, chunk.end, chunk.root
        preps = ("of", "in") if not any(t.ent_type_ in NAMED for t in chunk) else ("of",)
        while end < len(self.doc) and self.doc[end].lower_ in preps and self.doc[end].head.i == head.i:
            objects = [c for c in self.doc[end].children if c.dep_ == "pobj"]
            if not objects or objects[0].i not in chunk_at:
                break
            nxt = chunk_at[objects[0].i]
            end, head = nxt.end, nxt.root
            preps = ("of",)
        return start, end

    def _coordinated(self, ent: "SpacySpan") -> list[Candidate]:
        """"Yerevan and Tbilisi" tagged as one entity is two; "Bosnia and Herzegovina" stays one."""
        joints = [t.i for t in ent if t.lower_ in ("and", ",", "&")]
        if not joints or " ".join(words_of(ent.text)) in self.kb.index:
            return [(ent.start, ent.end, ent.label_)]
        bounds = [ent.start, *joints, ent.end]
        return [(a + (a != ent.start), b, ent.label_) for a, b in zip(bounds, bounds[1:]) if b > a + (a != ent.start)]

    def _trim(self, start: int, end: int, label: str) -> Candidate | None:
        """Drop a dateline or paragraph break the parser glued onto the front of a phrase."""
        doc = self.doc
        for i in range(end - 1, start - 1, -1):
            if "\n" in doc[i].text or doc[i].is_space:
                start = i + 1
                break
        while start < end and (doc[start].is_punct or doc[start].is_space or never_an_actor(doc[start])):
            start += 1
        return (start, end, label) if start < end else None

    def _add_owned(self, start: int, end: int, found: list[Candidate]) -> None:
        """A phrase; "his fighters" gives the pronoun a mention of its own, the owner of the rest, and
        "Russian and Chinese warships" gives "Russian" one too, sharing the head noun."""
        first = self.doc[start]
        if first.dep_ == "poss" and first.lower_ in PRONOUNS and end - start > 1:
            found.append((start, start + 1, "pronoun"))
            start += 1
        joint = next((t for t in self.doc[start:end] if t.dep_ == "cc" and t.head.dep_ in ("amod", "compound", "nmod")
                      and t.head.i >= start and t.head.head.i < end), None)
        if joint is not None and joint.i > start:
            found.append((start, joint.i, f"{SHARED}{joint.head.head.i}"))
            start = joint.i + 1
        found.append((start, end, "chunk"))

    def all(self) -> list[tuple[Candidate, list[Candidate]]]:
        doc = self.doc
        chunks = list(doc.noun_chunks)
        chunk_at = {c.root.i: c for c in chunks}
        found: list[Candidate] = []
        for chunk in chunks:
            root = chunk.root
            if len(chunk) == 1 and root.lower_ in PRONOUNS:
                found.append((root.i, root.i + 1, "pronoun"))
            elif self._referring(chunk):
                self._add_owned(*self._extend(chunk, chunk_at), found)
            else:
                if any(t.dep_ == "compound" and (t.pos_ == "PROPN" or t.text.isupper()) for t in chunk):
                    self._add_owned(chunk.start, chunk.end, found)  # "IAEA experts"
                for tok in chunk:
                    if tok.dep_ == "poss" and tok.lower_ in PRONOUNS:
                        found.append((tok.i, tok.i + 1, "pronoun"))
                    elif tok.dep_ == "poss" and tok.i != root.i:
                        self._add_owned(tok.left_edge.i, tok.i + 1, found)
        for ent in doc.ents:
            if ent.label_ in NAMED:
                found.extend(self._coordinated(ent))
        for tok in doc:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                found.append((tok.i, tok.i + 1, "pronoun"))
        found = [t for c in found if (t := self._trim(*c))]
        # Longest first at each start; what lies inside a kept span is its fallback, used when the
        # span itself names no actor ("the Zaporizhzhia plant" → "Zaporizhzhia").
        found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        kept: list[tuple[Candidate, list[Candidate]]] = []
        for c in found:
            if kept and c[0] < kept[-1][0][1]:
                (start, end, label), inner = kept[-1]
                if c[1] > end and c[2] in NAMED and label == "chunk":
                    kept[-1] = ((start, c[1], "chunk"), inner)  # an entity running past its chunk
                elif c[1] <= end and c[2] != "pronoun" and c not in inner:
                    inner.append(c)
                continue
            kept.append((c, []))
        # A place ("in the Kazakh capital", "at a summit in Astana") is no actor, and neither is
        # anything inside it ("Kazakh"): it must not fall back to its parts (places.py).
        titles = self.resolver.scanner.titles
        return [(c, inner) for c, inner in kept if c[2] == "pronoun" or not is_place_mention(doc[c[0]:c[1]], self.kb, titles)]
