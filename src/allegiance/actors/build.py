"""Turning knowledge-base records into the Actor a mention resolves to, as of a date."""

from __future__ import annotations

import datetime as dt

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.places import de_facto_entities
from allegiance.actors.records import CodedName, Organization, Person, Role
from allegiance.models import Actor

# PETRARCH codes whose first three letters name an international body, not a country.
_NON_STATE = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UNO", "EEC"})
_ORG_TYPE = {"group": "group", "armed_group": "group"}
NATIONAL_TYPES = frozenset({"company", "institution", "media", "party"})


def copy_actor(actor: Actor) -> Actor:
    """A new Actor with ``actor``'s fields: ``dataclasses.replace`` without its ``__init__``, which writes
    each of the nine frozen fields through ``object.__setattr__`` (four times the cost; resolution copies
    an Actor for every mention). Actor has no ``__post_init__`` to skip."""
    new = object.__new__(Actor)
    new.__dict__.update(actor.__dict__)
    return new


def retext(actor: Actor, text: str | None) -> Actor:
    """``dataclasses.replace(actor, text=text)``, as cheaply as ``copy_actor``."""
    new = copy_actor(actor)
    new.__dict__["text"] = text
    return new


def role_label(kb: KnowledgeBase, role: Role, former: bool = False) -> str:
    anchor = None
    if role.org and role.org in kb.organizations:
        anchor = kb.organizations[role.org].name
    elif role.country and role.country in kb.states:
        anchor = kb.states[role.country].name
    label = f"{role.title} of {anchor}" if anchor and anchor.lower() not in role.title.lower() else role.title
    return f"Former {label}" if former else label


def person_actor(kb: KnowledgeBase, person: Person, date: dt.date | None, *, text: str | None,
                 confidence: float, role: Role | None = None, former: bool | None = None) -> Actor:
    if role is None:
        role, was = kb.role_on(person, date)
        former = was if former is None else former
    former = bool(former)
    sector = "ELI" if former else (role.sector or "GOV") if role else None
    # A former official is placed by nationality: the office's state may be gone (Gorbachev, SUN).
    country = person.country if former and person.country else (role.country if role and role.country else None) or person.country
    # A former leader of a de facto state is still its man ("Bzhania agreed to step down" told after his
    # resignation is Abkhazia's act): his allegiance is the entity's, not his passport's.
    body = kb.organizations.get(role.org) if role and role.org and (not former or role.org in de_facto_entities()) \
        else None
    org = body.code if body is not None and not national(body) else None
    if body is not None and not body.country and not role.country:
        country = None  # the UN Secretary-General acts for the UN, not for Portugal
    return Actor(id=f"p:{person.id}", name=person.name, type="person", country=country, organization=org,
                 sector=sector, role=role_label(kb, role, former) if role else None,
                 confidence=confidence, text=text)


def state_actor(kb: KnowledgeBase, iso3: str, *, text: str | None, confidence: float,
                sector: str | None = None) -> Actor:
    state = kb.states[iso3]
    return Actor(id=f"s:{iso3}", name=state.name, type="state", country=iso3, sector=sector,
                 confidence=confidence, text=text)


def national(org: Organization) -> bool:
    """State companies, ministries and state media stand for their state; blocs, IGOs, NGOs and
    armed groups (Wagner too) stand for themselves."""
    return bool(org.country) and org.type in NATIONAL_TYPES


def org_actor(org: Organization, *, text: str | None, confidence: float, sector: str | None = None) -> Actor:
    # An institution of a bloc (the European Commission) acts for the bloc; agencies keep their own code.
    code = None if national(org) else org.parent if org.type == "institution" and org.parent else org.code
    kind = _ORG_TYPE.get(org.type, "organization")
    return Actor(id=f"o:{org.code}", name=org.name, type=kind, country=org.country, organization=code,  # type: ignore[arg-type]
                 sector=sector or org.sector, confidence=confidence, text=text)


def coded_actor(coded: CodedName, date: dt.date | None, *, text: str | None, confidence: float) -> Actor | None:
    code = coded.code_on(date)
    if not code:
        return None
    country, sector = code[:3], code[3:] or None
    kind = "organization" if country in _NON_STATE else "group"
    return Actor(id=f"c:{coded.id}", name=coded.name.title(), type=kind, country=country, sector=sector,
                 confidence=confidence, text=text)


# Agent nouns naming a body rather than people: "the Russian Foreign Ministry" is an organization,
# "Russian officials" a group.
INSTITUTIONS = frozenset(
    "ministry government church parliament court council committee service agency department office staff "
    "army navy bank company party administration cabinet commission assembly duma senate congress forces "
    "military guard directorate prosecutor's procuracy bureau inspectorate corporation embassy mission "
    "legislature judiciary police".split()
)


def agent_actor(kb: KnowledgeBase, sector: str, *, country: str | None, org: Organization | None,
                text: str | None, confidence: float, head: str = "", proper: bool = False) -> Actor:
    if org is not None:
        return org_actor(org, text=text, confidence=confidence, sector=sector)
    last = head.rsplit(" ", 1)[-1]
    kind = "organization" if last in INSTITUTIONS or proper else "group"
    name = _name_of(text) if text else f"{kb.states[country].name} {sector}" if country in kb.states else sector
    return Actor(id=f"s:{country}:{sector}" if country else None, name=name, type=kind,  # type: ignore[arg-type]
                 country=country, sector=sector, confidence=confidence, text=text)


def _name_of(text: str) -> str:
    words = text.strip().split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).removesuffix("'s")


def unknown_actor(name: str, country: str | None, confidence: float = 0.3, sector: str | None = None,
                  text: str | None = None, organization: str | None = None) -> Actor:
    return Actor(id=None, name=name, type="unknown", country=country, organization=organization, sector=sector,
                 confidence=confidence, text=name if text is None else text)
