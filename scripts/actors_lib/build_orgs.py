"""organizations.yaml: curated organizations (scripts/actors_src/organizations/*.yaml), UN membership,
derived groups (union_of), and still-relevant Phoenix International/MilNonState entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from actors_lib.compact import date_or_none, parse_member

FIELDS = ("code", "name", "aliases", "type", "sector", "country", "leader", "parent", "members", "notes")
SOURCE_ONLY = frozenset({"union_of", "all_un_members"})  # read by the build, not shipped


def _un_members(src: Path, state_codes: list[str]) -> list[dict[str, Any]]:
    dated: dict[str, list[tuple[Any, Any]]] = {}
    excluded: set[str] = set()
    for raw in (src / "un.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        if line[0] == "NONMEMBER":
            excluded.update(line[1:])
            continue
        until = date_or_none(line[2], "un.txt") if len(line) > 2 else None
        dated.setdefault(line[0], []).append((date_or_none(line[1], "un.txt"), until))
    members = []
    for iso3 in state_codes:
        if iso3 in excluded:
            continue
        for start, end in dated.get(iso3, [(None, None)]):
            members.append({"country": iso3, "from": start, "until": end})
    current = [m for m in members if m["until"] is None]
    if len(current) != 193:
        raise SystemExit(f"UN membership has {len(current)} current members, expected 193")
    return members


def read_curated(src: Path) -> list[dict[str, Any]]:
    orgs: list[dict[str, Any]] = []
    for path in sorted((src / "organizations").glob("*.yaml")):
        orgs.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return orgs


def build(src: Path, dicts: Path | None, states_yaml: Path) -> list[dict[str, Any]]:
    from actors_lib.phoenix_orgs import phoenix_orgs

    state_codes = [s["iso3"] for s in yaml.safe_load(states_yaml.read_text(encoding="utf-8"))]
    curated = read_curated(src)
    by_code: dict[str, dict[str, Any]] = {}
    for raw in curated:
        if raw["code"] in by_code:
            raise SystemExit(f"organization {raw['code']} is defined twice")
        stray = set(raw) - set(FIELDS) - SOURCE_ONLY
        if stray:  # an unquoted comma in a flow mapping splits a value into a new key
            raise SystemExit(f"organization {raw['code']}: unknown keys {sorted(stray)} (quote values with commas)")
        org = {k: raw.get(k) for k in FIELDS}
        org["aliases"] = list(raw.get("aliases") or [])
        org["members"] = [parse_member(m) for m in raw.get("members") or []]
        if raw.get("all_un_members"):
            org["members"] = _un_members(src, state_codes) + org["members"]
        org["_union_of"] = raw.get("union_of") or []
        by_code[org["code"]] = org
    for org in by_code.values():
        union = org.pop("_union_of")
        extra = [m for code in union for m in by_code[code]["members"]]
        org["members"] = _merge_spans(extra + org["members"]) if union else org["members"]
    if dicts is not None:
        for org in phoenix_orgs(dicts, by_code, set(state_codes)):
            by_code[org["code"]] = org
    out = []
    for org in by_code.values():
        if not org.get("notes"):
            org.pop("notes", None)
        out.append({k: org[k] for k in FIELDS if k in org})
    return out


def _merge_spans(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One span per country for a derived group: earliest start; open if any source span is open."""
    merged: dict[str, dict[str, Any]] = {}
    for m in members:
        cur = merged.get(m["country"])
        if cur is None:
            merged[m["country"]] = dict(m)
            continue
        starts = [d for d in (cur["from"], m["from"]) if d is not None]
        cur["from"] = min(starts) if len(starts) == 2 else None
        cur["until"] = None if cur["until"] is None or m["until"] is None else max(cur["until"], m["until"])
    return sorted(merged.values(), key=lambda m: m["country"])
