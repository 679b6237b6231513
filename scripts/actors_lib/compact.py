"""Parsers for the compact curated sources in scripts/actors_src/ (formats in their headers)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

KINDS = {
    "hos": "head_of_state", "hog": "head_of_government", "fm": "foreign_minister",
    "dm": "defence_minister", "dpm": "deputy_head_of_government", "sec": "security_chief",
    "min": "minister", "mil": "military_commander", "co": "company_head", "org": "org_head",
    "leg": "legislator", "jud": "judge", "opp": "opposition", "blog": "blogger",
    "jrn": "journalist", "rel": "religious", "spk": "spokesperson", "off": "official",
}
DEFAULT_TITLE = {
    "head_of_state": "President", "head_of_government": "Prime Minister",
    "foreign_minister": "Foreign Minister", "defence_minister": "Defence Minister",
    "deputy_head_of_government": "Deputy Prime Minister", "security_chief": "Security Chief",
    "minister": "Minister", "military_commander": "Commander", "company_head": "Chief Executive",
    "org_head": "Head", "legislator": "Member of Parliament", "judge": "Judge",
    "opposition": "opposition leader", "blogger": "blogger", "journalist": "journalist",
    "religious": "cleric", "spokesperson": "spokesperson", "official": "official",
}
DEFAULT_SECTOR = {
    "military_commander": "MIL", "company_head": "BUS", "org_head": "IGO", "legislator": "LEG",
    "judge": "JUD", "opposition": "OPP", "blogger": "JRN", "journalist": "JRN", "religious": "REL",
}


class SourceError(ValueError):
    """A curated source line that cannot be parsed."""


def is_approximate(text: str) -> bool:
    """'2019-05' (month only) or '2019' (year only): the source knows the date that far."""
    return bool(re.fullmatch(r"\d{4}(-\d{2})?", text.strip()))


def date_or_none(text: str, where: str) -> dt.date | None:
    text = text.strip()
    if text in ("-", "", "null"):
        return None
    if is_approximate(text):
        text = (text + "-01-01")[:10] if len(text) == 4 else text + "-01"
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise SourceError(f"{where}: bad date {text!r}") from exc


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _fields(parts: list[str], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            raise SourceError(f"{where}: expected key=value, got {part!r}")
        out[key.strip()] = value.strip()
    return out


def _lines(path: Path):
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield f"{path.name}:{number}", line


def read_states(path: Path) -> dict[str, dict[str, Any]]:
    """Curated state facts keyed by ISO3; values already in the output shape."""
    states: dict[str, dict[str, Any]] = {}
    for where, line in _lines(path):
        iso3, *rest = [p.strip() for p in line.split("|")]
        fields = _fields(rest, where)
        entry: dict[str, Any] = {}
        for key, out in (("name", "name"), ("official", "official"), ("iso2", "iso2"), ("notes", "notes")):
            if key in fields:
                entry[out] = fields[key]
        for key, out in (("aka", "aliases"), ("adj", "adjectives"), ("dem", "demonyms"), ("met", "metonyms")):
            if key in fields:
                entry[out] = split_list(fields[key])
        if "cap" in fields:
            *name, lat, lon = fields["cap"].split()
            entry["capital"] = {"name": " ".join(name), "lat": float(lat), "lon": float(lon)}
        for key, out in (("from", "valid_from"), ("until", "valid_until")):
            if key in fields:
                entry[out] = date_or_none(fields[key], where)
        if iso3 in states:
            raise SourceError(f"{where}: {iso3} listed twice")
        states[iso3] = entry
    return states


def read_people(path: Path) -> list[dict[str, Any]]:
    """People from one compact file, in first-seen order, roles in file order."""
    people: dict[str, dict[str, Any]] = {}
    for where, line in _lines(path):
        head, *rest = [p.strip() for p in line.split("|")]
        tokens = head.split()
        if len(tokens) < 5:
            raise SourceError(f"{where}: expected 'ISO3 KIND START END Name'")
        country, kind_code, start, end = tokens[:4]
        name = " ".join(tokens[4:])
        fields = _fields(rest, where)
        pid = fields.get("id") or slug(name)
        person = people.get(pid)
        if person is None:
            person = people[pid] = {
                "id": pid, "name": name, "aliases": [], "surnames": [], "gender": "m",
                "country": None, "roles": [], "notes": [],
            }
        if "aka" in fields:
            person["aliases"] += [a for a in split_list(fields["aka"]) if a not in person["aliases"]]
        if "sn" in fields:
            person["surnames"] = split_list(fields["sn"])
            person["_sn_given"] = True
        if fields.get("g"):
            person["gender"] = fields["g"]
        if fields.get("nat"):
            person["country"] = fields["nat"]
        if fields.get("note"):
            person["notes"].append(fields["note"])
        approx = [d for d in (start, end) if is_approximate(d)]
        if approx:
            person["notes"].append(f"{' and '.join(approx)}: date known only to the month or year.")
        codes = ["hos", "hog"] if kind_code == "hosg" else [kind_code]
        for code in codes:
            if code not in KINDS:
                raise SourceError(f"{where}: unknown role kind {code!r}")
            kind = KINDS[code]
            role_country = None if country == "-" else country
            person["roles"].append({
                "title": fields.get("t") or DEFAULT_TITLE[kind],
                "kind": kind,
                "country": role_country,
                "org": fields.get("org"),
                "sector": fields.get("s") or DEFAULT_SECTOR.get(kind, "GOV"),
                "start": date_or_none(start, where),
                "end": date_or_none(end, where),
            })
            if person["country"] is None and role_country:
                person["country"] = role_country
    return [_finish_person(p) for p in people.values()]


# Family name first (Xi Jinping, Moon Jae-in); Vietnamese leaders are called by the given name, so
# Vietnam is not here and its entries list surnames explicitly.
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"}


def _finish_person(person: dict[str, Any]) -> dict[str, Any]:
    if not person.pop("_sn_given", False):
        words = person["name"].split()
        person["surnames"] = [words[0] if person["country"] in FAMILY_NAME_FIRST else words[-1]]
    person["aliases"] = [a for a in person["aliases"] if a != person["name"]]
    notes = person.pop("notes")
    out = {k: person[k] for k in ("id", "name", "aliases", "surnames", "gender", "country", "roles")}
    if notes:
        out["notes"] = " ".join(notes)
    return out


def parse_member(text: str) -> dict[str, Any]:
    """'RUS 1992-05-15..' → {country, from, until}."""
    iso3, _, span = str(text).strip().partition(" ")
    start, _, end = span.strip().partition("..")
    return {"country": iso3, "from": date_or_none(start, iso3), "until": date_or_none(end, iso3)}
