"""agents.yaml (curated + Phoenix.agents, MIT) and plover/agents.yaml (PLOVER_agents.txt, CC BY-SA 4.0).

Combined codes keep their first sector (GOVMIL → GOV) except that any opposition code wins (CVLOPP → OPP).
CAMEO religion and issue codes that PLOVER folds into broader sectors are mapped here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from actors_lib.compact import split_list
from actors_lib.phoenix import read_agents

SKIP = {"JNK", "NON", "UNK", "PRE"}
FOLD = {"BUD": "REL", "CHR": "REL", "CTH": "REL", "PRO": "REL", "MUS": "REL", "JEW": "REL",
        "HIN": "REL", "SHI": "REL", "SUN": "REL", "IMG": "REB", "HRI": "NGO", "ENV": "NGO", "PPL": "CVL",
        "RAD": "REB", "SOC": "CVL", "DEV": "GOV", "MOD": "REL"}


def sector(code: str) -> str | None:
    triples = [code[i:i + 3] for i in range(0, len(code), 3)]
    if "OPP" in triples:
        return "OPP"
    first = triples[0]
    if first in SKIP:
        return None
    return FOLD.get(first, first)


def _entries(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    seen: dict[str, str] = {}
    for term, code in pairs:
        sec = sector(code)
        if sec and term not in seen:
            seen[term] = sec
    return [{"term": t, "sector": s} for t, s in sorted(seen.items())]


def _curated(path: Path) -> tuple[list[dict[str, str]], list[dict[str, Any]], set[str]]:
    agents: list[dict[str, str]] = []
    affiliations: list[dict[str, Any]] = []
    not_agents: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        kind, _, rest = line.partition(" ")
        value, _, terms = rest.strip().partition(" ")
        if kind == "notagent":  # no sector: the whole rest is the term list
            value, terms = "", rest.strip()
        for term in split_list(terms):
            if kind == "agent":
                agents.append({"term": term, "sector": value})
            elif kind == "notagent":
                not_agents.add(term)
            elif kind == "affiliation":
                key = "country" if len(value) == 3 else "org"  # ISO3, or an organization code (WEST, EU)
                affiliations.append({"term": term, key: value})
            else:
                raise SystemExit(f"{path.name}: unknown line kind {kind!r}")
    return agents, affiliations, not_agents


def build(src: Path, dicts: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    curated, affiliations, not_agents = _curated(src / "agents.txt")
    phoenix = [a for a in _entries(read_agents(dicts / "petrarch2" / "Phoenix.agents.txt")) if a["term"] not in not_agents]
    plover = [a for a in _entries(read_agents(dicts / "PLOVER_agents.txt")) if a["term"] not in not_agents]
    own_terms = {a["term"] for a in curated}
    plover_terms = {a["term"] for a in plover}
    merged = curated + [a for a in phoenix if a["term"] not in own_terms and a["term"] not in plover_terms]
    return ({"agents": merged, "affiliations": affiliations},
            {"agents": [a for a in plover if a["term"] not in own_terms]})
