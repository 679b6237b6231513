"""Where the actor mentions are in a parsed article: noun chunks, named entities and pronouns.

Title and agent phrases are stretched over their "of" phrases ("the head of Sberbank German
Gref"), datelines the parser glued on are trimmed, and a possessive pronoun opening a phrase
("his fighters") becomes a mention of its own.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from allegiance.actors.phrase import GENERIC_BLOCS, words_key
from allegiance.actors.places import is_place_mention
from allegiance.actors.resolve import RESOLVED_MAX
from allegiance.parse import Tokens, noun_chunks, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from allegiance.actors.resolve import Resolver

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
            "herself": "f", "they": "pl", "them": "pl", "their": "pl", "theirs": "pl", "themselves": "pl",
            "its": "it", "itself": "it", "who": "rel", "which": "rel"}
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
SIDES = frozenset({"side", "sides"})
COUNTERPARTS = frozenset({"counterpart", "counterparts"})  # "his counterparts from China and India"
STATES_OR_BODIES = frozenset({"GPE", "ORG", "NORP"})
# Head nouns that only gather people: who they are is in the words before them.
COLLECTIVES = frozenset({"group", "groups", "figure", "figures", "movement", "movements", "faction", "factions"})
# Entity types that never name an actor, even when spaCy tags the word a proper noun.
NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT",
                        "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})



def never_an_actor(t: Tokens, i: int) -> bool:
    """Whether an entity type rules token ``i`` out. The small model reads a titled name right after a
    closing quote as a WORK_OF_ART ('"...," Tajik President Emomali Rahmon told Putin'); a proper noun
    that is a clause's subject is a name, whatever the tag. A number noun that is a clause's subject
    ("Thousands rallied", "Tens of thousands protested") counts people, a crowd, not a quantity."""
    if t.ent_type[i] not in NOT_ACTORS:
        return False
    if t.ent_type[i] == "CARDINAL":
        head = t.head[i] if t.dep[i] in ("quantmod", "nummod") or t.lower[i] == "of" else i  # "Tens (of) thousands"
        if t.pos[head] == "NOUN" and t.dep[head] in ("nsubj", "nsubjpass") and t.pos[i] in ("NOUN", "ADP"):
            return False
    if t.ent_type[i] != "WORK_OF_ART" or t.pos[i] != "PROPN":
        return True
    while t.dep[i] == "compound" and t.head[i] != i:
        i = t.head[i]
    return not (t.pos[i] == "PROPN" and t.dep[i] in ("nsubj", "nsubjpass"))


SHARED = "shared:"  # label of a modifier standing for its own actor: "shared:<index of the head noun>"
Candidate = tuple[int, int, str]  # token start, token end, label: chunk | pronoun | an entity label


def clause_of(t: Tokens, i: int) -> int:
    """Token index of the verb governing token ``i``."""
    head, pos = t.head, t.pos
    while head[i] != i and pos[i] not in ("VERB", "AUX"):
        i = head[i]
    return i


class Candidates:
    def __init__(self, doc: "Doc", resolver: "Resolver"):
        self.doc, self.resolver, self.kb = doc, resolver, resolver.kb
        self.t = tokens(doc)  # hot loops read the token table, not spaCy Tokens
        # Tokens that are or hold a line break (paragraph breaks, datelines glued on by the parser).
        text = self.t.text
        breaks = {i for i, space in enumerate(self.t.space) if space}
        at = text.find("\n")
        while at >= 0:
            breaks.add(bisect.bisect_right(self.t.idx, at) - 1)
            at = text.find("\n", at + 1)
        self.breaks = sorted(breaks)
        self._roots: dict[tuple[int, int], int] = {}

    def root(self, start: int, end: int) -> int:
        """``Tokens.root(start, end)``, remembered for this Doc: finding, filtering and linking the
        candidates ask it of the same spans."""
        found = self._roots.get((start, end))
        if found is None:
            found = self._roots[(start, end)] = self.t.root(start, end)
        return found

    def _referring(self, start: int, root: int) -> bool:
        """Whether the chunk's head names or describes an actor ("main opposition group" as much as "Putin")."""
        t = self.t
        if never_an_actor(t, root):
            return False
        if t.pos[root] == "PROPN" or t.ent_type[root] in NAMED:
            return True
        lower = t.lower[root]
        if lower in GENERIC_BLOCS:
            return True  # "the Russia-led alliance"
        if lower in SIDES and any(t.ent_type[i] in NAMED for i in range(start, root)):
            return True  # "the Russian side" is Russia, not just its adjective
        known, text, idx, end = self.resolver.describing, t.text, t.idx, t.end[root]
        for n in range(1, min(4, root - start + 1) + 1):
            phrase = text[idx[root - n + 1]:end]  # the last n words (Tokens.span_text)
            found = known.get(phrase)
            if found is None:
                found = self._describes(phrase)
            if found:
                return True
        if lower in COLLECTIVES:
            # "four opposition groups", "civil society groups": the agent word before the head says who they are.
            agents = self.kb.agents
            return any(words_key(t.span_text(a, b)) in agents for a in range(start, root) for b in range(a + 1, root + 1))
        return False

    def _describes(self, phrase: str) -> bool:
        """Whether a phrase's words name something or someone, or are a title or an agent noun; remembered
        per text (``Resolver.describing``: one lookup in place of four in the large tables)."""
        known = self.resolver.describing
        if len(known) >= RESOLVED_MAX:
            known.clear()
        words = words_key(phrase)
        found = known[phrase] = (words in self.resolver.scanner.titles or words in self.kb.agents
                                 or words in self.kb.index or words in COUNTERPARTS)
        return found

    def _conjuncts(self, i: int) -> list[int]:
        """Token ``i`` and the tokens coordinated with it ("Belarus, Armenia, and Kyrgyzstan"), in order."""
        out, todo = [], [i]
        while todo:
            n = todo.pop()
            out.append(n)
            todo.extend(c for c in self.t.children[n] if self.t.dep[c] == "conj")
        return sorted(out)

    def _extend(self, chunk: tuple[int, int], root: int, chunk_at: dict[int, tuple[int, int]],
                shared: list[Candidate]) -> tuple[int, int]:
        """Stretch a title/agent chunk over "of X" phrases ("President of Uzbekistan Shavkat Mirziyoyev"),
        and over "in X", "from X" and "for X" when the chunk names nobody of its own ("human rights activists
        in Arnor", "observers from the OSCE", "a spokesman for the EU's foreign service"). Names coordinated
        with the first object go to ``shared``, each standing for its own actor with the chunk's head."""
        t = self.t
        (start, end), head = chunk, root
        # A group word tagged NORP that names no state ("Islamist militants from JNIM") names no one yet.
        named = any(t.ent_type[i] in NAMED and (t.ent_type[i] != "NORP" or words_key(t.token_text(i)) in self.kb.index)
                    for i in range(start, end))
        preps = ("of",) if named else ("of", "in", "from", "for")
        titled = words_key(t.token_text(root)) in self.resolver.scanner.titles
        while end < len(t.lower) and t.lower[end] in preps and t.head[end] == head:
            objects = [c for c in t.children[end] if t.dep[c] == "pobj"]
            if not objects or objects[0] not in chunk_at:
                break
            if t.lower[end] != "of" and any(t.dep[c] == "conj" for c in t.children[objects[0]]):
                # "Troops from Belarus, Armenia and Kyrgyzstan": one mention per state, each with the head noun;
                # "negotiators from Armenia and several other states" are not Armenia's alone.
                members = self._conjuncts(objects[0])
                if titled or head != root or not all(
                        m in chunk_at and t.pos[m] == "PROPN" and t.ent_type[m] in STATES_OR_BODIES for m in members):
                    break
                shared.extend((*chunk_at[m], f"{SHARED}{root}") for m in members[1:])
                return start, chunk_at[objects[0]][1]
            end, head = chunk_at[objects[0]][1], objects[0]  # chunk_at is keyed by each chunk's root
            # "from the Palestinian Islamist group Hamas": the name in apposition is the object's own.
            appositive = next((c for c in t.children[head] if t.dep[c] == "appos" and c in chunk_at
                               and chunk_at[c][0] == end), None)
            if appositive is not None:
                end = chunk_at[appositive][1]
            # Once the phrase names someone, only "of" goes on; while a body's phrase names nobody ("a congress
            # of deputies of all levels"), "in Moldova's breakaway Transnistria region" still says whose it is.
            # (A title's "of" phrase is its office: "the head of the delegation from Armenia" heads no state.)
            if titled or any(t.ent_type[i] in NAMED for i in range(start, end)):
                preps = ("of",)
        return start, end

    def _coordinated(self, start: int, end: int, label: str) -> list[Candidate]:
        """"Yerevan and Tbilisi" tagged as one entity is two; "Bosnia and Herzegovina" stays one."""
        lower = self.t.lower
        joints = [i for i in range(start, end) if lower[i] in ("and", ",", "&")]
        if not joints or words_key(self.t.span_text(start, end)) in self.kb.index:
            return [(start, end, label)]
        bounds = [start, *joints, end]
        return [(a + (a != start), b, label) for a, b in zip(bounds, bounds[1:]) if b > a + (a != start)]

    def _trim(self, start: int, end: int, label: str) -> Candidate | None:
        """Drop a dateline or paragraph break the parser glued onto the front of a phrase."""
        t = self.t
        last = bisect.bisect_left(self.breaks, end) - 1
        if last >= 0 and self.breaks[last] >= start:
            start = self.breaks[last] + 1
        while start < end and (t.punct[start] or t.space[start] or never_an_actor(t, start)):
            start += 1
        return (start, end, label) if start < end else None

    def _add_owned(self, start: int, end: int, found: list[Candidate]) -> None:
        """A phrase; "his fighters" gives the pronoun a mention of its own, the owner of the rest, and
        "Russian and Chinese warships" gives "Russian" one too, sharing the head noun."""
        t = self.t
        dep, head = t.dep, t.head
        if dep[start] == "poss" and t.lower[start] in PRONOUNS and end - start > 1:
            found.append((start, start + 1, "pronoun"))
            start += 1
        joint = next((i for i in range(start, end) if dep[i] == "cc" and dep[head[i]] in ("amod", "compound", "nmod")
                      and head[i] >= start and head[head[i]] < end), None)
        if joint is not None and joint > start:
            found.append((start, joint, f"{SHARED}{head[head[joint]]}"))
            start = joint + 1
        found.append((start, end, "chunk"))

    def all(self) -> list[tuple[Candidate, list[Candidate]]]:
        doc, t = self.doc, self.t
        chunks = noun_chunks(doc)
        roots = [self.root(start, end) for start, end in chunks]
        chunk_at = dict(zip(roots, chunks))
        found: list[Candidate] = []
        for chunk, root in zip(chunks, roots):
            if chunk[1] - chunk[0] == 1 and t.lower[root] in PRONOUNS:
                found.append((root, root + 1, "pronoun"))
            elif self._referring(chunk[0], root):
                shared: list[Candidate] = []
                self._add_owned(*self._extend(chunk, root, chunk_at, shared), found)
                found.extend(shared)
            else:
                span, deps = range(*chunk), t.dep[chunk[0]:chunk[1]]
                if ("compound" in deps or "nmod" in deps) and any(
                        t.dep[i] in ("compound", "nmod") and (t.pos[i] == "PROPN" or t.token_text(i).isupper()) for i in span):
                    self._add_owned(*chunk, found)  # "IAEA experts", "a BRICS common currency" (parsed nmod)
                if "poss" not in deps:
                    continue
                for i in span:
                    if t.dep[i] == "poss" and t.lower[i] in PRONOUNS:
                        found.append((i, i + 1, "pronoun"))
                    elif t.dep[i] == "poss" and i != root:
                        self._add_owned(doc[i].left_edge.i, i + 1, found)
        for start, end, label in t.entities():
            if label in NAMED:
                found.extend(self._coordinated(start, end, label))
        # The small model leaves some nationality adjectives untagged ("rejected Lithuanian accusations") and
        # reads a headline's opening capital as one ("Kyiv slams Budapest's ..."): a capitalised adjective that
        # the knowledge base knows as a state's adjective, name or capital names that state, as a tagged one does.
        index = self.kb.index
        found.extend((i, i + 1, "NORP") for i, (pos, dep, ent) in enumerate(zip(t.pos, t.dep, t.ent_type))
                     if pos == "ADJ" and dep == "amod" and not ent and t.token_text(i)[:1].isupper()
                     and any(e.kind == "state" for e in index.get(words_key(t.token_text(i)), ())))
        found.extend((i, i + 1, "pronoun") for i, (lower, pos) in enumerate(zip(t.lower, t.pos))
                     if lower in PRONOUNS and pos == "PRON")
        found = [trimmed for c in found if (trimmed := self._trim(*c))]
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
        # One unnamed member of a bloc ("the leader of an EU country") must not fall back to the bloc named
        # inside it: the EU did not act. (A thing named after a city, "the Kazan summit", keeps its parts:
        # they tell the coder it is a setting.)
        kept = [(c, [] if c[2] != "pronoun" and self.resolver.names_a_member(t.span_text(c[0], c[1])) else inner)
                for c, inner in kept]
        # A place ("in the Kazakh capital", "at a summit in Astana") is no actor, and neither is
        # anything inside it ("Kazakh"): it must not fall back to its parts (places.py).
        titles = self.resolver.scanner.titles
        return [(c, inner) for c, inner in kept
                if c[2] == "pronoun" or not is_place_mention(t, c[0], c[1], self.root(c[0], c[1]), self.kb, titles)]
