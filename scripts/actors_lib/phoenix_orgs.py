"""Organizations converted from Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt.

Only undated entries that look like bodies become organizations (dated ones and bare personal names
are people); an entry matching a curated organization's name only adds its spellings there.
Multinational companies (MNC, mostly 2009 US listings) are left out: the project's companies are curated.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from actors_lib.phoenix import PhoenixEntry, read_actors

_SMALL = {"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "al", "el"}
_TYPES = {"IGO": ("igo", "IGO"), "NGO": ("ngo", "NGO")}
_ACRONYMS = {"UN", "U.N.", "EU", "US", "U.S.", "USA", "UK", "NATO", "OSCE", "UNESCO", "OPEC"}
# A converted entry must look like a body, not a person: one acronym-like word or one of these words.
_BODY_WORDS = {
    "organization", "organisation", "union", "council", "bank", "fund", "agency", "commission",
    "committee", "association", "federation", "league", "front", "party", "institute", "foundation",
    "program", "programme", "court", "tribunal", "mission", "office", "society", "network", "forum",
    "center", "centre", "group", "alliance", "movement", "cross", "crescent", "watch", "army",
    "brigade", "brigades", "forces", "militia", "jihad", "liberation", "community", "conference",
    "secretariat", "assembly", "partnership", "academy", "initiative", "coalition", "corps",
    "international", "nations", "cooperation", "authority", "board", "service", "services",
    "doctors", "amnesty", "greenpeace", "interpol", "hezbollah", "hamas", "taliban", "qaeda",
    "battalion", "cells", "commandos", "resistance", "revolutionary", "guerrilla", "tigers",
}


def org_name(raw: str) -> str:
    words = raw.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 6:
        return words[0].upper()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if word.startswith("(") and word.endswith(")"):
            out.append(word.upper())
        elif word.upper() in _ACRONYMS:
            out.append(word.upper())
        elif i and lower in _SMALL:
            out.append(lower)
        else:
            out.append("-".join(p.capitalize() for p in word.split("-")))
    return " ".join(out)


def _looks_like_body(name: str) -> bool:
    words = re.findall(r"[A-Za-z.]+", name.lower())
    return len(name.split()) == 1 or any(w in _BODY_WORDS for w in words)


def _code(name: str) -> str:
    return "PHX_" + re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:60]


def _undated(entry: PhoenixEntry) -> str | None:
    if any(start or end for _, start, end in entry.codes):
        return None
    return entry.codes[0][0]


def _new_org(names: list[str], code: str, states: set[str], armed: bool) -> dict[str, Any] | None:
    prefix = code[:3]
    parent = "UN" if code.startswith("IGOUNO") else None
    if armed:
        country = prefix if prefix in states else None
        kind, sector = "armed_group", "REB"
    elif prefix in _TYPES:
        country = None
        kind, sector = _TYPES[prefix]
    else:
        return None
    aliases = [n for n in dict.fromkeys(names[1:]) if n != names[0]]
    return {"code": _code(names[0]), "name": names[0], "aliases": aliases, "type": kind,
            "sector": sector, "country": country, "leader": None, "parent": parent, "members": [],
            "notes": "Converted from the Phoenix dictionaries (2014); not reviewed since."}


def phoenix_orgs(dicts: Path, curated: dict[str, dict[str, Any]], states: set[str]) -> list[dict[str, Any]]:
    index = {}
    for org in curated.values():
        for name in [org["name"], org["code"], *org["aliases"]]:
            index.setdefault(name.lower(), org)
    new: dict[str, dict[str, Any]] = {}
    folder = dicts / "petrarch2"
    for filename, armed in (("Phoenix.International.actors.txt", False), ("Phoenix.MilNonState.actors.txt", True)):
        for entry in read_actors(folder / filename):
            code = _undated(entry)
            if code is None:
                continue
            names = [org_name(n) for n in entry.names if n.strip("_ ")]
            if not names:
                continue
            match = next((index[n.lower()] for n in names if n.lower() in index), None)
            if match is not None:
                have = {a.lower() for a in [match["name"], *match["aliases"]]}
                match["aliases"] += [n for n in names if n.lower() not in have and not have.add(n.lower())]
                continue
            if not _looks_like_body(names[0]):
                continue
            org = _new_org(names, code, states, armed)
            if org is None or org["code"] in new or org["code"] in curated:
                continue
            new[org["code"]] = org
            for name in names:
                index.setdefault(name.lower(), org)
    return [new[c] for c in sorted(new)]
