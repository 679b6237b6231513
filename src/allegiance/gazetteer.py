"""The offline gazetteer: place names and variants → place, country and coordinates.

Read from ``data/places/gazetteer.tsv`` (built by ``scripts/build_gazetteer.py`` from GeoNames, CC BY 4.0,
and the project's own list of regions; notice in ``data/places/NOTICE.md``). Shared by the actor resolver (a capital or city standing for its
state) and the event coder (where an event happened), so it sits below both.
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources

from allegiance.errors import DataFileError

PLACE_NOUNS = {"city", "town", "capital", "resort", "village", "port", "region", "province", "outskirts"}
AREA_NOUNS = {"region", "province", "oblast", "state", "district", "city"}
# Natural features named as places: "the Sea of Japan", "Lake Chad", "the Strait of Hormuz" are where, not who.
FEATURE_NOUNS = {"sea", "gulf", "strait", "bay", "lake", "river", "island", "islands", "peninsula", "coast"}
KINDS = {"capital": 0, "city": 1, "region": 2, "country": 3}
POINTS = ("capital", "city")  # kinds with coordinates; a region or a country is not a point


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str
    lat: float | None
    lon: float | None
    population: int


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").replace("-", " ").replace(".", "").split())


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Normalised name or variant → place; where names collide, the capital, then the larger place wins."""
    path = resources.files("allegiance") / "data" / "places" / "gazetteer.tsv"
    index: dict[str, Place] = {}
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    except OSError as exc:
        raise DataFileError("cannot read the gazetteer", input=str(path), hint="reinstall allegiance") from exc
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            if row["kind"] not in KINDS or len(row["country"]) != 3:
                raise ValueError("kind must be capital|city|region|country and country an ISO3 code")
            place = Place(row["name"], row["kind"], row["country"],
                          float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
                          int(row["population"] or 0))
        except (KeyError, ValueError, TypeError) as exc:
            raise DataFileError(f"line {n}: {exc}", input=str(path), hint="rebuild with scripts/build_gazetteer.py") from exc
        for name in [place.name, *filter(None, row["variants"].split("|"))]:
            key = _norm(name)
            old = index.get(key)
            if old is None or (name == place.name and _norm(old.name) != key) or _rank(place) < _rank(old):
                if old is not None and _norm(old.name) == key and name != place.name:
                    continue  # a variant never displaces another place's own name
                index[key] = place
    return index


def _rank(place: Place) -> tuple[int, int]:
    return (KINDS[place.kind], -place.population)


@functools.lru_cache(maxsize=8192)
def lookup(name: str) -> Place | None:
    return gazetteer().get(_norm(name))


def lookup_area(name: str) -> Place | None:
    """A place named with its kind of area after it ("Kostanay region", "the Kursk oblast", "Rakhine
    state"): the place the name gives, else the name without the area word."""
    found = lookup(name)
    if found is not None:
        return found
    words = name.split()
    if len(words) > 1 and words[-1].lower() in AREA_NOUNS:
        return lookup(" ".join(words[:-1]))
    return None


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    return {p.country: p.name for p in gazetteer().values() if p.kind == "country"}


def country_name(iso3: str) -> str:
    """The gazetteer's name of a country ("UKR" → "Ukraine"); the code itself when it has none."""
    return _countries().get(iso3, iso3)
