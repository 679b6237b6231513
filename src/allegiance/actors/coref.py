"""Within-document coreference on the spaCy parse (no coreference model).

Walks the article's noun chunks, named entities and pronouns in order and links:
- a surname or partial name to the full name mentioned before (Putin → Vladimir Putin);
- a title or description without a nationality ("the president", "the Kremlin leader's
  counterpart") to the person mentioned before who holds that role on the date;
- possessives and "of" appositions, by resolving the whole phrase ("Tajikistan's president",
  "the head of Sberbank German Gref");
- he/his/him/she/her to the nearest compatible person, they/their/its to the nearest state,
  organization or group, and the relative pronoun "who" to the noun it describes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from allegiance.actors import build
from allegiance.actors.candidates import NAMED, PRONOUNS, SHARED, Candidates, clause_of
from allegiance.actors.names import guess_gender, key as _name_key
from allegiance.actors.places import settle
from allegiance.actors.phrase import DESCRIPTORS, FILLER, RULER, words_of
from allegiance.models import Actor, Mention, Span
from allegiance.parse import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from allegiance.actors.records import Person
    from allegiance.actors.resolve import Resolver

FUZZY = frozenset({"PERSON", "ORG", "GPE"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
LOOKBACK_SENTENCES = 3
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
GENERIC_ORGANIZATIONS = frozenset({"alliance", "bloc", "organization", "organisation", "grouping", "union", "club",
                                   "treaty organization", "alliance force", "force", "group"})
MEMBER_BODIES = frozenset({"states", "countries", "nations", "governments"})
# What "of" may name after a title that still refers back ("the leader of the country").
ANAPHORIC_OWNERS = frozenset({"of", "country", "nation", "state", "republic", "kingdom", "government"})
OFFICIAL_SECTORS = frozenset({"GOV", "MIL"})  # whose staff are their state's officials
INDEFINITE = frozenset({"a", "an", "another", "some", "any"})
BLOC_WORDS = frozenset({"alliance", "bloc", "union", "grouping", "club"})


@dataclass
class Seen:
    """A mention already resolved, as coreference sees it."""

    actor: Actor
    sentence: int
    start: int  # token index
    end: int
    subject: bool
    gender: str | None
    person: bool
    clause: int  # token index of the verb governing the mention
    singular: bool = False  # the head noun is singular ("the rebel alliance", not "rebels")


class Coref:
    def __init__(self, doc: "Doc", date: dt.date | None, resolver: "Resolver"):
        self.date, self.resolver, self.kb = date, resolver, resolver.kb
        self.t = tokens(doc)
        starts = self.t.sent_starts
        self.sent_of: list[int] = []
        for n in range(len(starts) - 1):
            self.sent_of += [n] * (starts[n + 1] - starts[n])
        self.seen: list[Seen] = []
        self.names: dict[str, Actor] = {}  # surname / partial name keys of people seen so far
        self.countries: list[str] = []
        self.possessor: tuple[int, Seen] | None = None  # (token index of "his"/"their", what it refers to)
        self.acronyms: dict[str, Actor] = {}  # "CPC" after "the Caspian Pipeline Consortium (CPC)"
        self.epithets: dict[str, Actor] = {}  # "the Head of State": whom a press service's capitalised epithet is for

    # --- candidates ------------------------------------------------------------------------

    # --- linking ---------------------------------------------------------------------------

    def _remember(self, actor: Actor, start: int, end: int, root: int, antecedent: Seen | None) -> None:
        t = self.t
        gender, person_like = None, self._is_person(actor, t.ent_type[root])
        if antecedent is not None:
            gender, person_like = antecedent.gender or gender, antecedent.person or person_like
        elif actor.type == "person" and actor.id:
            person = self.kb.people.get(actor.id[2:])
            gender = person.gender if person else None
            if person:
                for name in (*person.surnames, person.name.split()[-1], person.name):
                    self.names[key(name)] = actor
                # "Kim" after "Kim Jong Un", "Gurbanguly" after "Gurbanguly Berdimuhamedow".
                self.names.setdefault(key(person.name.split()[0]), actor)
        elif actor.type == "unknown" and t.pos[root] == "PROPN" and person_like:
            gender = guess_gender(actor.name)
            parts = key(actor.name).split()
            # "Moussa Abu Marzouk" is later "Abu Marzouk" or "Marzouk".
            for n in range(len(parts)):
                self.names.setdefault(" ".join(parts[n:]), actor)
        if actor.country and actor.country not in self.countries:
            self.countries.append(actor.country)
        self.seen.append(Seen(actor, self.sent_of[start], start, end, t.dep[root] in SUBJECTS,
                              gender, person_like, clause_of(t, root), t.tag[root] in ("NN", "NNP")))

    def _compatible(self, seen: Seen, kind: str) -> bool:
        a = seen.actor
        if kind in ("m", "f"):
            return seen.person and seen.gender in (None, kind)
        if kind == "pl":
            return a.type in ("state", "organization", "group") or (a.type == "unknown" and not seen.person)
        # "its" also refers back to a nameless body ("the Tuareg-led rebel alliance ... its fighters") or an
        # organization the tables lack ("The Wall Street Journal denied the allegations against its reporter").
        return a.type in ("state", "organization") or (a.type in ("group", "unknown") and seen.singular
                                                        and not seen.person)

    @staticmethod
    def _is_person(actor: Actor, ent_type: str) -> bool:
        """``ent_type``: the entity type of the mention's head word."""
        if actor.type in ("state", "organization"):
            return False
        if actor.type == "person" or ent_type == "PERSON":
            return True
        if actor.type == "group":
            return False
        # spaCy's small model often tags foreign names ORG; a title or agent word says "person".
        return ent_type == "PERSON" or (actor.sector is not None and ent_type != "GPE")

    def _pronoun(self, i: int) -> Seen | None:
        """What the pronoun at token ``i`` refers to."""
        t = self.t
        kind = PRONOUNS[t.lower[i]]
        if kind == "rel":
            if t.dep[t.head[i]] != "relcl":
                return None
            noun = t.head[t.head[i]]
            return next((s for s in reversed(self.seen) if s.start <= noun < s.end), None)
        here = self.sent_of[i]
        # An object pronoun never refers to the subject of its own clause ("Putin did not answer him").
        barred = set()
        if t.lower[i] in OBJECT_PRONOUNS and t.dep[i] != "poss":
            verb = clause_of(t, i)
            clauses = {verb}
            # "Rahmon turned to Putin and asked him": a conjoined verb's subject is its head's.
            while t.dep[verb] == "conj" and not any(t.dep[c] in SUBJECTS for c in t.children[verb]):
                verb = t.head[verb]
                clauses.add(verb)
            barred = {s.actor.id or s.actor.name for s in self.seen if s.subject and s.clause in clauses}
        for sentence in range(here, max(-1, here - LOOKBACK_SENTENCES - 1), -1):
            pool = [s for s in self.seen if s.sentence == sentence and s.end <= i and self._compatible(s, kind)
                    and (s.actor.id or s.actor.name) not in barred]
            if pool:
                subjects = [s for s in pool if s.subject]
                if sentence == here and barred:
                    # An object pronoun in a clause of its own takes the person last named as an object
                    # ("Lukashenko pardoned Rico Krieger, weeks after a court sentenced him").
                    # "detains critics of the deal with Uzbekistan, accuses them": "them" are people too.
                    objects = [s for s in pool if not s.subject and (s.person or kind == "pl" and s.actor.type == "group")]
                    if objects:
                        return objects[-1]
                return (subjects or pool)[0] if sentence != here else (subjects or pool)[-1]
        return None

    def _role_matches(self, actor: Actor, title: str, former: bool) -> bool:
        person = self.kb.people.get((actor.id or "")[2:]) if actor.type == "person" else None
        if person is None:
            return False
        kind = DESCRIPTORS.get(title)
        kinds = {"head_of_state", "head_of_government"} if kind == RULER else {"org_head", "company_head"} \
            if kind == "org_head" else {kind}
        for role in person.roles:
            if role.active(self.date) != former and (key(role.title) == title or role.kind in kinds):
                return True
        return False

    def _description(self, text: str, owned: bool = False) -> tuple[Actor, str] | None:
        """A title with no nationality: the person seen before who holds it, else the document's state's
        (unless a person ``owned`` it: "his spokeswoman" is that person's, whoever speaks for the state)."""
        pieces = self.resolver.scanner.scan_text(text)[1]
        if any(p.kind in ("entity", "affiliation") for p in pieces):
            return None
        titles = [p for p in pieces if p.kind == "title"]
        if not titles:
            return None
        if any(p.start >= titles[-1].end and p.text not in FILLER and p.text not in ANAPHORIC_OWNERS for p in pieces):
            # "the leader of the world's largest democracy" describes someone by another thing's property,
            # not as the holder of that title seen last.
            return None
        former = any(p.kind == "former" for p in pieces)
        head = titles[-1].text
        # A female role noun ("spokeswoman"; the rule roles.by_gender sorts holders by) is no man the tables know.
        female = head.endswith("woman")
        for seen in reversed(self.seen):
            if female and seen.gender == "m":
                continue
            if self._role_matches(seen.actor, head, former):
                return _retext(seen.actor, text), "title"
        if self.countries and not owned:
            found = self.resolver.resolution(text, self.date, countries=tuple(self.countries), fuzzy=False,
                                             unknown=False)
            if found and found.actor.type == "person" and not (female and self._gender(found.actor) == "m"):
                return found.actor, "title"
        return None

    def _gender(self, actor: Actor) -> str | None:
        person = self.kb.people.get((actor.id or "")[2:]) if actor.type == "person" else None
        return person.gender if person else None

    def _counterpart(self, start: int, text: str) -> tuple[Actor, str] | None:
        state = next((c for c in self.resolver.countries_in(text)), None)
        if state is None:
            return None
        of = self._owner(start) or next((s for s in reversed(self.seen) if s.actor.type == "person"), None)
        person = self.kb.people.get((of.actor.id or "")[2:]) if of else None
        if of is not None and person is None:
            # The counterpart of someone we do not know: same kind of office, other state.
            return build.unknown_actor(text, state, sector=of.actor.sector), "title"
        role = self.kb.role_on(person, self.date)[0] if person else None
        for kind in ([role.kind] if role else []) + ["head_of_state"]:
            holders = self.kb.holders(state, self.date, kind=kind)
            if holders:
                p, r = holders[0]
                return build.person_actor(self.kb, p, self.date, text=text, confidence=0.75, role=r), "title"
        return None

    def _owner(self, start: int) -> Seen | None:
        """What the possessive pronoun right before a span starting at token ``start`` refers to."""
        if self.possessor and self.possessor[0] == start - 1:
            return self.possessor[1]
        return None

    def _generic_organization(self, words: list[str], text: str) -> Seen | None:
        """"The alliance", "the bloc": the organization mentioned last; for a word that describes a bloc
        ("alliance", "bloc", "union"), the bloc mentioned last, so that "the alliance" after NATO and the
        UN Security Council is NATO. A capitalised name ("the European Union", "the Soviet Union") is a
        name, never a reference back."""
        if _members(words):
            # "thanked the member states": the members of the bloc the story is about speak as the bloc.
            words = [*words[:-2], "bloc"]
        if not words or words[-1] not in GENERIC_ORGANIZATIONS or len(words) > 3:
            return None
        if any(w[:1].isupper() for w in text.split()[1:]):
            return None
        orgs = [s for s in reversed(self.seen) if s.actor.type == "organization" and s.actor.organization]
        if words[-1] in BLOC_WORDS:
            blocs = [s for s in orgs if self._is_bloc(s.actor.organization)]
            return blocs[0] if blocs else None
        return orgs[0] if orgs else None

    def _owned_by_generic(self, words: list[str], text: str) -> tuple[Actor, str, Seen | None] | None:
        """"The bloc's leaders", "the alliance's secretary general": whatever the bloc mentioned last has."""
        if len(words) < 4 or words[0] != "the" or words[2] != "'s":
            return None
        owner = self._generic_organization(words[1:2], " ".join(text.split()[:2]))
        if owner is None:
            return None
        rest = " ".join(text.split()[2:])
        found = self.resolver.resolution(f"{owner.actor.name}'s {rest}", self.date, fuzzy=False, unknown=False)
        return (_retext(found.actor, text), "possessive", None) if found else None

    def _half(self, side: str, text: str) -> tuple[Actor, str, Seen | None] | None:
        """"The North" after North Korea (or South Korea) is the state named last whose name it opens; with none
        named, nobody: the north of what is not said."""
        seen = next((s for s in reversed(self.seen) if s.actor.type == "state"
                     and key(s.actor.name).startswith(f"{side} ")), None)
        return (_retext(seen.actor, text), "name", seen) if seen else None

    def _country_owned(self, start: int, text: str) -> tuple[Actor, str, Seen | None] | None:
        """"Her country's pro-Western leadership": the owner's state's, not the West; without a possessive
        pronoun, the state named last, a few sentences back at most. With no state, nobody."""
        owner = self._owner(start)
        here = self.sent_of[start]
        code = owner.actor.country if owner else next(
            (s.actor.country for s in reversed(self.seen) if s.actor.type == "state" and s.sentence >= here - LOOKBACK_SENTENCES),
            None)
        state = self.kb.states.get(code or "")
        rest = _POSSESSIVE.split(text, maxsplit=1)
        if state is None or len(rest) < 2 or not rest[1].strip():
            return None
        found = self.resolver.resolution(f"{state.name}'s {rest[1].strip()}", self.date, fuzzy=False, unknown=False)
        return (_retext(found.actor, text), "possessive", None) if found else None

    def _is_bloc(self, code: str | None) -> bool:
        org = self.kb.organizations.get(code or "")
        while org is not None and org.parent:
            org = self.kb.organizations.get(org.parent)
        return org is not None and org.type == "bloc"

    def link(self, start: int, end: int, root: int, label: str) -> tuple[Actor, str, Seen | None] | None:
        """The actor tokens ``start`` to ``end`` (headed by ``root``) refer to, how, and the mention seen
        before that they refer back to."""
        t = self.t
        text = t.span_text(start, end)
        if label == "pronoun":
            seen = self._pronoun(start)
            return (_retext(seen.actor, text), "pronoun", seen) if seen else None
        if label.startswith(SHARED):
            # "Russian" in "Russian and Chinese warships": resolve "Russian warships", keep the span.
            head = t.token_text(int(label[len(SHARED):]))
            found = self.resolver.resolution(f"{text} {head}", self.date, fuzzy=False, unknown=False)
            return (build.retext(found.actor, text), found.via, None) if found else None
        acronym = self._acronym(start, end, text)
        if acronym is not None:
            return acronym
        words = words_of(text)
        k = " ".join(words).removesuffix(" 's")
        k = k[4:] if k.startswith("the ") else k
        if k in self.names and (label == "PERSON" or t.pos[root] == "PROPN"):
            known = self.names[k]
            # "Gershkovich, 32, was arrested": a surname the parser tags a place is still the person named before.
            earlier = next((s for s in reversed(self.seen) if s.actor.id == known.id and s.actor.name == known.name), None)
            return _retext(known, text), "name" if k == key(known.name) else "surname", earlier
        bare = [w for w in words if w not in ("the", "'s")]
        if words[0] == "the" and bare in (["north"], ["south"]) and text.split()[-1][:1].isupper():
            return self._half(bare[0], text)
        # "a military alliance", "a leader wanted for war crimes" bring someone new in: never a reference back.
        indefinite = words[0] in INDEFINITE
        generic = None if indefinite else self._generic_organization(bare, text)
        if generic:
            return _retext(generic.actor, text), "title", generic
        if _members(bare):
            return None  # no bloc to be members of: "the member states" is still not the United States
        owned = self._owned_by_generic(words, text)
        if owned is not None:
            return owned
        if words[:2] in (["country", "'s"], ["nation", "'s"]) or words[:3] in (["the", "country", "'s"],
                                                                             ["the", "nation", "'s"]):
            return self._country_owned(start, text)
        if "counterpart" in words:
            found = self._counterpart(start, text)
            return (*found, None) if found else None
        titled = self._title_of_name(start, end, root, text)
        if titled is not None:
            return titled
        owner = self._owner(start)
        epithet = _epithet(text)
        if epithet in self.epithets:
            return _retext(self.epithets[epithet], text), "title", None
        described = None if indefinite else self._description(text, owned=owner is not None and owner.person)
        if described:
            if epithet and described[0].type == "person":
                self.epithets[epithet] = described[0]
            return (*described, None)
        named = label in NAMED or t.ent_type[root] in NAMED  # a name spaCy does not tag is too often a stray word
        fuzzy = label in FUZZY or t.ent_type[root] in FUZZY
        countries = (owner.actor.country,) if owner and owner.actor.country else ()
        place = label in PLACES or t.ent_type[root] in PLACES
        found = self.resolver.resolution(text, self.date, countries=countries, fuzzy=fuzzy, unknown=named, place=place)
        if found is not None and found.via == "surname" and not any(w[:1].isupper() for w in text.split()):
            return None  # "lifting a ban on flights", "exports of rice": a word in lower case is nobody's surname
        if found and found.via == "title" and found.actor.type == "person" and owner is not None and owner.person \
                and owner.actor.sector not in OFFICIAL_SECTORS:
            return None  # an opposition figure's "his spokeswoman" is no state spokeswoman
        if found and found.actor.type == "unknown" and len(words) == 1 and t.pos[root] == "PROPN":
            person = self._first_name(words[0])
            if person is not None:
                return build.person_actor(self.kb, person, self.date, text=text, confidence=0.7), "name", None
        if found and found.via == "agent" and words[0] == "the" and not (found.actor.country or found.actor.organization):
            earlier = self._same_body(root)
            if earlier is not None:
                return _retext(earlier.actor, text), "title", earlier
        return (found.actor, found.via, None) if found else None

    def _title_of_name(self, start: int, end: int, root: int, text: str) -> tuple[Actor, str, Seen | None] | None:
        """"President of the Republic of Azerbaijan Ilham Aliyev arrived": the parser hangs the name on the title's
        "of", so the title alone is the mention; it is the person named there, not the last president seen."""
        t = self.t
        pieces = self.resolver.scanner.scan_text(text)[1]
        if not pieces or pieces[-1].kind != "title" or any(p.kind not in ("title", "word") for p in pieces):
            return None
        for prep in t.children[root]:
            if t.dep[prep] != "prep" or t.lower[prep] != "of":
                continue
            for name in t.children[prep]:
                if t.dep[name] == "pobj" and t.ent_type[name] == "PERSON" and t.pos[name] == "PROPN":
                    first = min([name, *(c for c in t.children[name] if t.dep[c] == "compound" and t.ent_type[c] == "PERSON")])
                    found = self.resolver.resolution(t.span_text(first, name + 1), self.date, fuzzy=False, unknown=False)
                    if found is not None and found.actor.type == "person":
                        return _retext(found.actor, text), "apposition", None
        return None

    def _acronym(self, start: int, end: int, text: str) -> tuple[Actor, str, Seen | None] | None:
        """"the Caspian Pipeline Consortium (CPC) ... the CPC": an acronym the text defines after a name stands for
        that name in this story, whatever else the tables know by it (the Chinese Communist Party)."""
        t = self.t
        bare = _acronym_of(text)
        if bare is None:
            return None
        if bare in self.acronyms:
            return _retext(self.acronyms[bare], text), "name", None
        last = self.seen[-1] if self.seen else None
        if last is None or start < 1 or t.token_text(start - 1) != "(" or last.end != start - 1:
            return None
        initials = "".join(w[0] for w in t.span_text(last.start, last.end).split() if w[:1].isupper() and w != "The")
        if initials != bare:
            return None
        self.acronyms[bare] = last.actor
        return _retext(last.actor, text), "name", last

    def _same_body(self, root: int) -> Seen | None:
        """"The Russian foreign ministry said ... the ministry added": a definite institution with no
        nationality is the last one seen with the same head noun and a country or organization, a few
        sentences back at most (further on, "the defence ministry" may be another side's), unless it is
        the one body of an organization the story has named."""
        t = self.t
        lemma = t.lemma[root].lower()
        here = self.sent_of[root]
        same = [seen for seen in reversed(self.seen) if (seen.actor.country or seen.actor.organization)
                and seen.actor.type in ("organization", "group") and t.lemma[t.root(seen.start, seen.end)].lower() == lemma]
        if same and same[0].sentence >= here - LOOKBACK_SENTENCES:
            return same[0]
        # Further back only for the one body of an organization the story has had ("the leaders" of the CSTO
        # summit, "the congress" in Transnistria): every side has a ministry, not every side a summit.
        if same and same[0].actor.organization and len({s.actor.organization for s in same}) == 1:
            return same[0]
        return None

    def _first_name(self, word: str) -> "Person | None":
        """A lone first name ("his father Gurbanguly"): the one person of the document's states with it."""
        people = [p for p in self.kb.first_names.get(word, ()) if p.country in self.countries]
        return people[0] if len(people) == 1 else None

    def apposition(self, start: int, end: int, root: int, actor: Actor, mentions: list[Mention]) -> Actor:
        """"Kamchybek Tashiev, Kyrgyzstan's security chief": both name one actor; each completes the other."""
        head = self.t.head[root]
        if self.t.dep[root] != "appos" or not self.seen or not (self.seen[-1].start <= head < self.seen[-1].end):
            return actor
        before, by_name = self.seen[-1].actor, mentions[-1].via in ("name", "surname", "apposition", "fuzzy")
        if actor.type == "unknown" and (before.type == "unknown" or not by_name):
            # A name we do not know beside a description: the name is the referent, the description its facts.
            merged = replace(actor, country=actor.country or before.country, sector=actor.sector or before.sector,
                             organization=actor.organization or before.organization)
        elif before.type == "unknown" and actor.type != "unknown":
            # "Badra Gunba, Bzhania's deputy": the description's body is the name's too (Bzhania's Abkhazia).
            merged = replace(before, country=before.country or actor.country, sector=before.sector or actor.sector,
                             organization=before.organization or actor.organization)
        elif before.type == "person" and actor.type in ("group", "organization", "unknown"):
            merged = before
        else:
            return actor
        self.seen[-1].actor = merged
        self.names.update({k: merged for k, v in self.names.items() if v is before})
        last = mentions[-1]
        mentions[-1] = replace(last, actor=replace(merged, text=last.actor.text if last.actor else None))
        return replace(merged, text=self.t.span_text(start, end))


_POSSESSIVE = re.compile(r"['\u2019]s\b")


@functools.lru_cache(maxsize=1 << 14)  # the same names and titles come back in every article
def key(text: str) -> str:
    return _name_key(text)


@functools.lru_cache(maxsize=1 << 14)  # asked of every mention's text
def _acronym_of(text: str) -> str | None:
    """The acronym a text is ("CPC", "the CPC's"), or None."""
    bare = _POSSESSIVE.split(text.removeprefix("the ").removeprefix("The "), maxsplit=1)[0]
    return bare if 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper() else None


@functools.lru_cache(maxsize=1 << 14)  # asked of every mention's text
def _epithet(text: str) -> str | None:
    """"the Head of State", "the Head of Government": a capitalised title of several words, the fixed epithet an
    official release gives its own principal throughout (not "the president", which news moves from one person
    to the next)."""
    words = text.split()
    words = words[1:] if words and words[0].lower() == "the" else words
    content = [w for w in words if w.lower() not in ("of", "the", "and")]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return None
    return " ".join(w.lower() for w in words)


def _members(words: list[str]) -> bool:
    """"member states", "the member countries"."""
    return len(words) in (2, 3) and words[-2] == "member" and words[-1] in MEMBER_BODIES


def _retext(actor: Actor, text: str) -> Actor:
    return build.retext(actor, text)


def document_mentions(doc: "Doc", date: dt.date | None, resolver: "Resolver") -> list[Mention]:
    coref = Coref(doc, date, resolver)
    mentions: list[Mention] = []
    found = Candidates(doc, resolver)
    for candidate, inner in found.all():
        for start, end, label in [candidate, *inner]:
            root = found.root(start, end)
            linked = coref.link(start, end, root, label)
            if linked is not None:
                _record(coref, mentions, start, end, root, label, linked)
                if (start, end, label) == candidate:
                    break
    return settle(coref.t, mentions, date, resolver.kb)


def _record(coref: Coref, mentions: list[Mention], start: int, end: int, root: int, label: str,
            linked: tuple[Actor, str, Seen | None]) -> None:
    actor, via, antecedent = linked
    t = coref.t
    if label == "pronoun" and t.dep[root] == "poss" and antecedent is not None:
        coref.possessor = (start, antecedent)
    if t.dep[root] == "appos" and mentions:
        appositive = coref.apposition(start, end, root, actor, mentions)
        if appositive is not actor:
            actor, via = appositive, "apposition"
    coref._remember(actor, start, end, root, antecedent)
    mentions.append(_mention(t.idx[start], t.end[end - 1], t.span_text(start, end), coref.sent_of[start], actor, via))


def _mention(start: int, end: int, text: str, sentence: int, actor: Actor, via: str) -> Mention:
    """``Mention(Span(start, end, text), sentence, actor, via)`` without the frozen dataclasses' ``__init__``,
    which sets one field at a time through ``object.__setattr__`` (as ``build.copy_actor`` avoids; neither
    class has a ``__post_init__``)."""
    span = object.__new__(Span)
    span.__dict__.update(start=start, end=end, text=text)
    mention = object.__new__(Mention)
    mention.__dict__.update(span=span, sentence_index=sentence, actor=actor, via=via)
    return mention
