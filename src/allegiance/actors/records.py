"""Knowledge-base records: states, organizations, people and their dated roles.

These stay inside the actors stage; what leaves it is an :class:`allegiance.models.Actor`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def _within(date: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    if date is None:
        return end is None
    return (start is None or start <= date) and (end is None or date <= end)


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    iso2: str | None = None
    official: str | None = None
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: Place | None = None
    metonyms: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Membership:
    country: str
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, date: dt.date | None) -> bool:
        return _within(date, self.start, self.end)


@dataclass(frozen=True)
class Organization:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str = "igo"
    sector: str | None = None
    country: str | None = None
    leader: str | None = None
    parent: str | None = None
    members: tuple[Membership, ...] = ()


@dataclass(frozen=True)
class Role:
    title: str
    kind: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, date: dt.date | None) -> bool:
        return _within(date, self.start, self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    gender: str | None = None
    country: str | None = None
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class CodedName:
    """A PETRARCH dictionary entry: a name whose code may change with the date.

    ``codes`` are (code, start, end); a code with neither bound is the default.
    """

    id: str
    name: str
    codes: tuple[tuple[str, dt.date | None, dt.date | None], ...]

    def code_on(self, date: dt.date | None) -> str | None:
        default = None
        for code, start, end in self.codes:
            if start is None and end is None:
                default = default or code
            elif date is not None and _within(date, start, end):
                return code
        return default


@dataclass(frozen=True)
class Entry:
    """One way a name points into the knowledge base.

    ``kind`` is state | org | person | coded; ``how`` says which field the name came from
    (name, official, alias, adjective, demonym, metonym, capital, surname, code).
    """

    kind: str
    key: str
    how: str
