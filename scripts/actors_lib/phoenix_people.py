"""People converted from Phoenix.Countries.actors.txt (OEDA, MIT) for the focus region.

Phoenix gives each person dated codes (RUSGOV 120507-) but not the office, so converted roles are
``official`` roles in the coded sector. A role still open in the 2014 dictionary is closed at the
dictionary's date, because almost all of those officials have left office since; curated people
(scripts/actors_src/people/) take precedence and are never duplicated here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from actors_lib.compact import FAMILY_NAME_FIRST, slug
from actors_lib.phoenix import clean_name, is_garbled, read_actors

DICTIONARY_DATE = dt.date(2014, 1, 30)
RECENT = dt.date(2005, 1, 1)
FOCUS = set(
    "RUS UKR BLR KAZ UZB KGZ TJK TKM AZE ARM GEO MDA EST LVA LTU SUN CHN USA TUR IND IRN "
    "GBR FRA DEU POL ITA ESP NLD BEL SWE FIN".split()
)
SECTORS = {"GOV": "GOV", "MIL": "MIL", "OPP": "OPP", "LEG": "LEG", "JUD": "JUD", "SPY": "SPY"}
KIND = {"MIL": "military_commander", "OPP": "opposition", "LEG": "legislator", "JUD": "judge"}
_HONORIFIC = re.compile(r"^(sir|dame|dr\.?|gen\.?|general|lord|lady|sheikh|prince|princess)\s+", re.I)
NOTE = ("People converted from Phoenix.Countries.actors.txt (MIT): the office is not recorded (kind "
        "official), and a role still open in the 2014 dictionary is closed at its date, 2014-01-30")


def _roles(codes: list[tuple[str, dt.date | None, dt.date | None]]) -> list[dict[str, Any]]:
    roles = []
    for code, start, end in codes:
        country, sector = code[:3], SECTORS.get(code[3:6])
        if country not in FOCUS or sector is None or (start is None and end is None):
            continue
        if start is not None and start > DICTIONARY_DATE:
            continue
        end = end if end is not None and end <= DICTIONARY_DATE else DICTIONARY_DATE
        if start is not None and start > end:
            continue
        roles.append({"title": "official" if sector == "GOV" else KIND.get(sector, "official"),
                      "kind": KIND.get(code[3:6], "official"), "country": country, "org": None,
                      "sector": sector, "start": start, "end": end})
    return roles


def _usable(name: str) -> bool:
    low = name.lower()
    return 2 <= len(name.split()) <= 5 and not is_garbled(name) and not any(ch.isdigit() for ch in low)


def _same_as_curated(names: list[str], country: str, curated: dict[str, list[str]]) -> bool:
    """Another spelling of a curated person of the same country (Serzh Sarkisyan = Serzh Sargsyan)."""
    return any(fuzz.ratio(n.lower(), c) >= 85 for n in names for c in curated.get(country, []))


def phoenix_people(dicts: Path, curated: list[dict[str, Any]], title_words: set[str]) -> list[dict[str, Any]]:
    taken = {n.lower() for p in curated for n in [p["name"], *p["aliases"]]}
    taken_ids = {p["id"] for p in curated}
    by_country: dict[str, list[str]] = {}
    for p in curated:
        for r in p["roles"]:
            if r["country"]:
                by_country.setdefault(r["country"], []).extend(n.lower() for n in [p["name"], *p["aliases"]])
    out = []
    for entry in read_actors(dicts / "petrarch2" / "Phoenix.Countries.actors.txt"):
        roles = _roles(entry.codes)
        if not roles or all((r["end"] or DICTIONARY_DATE) < RECENT for r in roles):
            continue
        names = []
        for raw in entry.names:
            name = _HONORIFIC.sub("", clean_name(raw)).strip()
            words = set(name.lower().replace(".", " ").split())
            if _usable(name) and not words & title_words and name not in names:
                names.append(name)
        if not names or any(n.lower() in taken for n in names):
            continue  # unusable, or the same name as a curated (or earlier) person
        if _same_as_curated(names, roles[0]["country"], by_country):
            continue
        taken.update(n.lower() for n in names)
        country = roles[0]["country"]
        words = names[0].split()
        pid = slug(names[0])
        if pid in taken_ids:
            pid += "-phoenix"
        taken_ids.add(pid)
        out.append({"id": pid, "name": names[0], "aliases": names[1:],
                    "surnames": [words[0] if country in FAMILY_NAME_FIRST else words[-1]],
                    "gender": None, "country": country, "roles": roles})
    return out
