"""Stage verb ``resolve``: a mention (plus its date and context) → the actor it refers to.

Resolution is dict lookups over the pieces of the mention (names, titles, agent nouns,
nationalities); fuzzy matching is only a fallback, and is constrained by any nationality
the mention or its context gives.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allegiance.actors import build
from allegiance.actors.kb import KnowledgeBase, load_kb
from allegiance.actors.names import key, normalise, strip_article
from allegiance.actors.fuzzy import FuzzyNames
from allegiance.actors.places import held_by, names_a_place
from allegiance.actors.phrase import FILLER, GENERIC_BLOCS, Piece, Scanner, words_of
from allegiance.actors.records import Entry, Organization, Person
from allegiance.actors.roles import holders
from allegiance.actors.shapes import (ANCHOR_PREPS, appositive_state, capitalised, ends_a_place_name, gazetteer_place,
                                     governs, joins_two_states, len_words, named_after_place, named_thing,
                                     names_a_venue, without_membership)
from allegiance.errors import InvalidParameter
from allegiance.gazetteer import lookup_area
from allegiance.models import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

RESOLVED_MAX = 20_000  # resolutions remembered per resolver (a few MB; cleared when full)
DATED_MAX = 8  # answers remembered per text and options for dates that compare differently
_ENTRY_RANK = {"coded": 0, "org": 1, "state": 2}
# Words in a description that point to words in a bloc's name.
BLOC_HINTS = {"military": ("security", "defence", "defense", "treaty"), "security": ("security", "treaty"),
              "alliance": ("security", "treaty"),
              "defence": ("security", "treaty"), "economic": ("economic", "customs"), "trade": ("economic", "customs"),
              "customs": ("customs", "economic")}




@dataclass(frozen=True)
class Resolution:
    actor: Actor
    via: str


class _TracedDate(dt.date):
    """A date that notes every date it is compared with. A resolution reads its date only by comparing it
    with the knowledge base's dated records (role, membership and code bounds, de facto holdings), so
    another date that compares alike with each date noted takes the same path to the same answer."""

    __slots__ = ("seen",)
    seen: list[dt.date]

    def _note(self, other: object) -> None:
        if isinstance(other, dt.date):
            self.seen.append(other)

    def __lt__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__lt__(self, other)  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__le__(self, other)  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__gt__(self, other)  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__ge__(self, other)  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._note(other)
        return dt.date.__ne__(self, other)

    __hash__ = dt.date.__hash__


def _traced(date: dt.date) -> _TracedDate:
    traced = _TracedDate(date.year, date.month, date.day)
    traced.seen = []
    return traced


def _position(bounds: tuple[dt.date, ...], date: dt.date | None) -> tuple[int, int]:
    """Where ``date`` falls among sorted ``bounds``: dates at one position compare alike with each bound."""
    return (bisect.bisect_left(bounds, date), bisect.bisect_right(bounds, date)) if bounds else (0, 0)


def place_country(name: str) -> str | None:
    """The country of a city or region the offline gazetteer knows (the one the coder places events with);
    "Kostanay region" is Kostanay's."""
    found = lookup_area(" ".join(name.replace("-", " ").split()))
    return found.country if found else None


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
        self._fuzzy_names: FuzzyNames | None = None
        # (text, options) → [(dates compared with, the date's position among them, answer)]
        self._resolved: dict[tuple, list[tuple[tuple[dt.date, ...], tuple[int, int], Resolution | None]]] = {}
        self._members: dict[str, bool] = {}  # names_a_member per text: asked of every mention candidate
        self.describing: dict[str, bool] = {}  # whether a noun phrase's words are known (Candidates._describes)

    # --- public ----------------------------------------------------------------------------

    def resolve(self, text: str, date: dt.date | str | None = None, context: str | None = None) -> Actor | None:
        found = self.resolution(text, as_date(date), countries=self.countries_in(context) if context else (),
                                fuzzy=True)
        return found.actor if found else None

    def names_a_member(self, text: str) -> bool:
        """Whether ``text`` is one unnamed member of a bloc ("a European Union country", "the first member of
        the ICC"): no actor, and the bloc inside it is not one either."""
        found = self._members.get(text)
        if found is None:
            if len(self._members) >= RESOLVED_MAX:
                self._members.clear()
            pieces = self.scanner.scan_text(text)[1]
            narrowed = without_membership(self.kb, pieces)
            found = self._members[text] = narrowed is not pieces and not any(self._anchor_state(p) for p in narrowed)
        return found

    def opaque(self, text: str) -> bool:
        """Whether ``text`` names no actor although names stand inside it, so that none of them may stand in
        for it: one unnamed member of a bloc ("a European Union country"), a thing named after a city ("the
        Minsk summit")."""
        return self.names_a_member(text) or named_after_place(self.scanner.scan_text(text)[1])

    def countries_in(self, text: str) -> tuple[str, ...]:
        """States a text names or implies, in order of appearance."""
        out: list[str] = []
        for piece in self.scanner.scan_text(text)[1]:
            code = self._anchor_state(piece)
            if code and code not in out:
                out.append(code)
        return tuple(out)

    def resolution(self, text: str, date: dt.date | None, *, countries: tuple[str, ...] = (), fuzzy: bool = True,
                   unknown: bool = True, place: bool = False) -> Resolution | None:
        """How ``text`` resolves; ``unknown`` keeps unresolved names, ``place`` says the text is
        tagged a place, so the gazetteer may give an unknown one its country.

        Remembered per text and options, with the dates the answer was found for, each as the knowledge
        base's dates it was compared with: another date that compares alike with all of them gets the same
        answer (``_TracedDate``), so an article of any day reuses what another day's article resolved.
        Each caller gets its own Actor, as it would from a fresh resolution."""
        found = self._remembered(text, date, countries, fuzzy, unknown, place)
        return Resolution(build.copy_actor(found.actor), found.via) if found is not None else None

    def _remembered(self, text: str, date: dt.date | None, countries: tuple[str, ...], fuzzy: bool,
                    unknown: bool, place: bool) -> Resolution | None:
        if date is not None and type(date) is not dt.date:
            return self._resolution(text, date, countries, fuzzy, unknown, place)  # a date that cannot be traced
        memo = (text, countries, fuzzy, unknown, place, date is None)
        answers = self._resolved.get(memo)
        for bounds, position, found in answers or ():
            if _position(bounds, date) == position:
                return found
        if answers is None:
            if len(self._resolved) >= RESOLVED_MAX:
                self._resolved.clear()
            answers = self._resolved[memo] = []
        traced = _traced(date) if date is not None else None
        found = self._resolution(text, date if traced is None else traced, countries, fuzzy, unknown, place)
        if len(answers) < DATED_MAX:
            bounds = tuple(sorted(set(traced.seen))) if traced is not None else ()
            answers.append((bounds, _position(bounds, date), found))
        return found

    def _resolution(self, text: str, date: dt.date | None, countries: tuple[str, ...], fuzzy: bool,
                    unknown: bool, place: bool) -> Resolution | None:
        words, pieces = self.scanner.scan_text(text)
        if not words or names_a_place(words, self.kb, self.scanner.titles):
            return None  # "the Kazakh capital" is where, not who (places.py)
        if named_after_place(pieces) or names_a_venue(pieces, text) or joins_two_states(pieces, text):
            return None  # "the Astana format", "the Minsk summit", "the Great Hall of the People": where, not who
        pieces = without_membership(self.kb, pieces)
        if self.names_a_member(text):
            # "the first leader of a European Union country": someone of some member state, no one we can name
            # (a country the context gives would be a guess)
            found = self._compose(pieces, date, (), text)
            return found if found is not None and found.actor.type not in ("unknown", "group") else None
        # An unknown proper name heading the phrase ("Uzbek envoy Rustam Qodirov") is the referent;
        # the known words around it only describe it.
        tail = _proper_tail(pieces, text)
        found = None if tail else self._compose(pieces, date, countries, text)
        if found is None and (seat := held_by(text, date)) is not None and seat.seat \
                and seat.entity in self.kb.organizations:
            # "Moscow could punish Sukhumi": a de facto entity's seat stands for its authorities, as a capital does.
            org = self.kb.organizations[seat.entity]
            return Resolution(build.org_actor(org, text=text, confidence=0.85, sector="GOV"), "metonym")
        if found is None and fuzzy:
            found = self._fuzzy(pieces, date, countries, text)
        if found is None and unknown and _looks_like_name(text):
            country = next((c for p in pieces if (c := self._anchor_state(p))), None) or (countries[0] if countries else None)
            if country is None and place:
                country = place_country(" ".join(p.text for p in pieces if p.text not in FILLER))
            heads = [p for p in pieces if p.kind in ("title", "agent")]
            name = " ".join(text.split()[-tail:]) if tail else text
            # "NATO spokesperson Oana Lungescu": a bloc's or IGO's office holder we do not know speaks for it.
            org = self._anchor_org(pieces) if heads else None
            actor = build.unknown_actor(_clean(name), country or (org.country if org else None),
                                        sector=heads[-1].sector if heads else None, text=text,
                                        organization=org.code if org and not build.national(org) else None)
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

    def _anchor_org(self, pieces: Sequence[Piece]) -> Organization | None:
        """The organization a phrase names before its head noun ("NATO spokesperson ...")."""
        first_head = min((p.start for p in pieces if p.kind in ("title", "agent")), default=0)
        for p in pieces:
            if p.kind == "entity" and p.start < first_head:
                code = next((e.key for e in p.entries if e.kind == "org"), None)
                if code is not None:
                    return self.kb.organizations[code]
        return None

    def _anchor(self, pieces: Sequence[Piece], head: Piece, date: dt.date | None) -> tuple[str | None, bool]:
        """The state or organization a title/agent belongs to, and whether it was a possessive."""
        before = [p for p in pieces if p.end <= head.start]
        after = [p for p in pieces if p.start >= head.end]
        # A possessive owner beats a nearer description: "Moldova's pro-Western parliament" is Moldova's.
        owned = [p for p in before if any(q.text == "'s" and q.start == p.end for q in pieces)]
        # A person anchors as the owner ("Putin's spokesman") or right before the head ("Erdogan aide"),
        # not from across other words ("the Great Hall of the People" has no Hall in charge).
        before = [p for p in before if p in owned or p.end == head.start or p.kind != "entity"
                  or any(e.kind != "person" for e in p.entries)]
        for p in [*reversed(owned), *reversed(before)]:
            code = self._anchor_code(p, date)
            if code:
                return code, p in owned
        if after and after[0].text in ANCHOR_PREPS:
            # "The court in The Hague" sits in a city, not under William Hague: after "in" or "at" a person's
            # name is a place's, and which state a court there serves the city does not say.
            places = [p for p in after if p.kind == "entity" and all(e.kind == "person" for e in p.entries)] \
                if after[0].text in ("in", "at") else []
            # The phrase's own name first: "a delegation from the Palestinian group Hamas" is Hamas's.
            for p in [*reversed([p for p in after[1:] if p.kind == "entity"]), *after[1:]]:
                if p in places:
                    continue
                # "a bomber from the Pakistani Taliban": the group's branch in the state the adjective names
                code = self._foreign_branch(pieces, p) or self._anchor_code(p, date)
                if code:
                    return code, False
            # "police in Makhachkala", "workers at a field in the Mangystau region": a city or region the
            # knowledge base lacks but the gazetteer knows, the last place named first.
            runs: list[list[str]] = [[]]
            for p in after[1:]:
                if p.text in ANCHOR_PREPS:
                    runs.append([])
                elif p.kind == "word" and p.text not in FILLER:
                    runs[-1].append(p.text)
            # A place de facto authorities hold is theirs ("police in Sukhumi" are Abkhazia's).
            found = (held.entity if (held := held_by(" ".join(run), date)) and held.entity in self.kb.organizations
                     else place_country(" ".join(run)) for run in reversed(runs) if run)
            return next((c for c in found if c), None), False
        return None, False

    def _foreign_branch(self, pieces: Sequence[Piece], piece: Piece) -> str | None:
        """The state an adjective right before an organization of another state names ("the Pakistani Taliban")."""
        org = next((self.kb.organizations[e.key] for e in piece.entries if e.kind == "org"), None)
        before = next((p for p in pieces if p.end == piece.start), None)
        state = self._anchor_state(before) if before is not None and org is not None and org.country else None
        return state if state and org is not None and state != org.country else None

    def _anchor_code(self, piece: Piece, date: dt.date | None = None) -> str | None:
        if piece.kind == "affiliation":
            return piece.country
        if piece.kind == "entity":
            orgs = [e.key for e in piece.entries if e.kind == "org"]
            if orgs:
                return orgs[0]
            coded = next((e for e in piece.entries if e.kind == "coded"), None)
            if coded is not None:
                code = self.kb.coded[coded.key].code_on(date)
                return code[:3] if code else None
            person = self.person_entries(piece.entries, date, ())
            if person and not any(e.kind == "state" for e in piece.entries):
                role, _ = self.kb.role_on(person, date)
                return (role.org or role.country) if role else person.country
        return self._anchor_state(piece)

    def _compose(self, pieces: Sequence[Piece], date: dt.date | None, countries: tuple[str, ...],
                 text: str) -> Resolution | None:
        kb = self.kb
        # A name followed by 's owns the head ("Putin's spokesman"): it anchors, it is not the referent.
        owners = {p.start for p, q in zip(pieces, pieces[1:]) if q.text == "'s" and q.end < len_words(pieces)}
        entities = [p for p in pieces if p.kind == "entity"]
        titles = [p for p in pieces if p.kind == "title"]
        loose = {p.start for p in pieces if p.kind == "word" and p.text not in FILLER}
        # Only a capitalised unknown word before a surname may be another first name ("Andrei Serdyukov");
        # "a grim-faced Putin" is Putin.
        named_before = {p.start for p in pieces if p.start in loose and capitalised(text, p.text)}
        # A name right before an agent noun modifies it: "Nazarbayev University", "Wagner fighters".
        owners |= {p.start for p, q in zip(pieces, pieces[1:]) if q.kind == "agent"}
        for how, confidence in (("name", 0.95), ("surname", 0.85)):
            named = [p for p in entities if p.start not in owners and any(
                e.kind == "person" and e.how == how for e in p.entries) and not (
                how == "surname" and (any(e.kind != "person" for e in p.entries)
                                      or p.start - 1 in named_before or p.end in loose
                                      or ends_a_place_name(pieces, p, text)))]
            if how == "surname" and len(named) > 1:
                break  # "Emanuel Macron": two people's surnames make one misspelt name; fuzzy decides
            if named:
                best = max(named, key=lambda p: p.end - p.start)
                person = self.person_entries([e for e in best.entries if e.how == how], date, countries)
                assert person is not None
                via = "apposition" if titles else how
                actor = build.person_actor(kb, person, date, text=text, confidence=confidence)
                return Resolution(actor, via)
        first_head = min((p.start for p in pieces if p.kind in ("title", "agent")), default=len_words(pieces))
        # A coded name after the head noun is where the head belongs ("officials in White House").
        coded = [p for p in entities if any(e.kind == "coded" for e in p.entries) and p.start < first_head]
        if coded:
            best = max(coded, key=lambda p: p.end - p.start)
            entry = next(e for e in best.entries if e.kind == "coded")
            actor = build.coded_actor(kb.coded[entry.key], date, text=text, confidence=0.9)
            if actor:
                return Resolution(actor, "name")
        former = any(p.kind == "former" for p in pieces)
        heads = [p for p in pieces if p.kind in ("title", "agent")]
        named_state = appositive_state(pieces)
        if named_state is not None:
            # "former colonial ruler France": the state named right after the head noun is who it is.
            return Resolution(build.state_actor(kb, named_state, text=text, confidence=0.9), "apposition")
        if titles:
            head = titles[-1]
            # An affiliation is a side, not an office's state: "a pro-Kremlin leader", "the Chechen
            # leader" and "the Russian-backed leader of Abkhazia" are not Russia's president.
            anchor, possessive = self._anchor([p for p in pieces if p.kind != "affiliation"], head, date)
            if anchor is None and len(kb.title_anchors.get(head.text, ())) == 1:
                anchor = next(iter(kb.title_anchors[head.text]))
            if anchor is None and named_thing(pieces, head, text):
                return None  # "the cargo ship Galaxy Leader": a name that ends in a title word
            anchor = anchor or (countries[0] if countries else None)
            plural = head.text not in self.scanner.titles and head.sector is not None
            if anchor and not plural:
                found = holders(kb, anchor, head, date, former, tuple(p.text for p in pieces))
                if head.text.endswith("woman"):
                    # "The State Department spokeswoman" is no man the tables know, whoever else holds the office.
                    found = [(p, r) for p, r in found if p.gender != "m"]
                if found:
                    person, role = found[0]
                    actor = build.person_actor(kb, person, date, text=text, confidence=0.85, role=role, former=former)
                    return Resolution(actor, "possessive" if possessive else "title")
        orgs = [p for p in entities if any(e.kind == "org" for e in p.entries)]
        bloc = self._described_bloc(pieces, date)
        if bloc is not None:
            return Resolution(build.org_actor(bloc, text=text, confidence=0.7), "title")
        if heads:
            # "a delegation from the Palestinian Islamist group Hamas": the head noun comes before the
            # preposition; what follows it says whose.
            prep = next((p.start for p in pieces if p.kind == "word" and p.text in ANCHOR_PREPS), None)
            head = [h for h in heads if prep is None or h.start < prep][-1:] or heads[-1:]
            head = head[0]
            anchor, _ = self._anchor(pieces, head, date)
            if anchor is not None or not orgs:  # else "Gazprom officials": the organization speaks for them
                owner = kb.organizations.get(anchor) if anchor else None
                org = owner if owner is not None and not build.national(owner) and not governs(owner, head) else None
                country = (owner.country if owner is not None else anchor) or (countries[0] if countries else None)
                last = head.text.split()[-1]
                proper = capitalised(text, last) and not last.endswith("s")  # "the General Staff"
                return Resolution(build.agent_actor(kb, "ELI" if former else head.sector or "GOV", country=country,
                                                    org=org, text=text, confidence=0.8 if country or org else 0.5,
                                                    head=head.text, proper=proper), "agent")
        if orgs:
            org = kb.organizations[next(e for e in orgs[0].entries if e.kind == "org").key]
            other = next((c for p in pieces if p is not orgs[0] and (c := self._anchor_state(p))), None)
            if org.country and other and other != org.country:
                # "the Ukrainian General Staff": a national body's name with another nationality; "the Pakistani
                # Taliban": a group's namesake fighting in another state.
                sector = "REB" if org.type in ("group", "armed_group") else org.sector or "GOV"
                return Resolution(build.agent_actor(kb, sector, country=other, org=None, text=text,
                                                    confidence=0.7, head=orgs[0].text, proper=True), "agent")
            return Resolution(build.org_actor(org, text=text, confidence=0.9), "name")
        for p in entities:
            state = next((e for e in sorted(p.entries, key=lambda e: _ENTRY_RANK.get(e.kind, 9)) if e.kind == "state"), None)
            if state:
                if state.how in ("metonym", "capital"):
                    return Resolution(build.state_actor(kb, state.key, text=text, confidence=0.9, sector="GOV"), "metonym")
                return Resolution(build.state_actor(kb, state.key, text=text, confidence=0.95), "name")
        return None

    def _described_bloc(self, pieces: Sequence[Piece], date: dt.date | None) -> Organization | None:
        """"The Russian-led military alliance": the bloc that state leads, picked by the words used."""
        if not pieces or pieces[-1].text.split()[-1] not in GENERIC_BLOCS:
            return None
        leader = next((c for p in pieces if (c := self._anchor_state(p))), None)
        blocs = [o for o in self.kb.led_by.get(leader or "", ()) if o.members and any(m.active(date) for m in o.members)]
        if not blocs:
            return None
        words = {w for p in pieces for w in p.text.split()}
        hints = {h for w in words for h in BLOC_HINTS.get(w, (w,))}
        return max(blocs, key=lambda o: (len(hints & set(key(o.name).split())), len(o.members)))

    def _fuzzy(self, pieces: Sequence[Piece], date: dt.date | None, countries: tuple[str, ...],
               text: str) -> Resolution | None:
        run = [p.text for p in pieces if p.kind in ("word", "entity") and p.text not in FILLER
               and not self._anchor_state(p)]
        if not run or gazetteer_place(" ".join(run)):
            return None  # "Pskov" is a city, not a misspelt Peskov
        if self._fuzzy_names is None:
            self._fuzzy_names = FuzzyNames(self.kb)
        required = {c for p in pieces if (c := self._anchor_state(p))} or set(countries)
        actor = self._fuzzy_names.match(" ".join(run), required, date, text)
        return Resolution(actor, "fuzzy") if actor else None


def _proper_tail(pieces: Sequence[Piece], text: str) -> int:
    """How many capitalised, unknown words end the phrase."""
    capital_words = {normalise(w) for w in text.split() if w[:1].isupper()}
    n, loose = 0, False
    for at, piece in reversed(list(enumerate(pieces))):
        # A known surname after an unknown first name ("Andrei Serdyukov") is another person.
        surname = piece.kind == "entity" and all(e.kind == "person" and e.how == "surname" for e in piece.entries)
        if not (surname or piece.kind == "word") or piece.text in FILLER or piece.text not in capital_words:
            break
        if at > 0 and pieces[at - 1].text in ("in", "at", "from", "near", "of"):
            return 0  # "police in Makhachkala", "police in Novi Sad": a place after the head, not the head
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
