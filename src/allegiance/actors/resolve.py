"""Stage verb ``resolve``: a mention (plus its date and context) → the actor it refers to.

Resolution is dict lookups over the pieces of the mention (names, titles, agent nouns,
nationalities); fuzzy matching is only a fallback, and is constrained by any nationality
the mention or its context gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from allegiance.actors import build
from allegiance.actors.kb import KnowledgeBase, load_kb
from allegiance.actors.names import key, normalise, strip_article
from allegiance.actors.phrase import FILLER, RULER, DESCRIPTORS, Piece, Scanner, words_of
from allegiance.actors.records import Entry, Organization, Person, Role
from allegiance.errors import InvalidParameter
from allegiance.models import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Where "the leader" of the country is its head of government, not its head of state.
LEADER_IS_HEAD_OF_GOVERNMENT = frozenset(
    "GBR DEU IND JPN ITA ESP CAN AUS NZL ISR NLD SWE NOR DNK BEL AUT GRC CZE SVK HUN ARM GEO PAK IRQ IRL EST "
    "LVA PRT BGR HRV SVN MLT LUX THA BGD NPL MNE ALB SRB MKD".split()
)
_ENTRY_RANK = {"coded": 0, "org": 1, "state": 2}
FUZZY_CUTOFF = 86.0
GENERIC_BLOCS = frozenset({"alliance", "bloc", "union", "grouping", "organisation", "organization", "partnership"})
# Words in a description that point to words in a bloc's name.
BLOC_HINTS = {"military": ("security", "defence", "defense", "treaty"), "security": ("security", "treaty"),
              "defence": ("security", "treaty"), "economic": ("economic", "customs"), "trade": ("economic", "customs"),
              "customs": ("customs", "economic")}


@dataclass(frozen=True)
class Resolution:
    actor: Actor
    via: str


def as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InvalidParameter("date", f"not a date: {value!r}", hint="use YYYY-MM-DD") from exc


class Resolver:
    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb or load_kb()
        self.scanner = Scanner(self.kb)
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self._first_names: dict[str, list[Person]] | None = None
        self._led_by: dict[str, list[Organization]] | None = None

    # --- public ----------------------------------------------------------------------------

    def resolve(self, text: str, date: dt.date | str | None = None, context: str | None = None) -> Actor | None:
        found = self.resolution(text, as_date(date), countries=self.countries_in(context) if context else (),
                                fuzzy=True)
        return found.actor if found else None

    def countries_in(self, text: str) -> tuple[str, ...]:
        """States a text names or implies, in order of appearance."""
        out: list[str] = []
        for piece in self.scanner.scan(words_of(text), text):
            code = self._anchor_state(piece)
            if code and code not in out:
                out.append(code)
        return tuple(out)

    def resolution(self, text: str, date: dt.date | None, *, countries: tuple[str, ...] = (), fuzzy: bool = True,
                   unknown: bool = True) -> Resolution | None:
        words = words_of(text)
        if not words:
            return None
        pieces = self.scanner.scan(words, text)
        # An unknown proper name heading the phrase ("Uzbek envoy Rustam Qodirov") is the referent;
        # the known words around it only describe it.
        tail = _proper_tail(pieces, text)
        found = None if tail else self._compose(pieces, date, countries, text)
        if found is None and fuzzy:
            found = self._fuzzy(pieces, date, countries, text)
        if found is None and unknown and _looks_like_name(text):
            country = next((c for p in pieces if (c := self._anchor_state(p))), None) or (countries[0] if countries else None)
            heads = [p for p in pieces if p.kind in ("title", "agent")]
            name = " ".join(text.split()[-tail:]) if tail else text
            actor = build.unknown_actor(_clean(name), country, sector=heads[-1].sector if heads else None)
            found = Resolution(actor, "name")
        return found

    def person_entries(self, entries: tuple[Entry, ...] | list[Entry], date: dt.date | None,
                       countries: tuple[str, ...]) -> Person | None:
        people = [self.kb.people[e.key] for e in entries if e.kind == "person"]
        if not people:
            return None

        def rank(p: Person) -> tuple[int, int, dt.date]:
            active = any(r.active(date) for r in p.roles)
            local = p.country in countries or any(r.country in countries for r in p.roles)
            latest = max((r.end or dt.date.max for r in p.roles), default=dt.date.min)
            return (int(local), int(active), latest)

        return max(people, key=rank)

    def holders(self, anchor: str, title: Piece, date: dt.date | None, former: bool,
                words: tuple[str, ...] = ()) -> list[tuple[Person, Role]]:
        """Who holds the titled role in ``anchor`` on ``date``; ``words`` of the mention break ties."""
        fetch = self.kb.former_holders if former else self.kb.holders
        if title.title == "title" or title.text in DESCRIPTORS:
            found = fetch(anchor, date, title=title.text)
            if found:
                return found
        kind = DESCRIPTORS.get(title.text)
        org = self.kb.organizations.get(anchor)
        if kind == RULER:
            kinds = ["org_head"] if org else (["head_of_government", "head_of_state"]
                                              if anchor in LEADER_IS_HEAD_OF_GOVERNMENT else
                                              ["head_of_state", "head_of_government"])
        elif kind == "org_head" and not org:
            kinds = ["head_of_state"] if title.text in ("head", "chief") else []
        else:
            kinds = [kind] if kind else []
        searches = [(anchor, kinds)]
        if org:
            # Anyone heading the organization (its director may be filed as a security chief), then
            # its parent body; a national body's officers may be filed under their state.
            searches = [(a, kinds + ["org_head", "company_head", "*"]) for a in (anchor, org.parent) if a]
            if org.country and kind not in (None, RULER, "org_head"):
                searches.append((org.country, kinds))
        for where, wanted in searches:
            for k in wanted:
                found = fetch(where, date, kind=k)
                if found:
                    return _by_words(_by_gender(found, title.text), words)
        return []

    # --- composition -----------------------------------------------------------------------

    def _anchor_state(self, piece: Piece) -> str | None:
        if piece.kind == "affiliation":
            return piece.country if piece.country in self.kb.states else None
        if piece.kind == "entity":
            for e in piece.entries:
                if e.kind == "state":
                    return e.key
                if e.kind == "org" and self.kb.organizations[e.key].country:
                    return self.kb.organizations[e.key].country
        return None

    def _anchor(self, pieces: list[Piece], head: Piece, date: dt.date | None) -> tuple[str | None, bool]:
        """The state or organization a title/agent belongs to, and whether it was a possessive."""
        before = [p for p in pieces if p.end <= head.start]
        after = [p for p in pieces if p.start >= head.end]
        for p in reversed(before):
            code = self._anchor_code(p, date)
            if code:
                possessive = any(q.text == "'s" and q.start == p.end for q in pieces)
                return code, possessive
        if after and after[0].text in ("of", "at", "in"):
            for p in after[1:]:
                code = self._anchor_code(p, date)
                if code:
                    return code, False
        return None, False

    def _anchor_code(self, piece: Piece, date: dt.date | None = None) -> str | None:
        if piece.kind == "affiliation":
            return piece.country
        if piece.kind == "entity":
            orgs = [e.key for e in piece.entries if e.kind == "org"]
            if orgs:
                return orgs[0]
            person = self.person_entries(piece.entries, date, ())
            if person and not any(e.kind == "state" for e in piece.entries):
                role, _ = self.kb.role_on(person, date)
                return (role.org or role.country) if role else person.country
        return self._anchor_state(piece)

    def _compose(self, pieces: list[Piece], date: dt.date | None, countries: tuple[str, ...],
                 text: str) -> Resolution | None:
        kb = self.kb
        # A name followed by 's owns the head ("Putin's spokesman"): it anchors, it is not the referent.
        owners = {p.start for p, q in zip(pieces, pieces[1:]) if q.text == "'s" and q.end < len_words(pieces)}
        entities = [p for p in pieces if p.kind == "entity"]
        titles = [p for p in pieces if p.kind == "title"]
        loose = {p.start for p in pieces if p.kind == "word" and p.text not in FILLER}
        # A name right before an agent noun modifies it: "Nazarbayev University", "Wagner fighters".
        owners |= {p.start for p, q in zip(pieces, pieces[1:]) if q.kind == "agent"}
        for how, confidence in (("name", 0.95), ("surname", 0.85)):
            named = [p for p in entities if p.start not in owners and any(
                e.kind == "person" and e.how == how for e in p.entries) and not (
                how == "surname" and (any(e.kind != "person" for e in p.entries)
                                      or {p.start - 1, p.end} & loose))]
            if named:
                best = max(named, key=lambda p: p.end - p.start)
                person = self.person_entries([e for e in best.entries if e.how == how], date, countries)
                assert person is not None
                via = "apposition" if titles else how
                actor = build.person_actor(kb, person, date, text=text, confidence=confidence)
                return Resolution(actor, via)
        coded = [p for p in entities if any(e.kind == "coded" for e in p.entries)]
        if coded:
            best = max(coded, key=lambda p: p.end - p.start)
            entry = next(e for e in best.entries if e.kind == "coded")
            actor = build.coded_actor(kb.coded[entry.key], date, text=text, confidence=0.9)
            if actor:
                return Resolution(actor, "name")
        former = any(p.kind == "former" for p in pieces)
        heads = [p for p in pieces if p.kind in ("title", "agent")]
        if titles:
            head = titles[-1]
            anchor, possessive = self._anchor(pieces, head, date)
            if anchor is None and len(kb.title_anchors.get(head.text, ())) == 1:
                anchor = next(iter(kb.title_anchors[head.text]))
            anchor = anchor or (countries[0] if countries else None)
            plural = head.text not in self.scanner.titles and head.sector is not None
            if anchor and not plural:
                found = self.holders(anchor, head, date, former, tuple(p.text for p in pieces))
                if found:
                    person, role = found[0]
                    actor = build.person_actor(kb, person, date, text=text, confidence=0.85, role=role, former=former)
                    return Resolution(actor, "possessive" if possessive else "title")
        orgs = [p for p in entities if any(e.kind == "org" for e in p.entries)]
        bloc = self._described_bloc(pieces, date)
        if bloc is not None:
            return Resolution(build.org_actor(bloc, text=text, confidence=0.7), "title")
        if heads:
            head = heads[-1]
            anchor, _ = self._anchor(pieces, head, date)
            if anchor is not None or not orgs:  # else "Gazprom officials": the organization speaks for them
                owner = kb.organizations.get(anchor) if anchor else None
                org = owner if owner is not None and not owner.country else None
                country = (owner.country if owner is not None else anchor) or (countries[0] if countries else None)
                last = head.text.split()[-1]
                proper = _capitalised(text, last) and not last.endswith("s")  # "the General Staff"
                return Resolution(build.agent_actor(kb, "ELI" if former else head.sector or "GOV", country=country,
                                                    org=org, text=text, confidence=0.8 if country or org else 0.5,
                                                    head=head.text, proper=proper), "agent")
        if orgs:
            org = kb.organizations[next(e for e in orgs[0].entries if e.kind == "org").key]
            other = next((c for p in pieces if p is not orgs[0] and (c := self._anchor_state(p))), None)
            if org.country and other and other != org.country:
                # "the Ukrainian General Staff": a national body's name with another nationality.
                return Resolution(build.agent_actor(kb, org.sector or "GOV", country=other, org=None, text=text,
                                                    confidence=0.7, head=orgs[0].text, proper=True), "agent")
            return Resolution(build.org_actor(org, text=text, confidence=0.9), "name")
        for p in entities:
            state = next((e for e in sorted(p.entries, key=lambda e: _ENTRY_RANK.get(e.kind, 9)) if e.kind == "state"), None)
            if state:
                if state.how in ("metonym", "capital"):
                    return Resolution(build.state_actor(kb, state.key, text=text, confidence=0.9, sector="GOV"), "metonym")
                return Resolution(build.state_actor(kb, state.key, text=text, confidence=0.95), "name")
        return None

    def _described_bloc(self, pieces: list[Piece], date: dt.date | None) -> Organization | None:
        """"The Russian-led military alliance": the bloc that state leads, picked by the words used."""
        if not pieces or pieces[-1].text.split()[-1] not in GENERIC_BLOCS:
            return None
        leader = next((c for p in pieces if (c := self._anchor_state(p))), None)
        blocs = [o for o in self.led_by().get(leader or "", ()) if o.members and any(m.active(date) for m in o.members)]
        if not blocs:
            return None
        words = {w for p in pieces for w in p.text.split()}
        hints = {h for w in words for h in BLOC_HINTS.get(w, (w,))}
        return max(blocs, key=lambda o: (len(hints & set(key(o.name).split())), len(o.members)))

    def led_by(self) -> dict[str, list[Organization]]:
        if self._led_by is None:
            self._led_by = {}
            for org in self.kb.organizations.values():
                if org.leader and org.type == "bloc":
                    self._led_by.setdefault(org.leader, []).append(org)
        return self._led_by

    # --- fuzzy fallback --------------------------------------------------------------------

    def first_names(self) -> dict[str, list[Person]]:
        if self._first_names is None:
            self._first_names = {}
            for person in self.kb.people.values():
                self._first_names.setdefault(key(person.name.split()[0]), []).append(person)
        return self._first_names

    def fuzzy_keys(self, first: str) -> list[str]:
        """Names to match a misspelling against, bucketed by first letter: misspellings and
        transliterations keep it (those that do not, Japarov/Zhaparov, are listed as aliases)."""
        if self._fuzzy_keys is None:
            self._fuzzy_keys = {}
            for k, entries in self.kb.index.items():
                if len(k) >= 4 and any(e.kind in ("person", "org") or e.how == "name" for e in entries):
                    self._fuzzy_keys.setdefault(k[0], []).append(k)
        return self._fuzzy_keys.get(first, [])

    def _entry_country(self, entry: Entry) -> set[str]:
        if entry.kind == "person":
            p = self.kb.people[entry.key]
            return {c for c in (p.country, *(r.country for r in p.roles)) if c}
        if entry.kind == "org":
            return {self.kb.organizations[entry.key].country or ""}
        return {entry.key}

    def _fuzzy(self, pieces: list[Piece], date: dt.date | None, countries: tuple[str, ...],
               text: str) -> Resolution | None:
        run = [p.text for p in pieces if p.kind in ("word", "entity") and p.text not in FILLER
               and not self._anchor_state(p)]
        if not run:
            return None
        query = " ".join(run)
        own = tuple(c for p in pieces if (c := self._anchor_state(p)))
        required = set(own or countries)
        for candidate, score, _ in process.extract(query, self.fuzzy_keys(query[0]), scorer=fuzz.ratio, limit=5,
                                                   score_cutoff=FUZZY_CUTOFF):
            for entry in self.kb.index[candidate]:
                if required and not (required & self._entry_country(entry)):
                    continue  # a nationality in the mention or its context rules this candidate out
                confidence = round(0.8 * score / 100, 3)
                if entry.kind == "person":
                    actor = build.person_actor(self.kb, self.kb.people[entry.key], date, text=text, confidence=confidence)
                elif entry.kind == "org":
                    actor = build.org_actor(self.kb.organizations[entry.key], text=text, confidence=confidence)
                elif entry.kind == "state":
                    actor = build.state_actor(self.kb, entry.key, text=text, confidence=confidence)
                else:
                    continue
                return Resolution(actor, "fuzzy")
        return None


def _by_gender(found: list[tuple[Person, Role]], title: str) -> list[tuple[Person, Role]]:
    """A gendered title ("spokeswoman") puts holders of that gender first."""
    gender = "f" if title.endswith("woman") else "m" if title.endswith("man") else None
    return sorted(found, key=lambda pr: pr[0].gender != gender) if gender else found


def _by_words(found: list[tuple[Person, Role]], words: tuple[str, ...]) -> list[tuple[Person, Role]]:
    """Holders whose title shares words with the mention first ("foreign policy chief" → High
    Representative for Foreign Affairs, not the Commission president)."""
    if len(found) < 2 or not words:
        return found
    wanted = set(words) - FILLER
    return sorted(found, key=lambda pr: -len(wanted & set(key(pr[1].title).split())))


def _capitalised(text: str, word: str) -> bool:
    return any(normalise(w) == word and w[:1].isupper() for w in text.split())


def len_words(pieces: list[Piece]) -> int:
    return pieces[-1].end if pieces else 0


def _proper_tail(pieces: list[Piece], text: str) -> int:
    """How many capitalised, unknown words end the phrase."""
    capitalised = {normalise(w) for w in text.split() if w[:1].isupper()}
    n, loose = 0, False
    for piece in reversed(pieces):
        # A known surname after an unknown first name ("Andrei Serdyukov") is another person.
        surname = piece.kind == "entity" and all(e.kind == "person" and e.how == "surname" for e in piece.entries)
        if not (surname or piece.kind == "word") or piece.text in FILLER or piece.text not in capitalised:
            break
        loose = loose or piece.kind == "word"
        n += piece.end - piece.start
    return n if loose and n < (pieces[-1].end if pieces else 0) else 0


def _looks_like_name(text: str) -> bool:
    return any(w[:1].isupper() and w.lower() not in FILLER for w in text.split())


def _clean(text: str) -> str:
    stripped = text.strip()
    low = stripped.lower()
    cut = len(stripped) - len(strip_article(low))
    return stripped[cut:].removesuffix("'s").removesuffix("’s").strip()


def resolve_document(doc: "Doc", date: dt.date | str | None, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Every actor mention in a parsed article, with coreference resolved within the document."""
    from allegiance.actors.coref import document_mentions

    return document_mentions(doc, as_date(date), resolver_for(kb))


_RESOLVERS: dict[int, Resolver] = {}


def resolver_for(kb: KnowledgeBase | None = None) -> Resolver:
    """One Resolver per knowledge base, reused across documents (its fuzzy keys are built once)."""
    kb = kb or load_kb()
    resolver = _RESOLVERS.get(id(kb))
    if resolver is None or resolver.kb is not kb:
        resolver = _RESOLVERS[id(kb)] = Resolver(kb)
    return resolver
