"""people/*.yaml: curated compact files, plus Phoenix spellings of the same people's names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from actors_lib.compact import read_people
from actors_lib.phoenix import clean_name, is_garbled, read_actors
from actors_lib.phoenix_people import phoenix_people


# Phoenix lists titled forms (Chancellor Merkel, Mr. Obama, the Bush Administration); the resolver
# handles titles itself, so a name carrying one of these words is not kept as an alias.
_TITLE_WORDS = {
    "president", "minister", "premier", "prime", "general", "gen", "chairman", "chancellor", "kanzler",
    "bundeskanzler", "ambassador", "mr", "mrs", "ms", "dr", "secretary", "senator", "governor", "gov",
    "vice-president", "president-elect", "administration", "baroness", "lord", "hojatolislam", "ayatollah",
    "sheikh", "prince", "sultan", "emir", "colonel", "col", "sen", "rep", "german", "american", "russian",
}
Variants = dict[str, list[tuple[set[str], list[str]]]]


def _phoenix_variants(dicts: Path) -> Variants:
    """Lower-cased name → (country codes, all names) of each Phoenix person entry carrying it."""
    index: Variants = {}
    for entry in read_actors(dicts / "petrarch2" / "Phoenix.Countries.actors.txt"):
        if not any(start or end for _, start, end in entry.codes):
            continue  # people carry dated roles; undated entries are places and bodies
        countries = {code[:3] for code, _, _ in entry.codes}
        names = [clean_name(n) for n in entry.names]
        for name in names:
            index.setdefault(name.lower(), []).append((countries, names))
    return index


def _enrich(person: dict[str, Any], variants: Variants) -> None:
    """Add Phoenix full-name spellings of an entry from the same country, skipping title-bearing
    forms (President Putin) and bare surnames."""
    countries = {person["country"]} | {r["country"] for r in person["roles"] if r["country"]}
    names = next((found for n in [person["name"], *person["aliases"]]
                  for codes, found in variants.get(n.lower(), []) if codes & countries), None)
    if not names:
        return
    have = {n.lower() for n in [person["name"], *person["aliases"]]}
    surnames = {s.lower() for s in person["surnames"]}
    for name in names:
        low = name.lower()
        if low in have or low in surnames or is_garbled(name) or not 2 <= len(name.split()) <= 4:
            continue
        if set(low.replace(".", " ").split()) & _TITLE_WORDS:
            continue
        person["aliases"].append(name)
        have.add(low)


def build(src: Path, dicts: Path | None) -> dict[str, list[dict[str, Any]]]:
    variants = _phoenix_variants(dicts) if dicts else {}
    out: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, dict[str, Any]] = {}
    for path in sorted((src / "people").glob("*.txt")):
        out[path.stem] = []
        for person in read_people(path):
            first = seen.get(person["id"])
            if first is None:  # a person lives in the first file (alphabetical) that mentions them
                seen[person["id"]] = person
                out[path.stem].append(person)
            else:
                _merge(first, person)
    for people in out.values():
        for person in people:
            _enrich(person, variants)
    if dicts is not None:
        out["phoenix"] = phoenix_people(dicts, list(seen.values()), _TITLE_WORDS)
    return out


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    into["aliases"] += [a for a in other["aliases"] if a not in into["aliases"]]
    into["surnames"] += [n for n in other["surnames"] if n not in into["surnames"]]
    into["roles"] += other["roles"]
    if other.get("notes"):
        into["notes"] = " ".join(n for n in (into.get("notes"), other["notes"]) if n)
