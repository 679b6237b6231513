"""Reading and validating the actor data files (format: docs/actors-data.md).

Every problem raises :class:`DataFileError` naming the file and the entry at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from allegiance.actors.records import Membership, Organization, Person, Place, Role, State
from allegiance.errors import DataFileError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader reads the 2 MB organizations file 10x faster

SECTORS = frozenset(
    "GOV MIL COP REB CVL OPP BUS MED JRN LEG JUD ELI CRM REL EDU NGO IGO SPY LAB REF AGR ENV INS "
    "UAF SET MNC IMG PTY HRI DEV SOC PRO PRM PRE".split()
)
ROLE_KINDS = frozenset(
    "head_of_state head_of_government foreign_minister defence_minister deputy_head_of_government "
    "security_chief minister military_commander company_head org_head legislator judge opposition blogger "
    "journalist religious spokesperson official".split()
)
ORG_TYPES = frozenset("bloc igo company institution group ngo armed_group party media".split())


@dataclass
class RawData:
    """What the files say, keyed so that later files (the overlay) replace earlier entries."""

    states: dict[str, State] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    affiliations: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, key) -> "file: entry"


class _Entry:
    """Typed access to one mapping, raising errors that name the file and entry."""

    def __init__(self, path: Path, label: str, raw: Any):
        self.path, self.label = path, label
        if not isinstance(raw, dict):
            self.fail(f"must be a mapping, got {type(raw).__name__}")
        self.raw: dict[str, Any] = raw

    def fail(self, message: str) -> None:
        raise DataFileError(f"{self.label}: {message}", input=str(self.path),
                            hint="see docs/actors-data.md for the format")

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                self.fail(f"missing {name!r}")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(f"{name!r} must be text, got {value!r}")
        return str(value)

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.fail(f"{name!r} must be a list of names")
        return tuple(str(v) for v in value)

    def date(self, name: str, raw: dict[str, Any] | None = None) -> dt.date | None:
        value = (self.raw if raw is None else raw).get(name)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{name!r} must be a date YYYY-MM-DD, got {value!r}")
        return None

    def code(self, name: str, allowed: frozenset[str], required: bool = False) -> str | None:
        value = self.text(name, required)
        if value is not None and value not in allowed:
            self.fail(f"{name!r} {value!r} is not one of {sorted(allowed)}")
        return value


def _label(raw: Any, index: int, key: str) -> str:
    ident = raw.get(key) if isinstance(raw, dict) else None
    return f"entry {index + 1}" + (f" ({ident})" if ident else "")


def _state(e: _Entry) -> State:
    capital = e.raw.get("capital")
    place = None
    if isinstance(capital, str):
        place = Place(capital)
    elif isinstance(capital, dict) and capital.get("name"):
        try:
            place = Place(str(capital["name"]), _float(capital.get("lat")), _float(capital.get("lon")))
        except ValueError:
            e.fail(f"capital coordinates must be numbers, got {capital!r}")
    elif capital is not None:
        e.fail(f"'capital' must be a mapping with a name, got {capital!r}")
    iso3 = e.text("iso3", True) or ""
    if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
        e.fail(f"'iso3' must be three capital letters, got {iso3!r}")
    return State(iso3=iso3, name=e.text("name", True) or "", iso2=e.text("iso2"), official=e.text("official"),
                 aliases=e.texts("aliases"), adjectives=e.texts("adjectives"), demonyms=e.texts("demonyms"),
                 capital=place, metonyms=e.texts("metonyms"), valid_from=e.date("valid_from"),
                 valid_until=e.date("valid_until"))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _organization(e: _Entry) -> Organization:
    members = []
    for i, m in enumerate(e.raw.get("members") or []):
        if not isinstance(m, dict) or not m.get("country"):
            e.fail(f"member {i + 1} must be a mapping with a country, got {m!r}")
        members.append(Membership(str(m["country"]), e.date("from", m), e.date("until", m)))
    return Organization(code=e.text("code", True) or "", name=e.text("name", True) or "", aliases=e.texts("aliases"),
                        type=e.code("type", ORG_TYPES) or "igo", sector=e.code("sector", SECTORS),
                        country=e.text("country"), leader=e.text("leader"), parent=e.text("parent"),
                        members=tuple(members))


def _person(e: _Entry) -> Person:
    roles = []
    for i, raw in enumerate(e.raw.get("roles") or []):
        r = _Entry(e.path, f"{e.label} role {i + 1}", raw)
        roles.append(Role(title=r.text("title", True) or "", kind=r.code("kind", ROLE_KINDS, True) or "",
                          country=r.text("country"), org=r.text("org"), sector=r.code("sector", SECTORS),
                          start=r.date("start"), end=r.date("end")))
        if roles[-1].start and roles[-1].end and roles[-1].end < roles[-1].start:
            r.fail("'end' is before 'start'")
    gender = e.text("gender")
    if gender not in (None, "m", "f"):
        e.fail(f"'gender' must be m or f, got {gender!r}")
    return Person(id=e.text("id", True) or "", name=e.text("name", True) or "", aliases=e.texts("aliases"),
                  surnames=e.texts("surnames"), gender=gender, country=e.text("country"), roles=tuple(roles))


def _agents(path: Path, doc: Any, data: RawData) -> None:
    if not isinstance(doc, dict):
        raise DataFileError("must be a mapping with 'agents' and/or 'affiliations'", input=str(path))
    for i, raw in enumerate(doc.get("agents") or []):
        e = _Entry(path, f"agents {_label(raw, i, 'term')}", raw)
        data.agents[e.text("term", True) or ""] = e.code("sector", SECTORS, True) or ""
    for i, raw in enumerate(doc.get("affiliations") or []):
        e = _Entry(path, f"affiliations {_label(raw, i, 'term')}", raw)
        code = e.text("country") or e.text("org")
        if not code:
            e.fail("needs a 'country' (ISO3) or an 'org' (organization code)")
        data.affiliations[e.text("term", True) or ""] = code or ""


_READERS = {"states": ("iso3", _state), "organizations": ("code", _organization), "people": ("id", _person)}


def _kind_of(path: Path, doc: Any) -> str:
    name = path.stem.lower()
    parts = {p.lower() for p in path.parts}
    if "agents" in name:
        return "agents"
    if "people" in parts or name.startswith("people"):
        return "people"
    for kind in ("states", "organizations"):
        if name.startswith(kind) or kind in parts:
            return kind
    # An overlay file named anything: tell by the shape of its first entry.
    if isinstance(doc, dict):
        return "agents"
    first = doc[0] if isinstance(doc, list) and doc and isinstance(doc[0], dict) else {}
    for kind, field_name in (("states", "iso3"), ("people", "roles"), ("people", "surnames"), ("organizations", "code")):
        if field_name in first:
            return kind
    raise DataFileError("cannot tell whether this file holds states, organizations, people or agents",
                        input=str(path), hint="name it states.yaml, organizations.yaml, people/*.yaml or agents.yaml")


def read_file(path: Path, data: RawData) -> None:
    try:
        doc = yaml.load(path.read_text("utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read YAML: {exc}", input=str(path)) from exc
    if doc is None:
        return
    data.files.append(str(path))
    kind = _kind_of(path, doc)
    if kind == "agents":
        _agents(path, doc, data)
        return
    if not isinstance(doc, list):
        raise DataFileError(f"must be a list of {kind}", input=str(path))
    key_field, reader = _READERS[kind]
    target: dict[str, Any] = getattr(data, kind)
    seen: set[str] = set()
    for i, raw in enumerate(doc):
        record = reader(_Entry(path, _label(raw, i, key_field), raw))
        ident = getattr(record, "iso3" if kind == "states" else key_field)
        if ident in seen:
            raise DataFileError(f"{_label(raw, i, key_field)}: duplicate {key_field} {ident!r}", input=str(path),
                                hint="each entry needs its own key; an overlay replaces entries in another file")
        seen.add(ident)
        target[ident] = record
        data.origins[(kind, ident)] = f"{path}: {_label(raw, i, key_field)}"


def yaml_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        raise DataFileError("no such file or directory", input=str(root),
                            hint="set actors_overlay / ALLEGIANCE_ACTORS_OVERLAY to a YAML file or directory")
    yield from sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
