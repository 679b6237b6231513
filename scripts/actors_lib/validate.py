"""Checks for the actor knowledge base files (format in docs/actors-data.md)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actors_lib.compact import KINDS

ROLE_KINDS = set(KINDS.values())
ORG_TYPES = {"bloc", "igo", "company", "institution", "group", "ngo", "armed_group", "party", "media"}
SECTORS = {"GOV", "MIL", "COP", "REB", "CVL", "OPP", "BUS", "MED", "JRN", "LEG", "JUD", "ELI", "CRM",
           "REL", "EDU", "NGO", "IGO", "SPY", "LAB", "REF", "AGR", "PTY", "UAF", "PRM"}
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def err(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")


def _date(value: Any, where: str, report: Report) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        report.err(where, f"bad date {value!r}")
        return None


def _span(start: Any, end: Any, where: str, report: Report) -> tuple[dt.date | None, dt.date | None]:
    a, b = _date(start, where, report), _date(end, where, report)
    if a and b and a > b:
        report.err(where, f"starts {a} after it ends {b}")
    return a, b


def _overlap(a: tuple, b: tuple) -> bool:
    lo = dt.date.min
    hi = dt.date.max
    return (a[0] or lo) < (b[1] or hi) and (b[0] or lo) < (a[1] or hi)


def _require(item: dict, keys: tuple[str, ...], where: str, report: Report) -> bool:
    missing = [k for k in keys if k not in item]
    if missing:
        report.err(where, f"missing {', '.join(missing)}")
    return not missing


def check_states(states: list[dict], report: Report) -> set[str]:
    codes: set[str] = set()
    for s in states:
        where = f"states.yaml {s.get('iso3')}"
        if not _require(s, ("iso3", "name", "aliases", "adjectives", "demonyms", "metonyms"), where, report):
            continue
        if s["iso3"] in codes:
            report.err(where, "duplicate iso3")
        codes.add(s["iso3"])
        _span(s.get("valid_from"), s.get("valid_until"), where, report)
        cap = s.get("capital")
        if cap is not None and not (-90 <= cap.get("lat", 999) <= 90 and -180 <= cap.get("lon", 999) <= 180):
            report.err(where, f"capital coordinates out of range {cap}")
    return codes


def check_orgs(orgs: list[dict], states: set[str], report: Report) -> set[str]:
    codes = {o.get("code") for o in orgs}
    seen: set[str] = set()
    for o in orgs:
        where = f"organizations.yaml {o.get('code')}"
        if not _require(o, ("code", "name", "aliases", "type", "sector"), where, report):
            continue
        if o["code"] in seen:
            report.err(where, "duplicate code")
        seen.add(o["code"])
        if o["type"] not in ORG_TYPES:
            report.err(where, f"unknown type {o['type']!r}")
        if o["sector"] not in SECTORS:
            report.err(where, f"unknown sector {o['sector']!r}")
        for key in ("country", "leader"):
            if o.get(key) and o[key] not in states:
                report.err(where, f"{key} {o[key]} is not in states.yaml")
        if o.get("parent") and o["parent"] not in codes:
            report.err(where, f"parent {o['parent']} is not an organization")
        spans: dict[str, list[tuple]] = defaultdict(list)
        for m in o.get("members") or []:
            if m.get("country") not in states:
                report.err(where, f"member {m.get('country')} is not in states.yaml")
            span = _span(m.get("from"), m.get("until"), f"{where} member {m.get('country')}", report)
            if any(_overlap(span, other) for other in spans[m.get("country")]):
                report.err(where, f"member {m.get('country')} has overlapping spans")
            spans[m.get("country")].append(span)
    return codes


def check_people(files: dict[str, list[dict]], states: set[str], orgs: set[str], config: dict,
                 report: Report) -> None:
    ambiguous = {a.lower() for a in config.get("ambiguous") or []}
    shared = {(s["country"], s["kind"]) for s in config.get("shared_offices") or []}
    names: dict[str, str] = {}
    ids: set[str] = set()
    offices: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for filename, people in files.items():
        for p in people:
            where = f"{filename} {p.get('id')}"
            if not _require(p, ("id", "name", "aliases", "surnames", "gender", "country", "roles"), where, report):
                continue
            if p["id"] in ids:
                report.err(where, "duplicate id")
            ids.add(p["id"])
            if p["gender"] not in ("m", "f", None):  # null: unknown (people converted from Phoenix)
                report.err(where, f"gender {p['gender']!r}")
            if p["country"] and p["country"] not in states:
                report.err(where, f"country {p['country']} is not in states.yaml")
            for name in {n.lower() for n in [p["name"], *p["aliases"]]}:
                if name in names and names[name] != p["id"] and name not in ambiguous:
                    report.err(where, f"name {name!r} is also {names[name]} (add it to ambiguous if real)")
                names.setdefault(name, p["id"])
            if not p["roles"]:
                report.err(where, "no roles")
            for r in p["roles"]:
                rw = f"{where} {r.get('kind')} {r.get('start')}"
                if not _require(r, ("title", "kind", "country", "org", "sector", "start", "end"), rw, report):
                    continue
                if r["kind"] not in ROLE_KINDS:
                    report.err(rw, f"unknown kind {r['kind']!r}")
                if r["sector"] not in SECTORS:
                    report.err(rw, f"unknown sector {r['sector']!r}")
                if r["country"] and r["country"] not in states:
                    report.err(rw, f"country {r['country']} is not in states.yaml")
                if r["org"] and r["org"] not in orgs:
                    report.err(rw, f"org {r['org']} is not in organizations.yaml")
                span = _span(r["start"], r["end"], rw, report)
                key = (r["country"], r["kind"])
                if r["kind"] in SINGLE_HOLDER and r["country"] and key not in shared:
                    for other_id, other in offices[key]:
                        if other_id != p["id"] and _overlap(span, other):
                            report.err(rw, f"overlaps {other_id} {other[0]}..{other[1]} in the same office")
                    offices[key].append((p["id"], span))


def check_agents(data: dict, states: set[str], orgs: set[str], where: str, report: Report) -> int:
    count = 0
    for a in data.get("agents") or []:
        count += 1
        if not a.get("term") or a.get("sector") not in SECTORS:
            report.err(where, f"bad agent {a}")
    for a in data.get("affiliations") or []:
        count += 1
        ok = (a.get("country") in states) if "country" in a else (a.get("org") in orgs)
        if not a.get("term") or not ok:
            report.err(where, f"bad affiliation {a}")
    return count


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check(data_dir: Path, config_path: Path | None = None) -> Report:
    report = Report()
    config = load(config_path) if config_path and config_path.exists() else {}
    states = load(data_dir / "states.yaml")
    orgs = load(data_dir / "organizations.yaml")
    people = {p.name: load(p) or [] for p in sorted((data_dir / "people").glob("*.yaml"))}
    state_codes = check_states(states, report)
    org_codes = check_orgs(orgs, state_codes, report)
    check_people(people, state_codes, org_codes, config, report)
    agent_count = check_agents(load(data_dir / "agents.yaml"), state_codes, org_codes, "agents.yaml", report)
    plover = data_dir / "plover" / "agents.yaml"
    if plover.exists():
        agent_count += check_agents(load(plover), state_codes, org_codes, "plover/agents.yaml", report)
    all_people = [p for ps in people.values() for p in ps]
    variants = sum(1 + len(s["aliases"]) + len(s["adjectives"]) + len(s["demonyms"]) + len(s["metonyms"])
                   for s in states)
    variants += sum(1 + len(o.get("aliases") or []) for o in orgs)
    variants += sum(1 + len(p.get("aliases") or []) + len(p.get("surnames") or []) for p in all_people)
    report.counts = {"states": len(states), "organizations": len(orgs), "people": len(all_people),
                     "roles": sum(len(p.get("roles") or []) for p in all_people),
                     "name_variants": variants, "agent_terms": agent_count}
    return report
