"""states.yaml: ISO 3166 (pycountry) + curated facts + Phoenix name variants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from actors_lib.compact import read_states
from actors_lib.phoenix import clean_name, read_actors

ADJ_ENDINGS = ("an", "ian", "ese", "ish", "i")
FIELDS = ("iso3", "iso2", "name", "official", "aliases", "adjectives", "demonyms", "capital",
          "metonyms", "valid_from", "valid_until", "notes")


def _iso_states() -> dict[str, dict[str, Any]]:
    try:
        import pycountry
    except ImportError as exc:  # the build extra is needed only to regenerate
        raise SystemExit("pycountry is needed to build states: pip install -e .[build]") from exc
    out = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        official = getattr(c, "official_name", None)
        aliases = [c.name] if c.name != name else []
        out[c.alpha_3] = {"iso3": c.alpha_3, "iso2": c.alpha_2, "name": name, "official": official,
                          "aliases": aliases}
    return out


def _demonyms(adjectives: list[str]) -> list[str]:
    return [a + "s" for a in adjectives[:1] if a.endswith(("an", "i"))]


def _phoenix_names(dicts: Path) -> dict[str, list[str]]:
    """Country-level Phoenix names per ISO3 (undated bare-code entries only)."""
    names: dict[str, list[str]] = {}
    for entry in read_actors(dicts / "petrarch2" / "Phoenix.Countries.actors.txt"):
        codes = {c for c, s, e in entry.codes if s is None and e is None}
        if len(codes) == 1 and len(next(iter(codes))) == 3:
            names.setdefault(next(iter(codes)), []).extend(clean_name(n) for n in entry.names)
    return names


def _add_variants(state: dict[str, Any], candidates: list[str]) -> None:
    """Keep Phoenix spellings of the state's own names and adjectives; drop its cities and regions."""
    known_names = [state["name"], state.get("official") or ""] + state["aliases"]
    have = {n.lower() for n in known_names + state["adjectives"] + state["metonyms"]}
    for cand in candidates:
        if not cand or not cand[0].isalpha() or cand.lower() in have or len(cand) < 4:
            continue
        close = [n for n in known_names if n and fuzz.ratio(cand.lower(), n.lower()) >= 85]
        derived = close and cand.lower().startswith(close[0].lower()[:-1]) and len(cand) > len(close[0])
        if derived and cand.lower().endswith("ans"):
            state.setdefault("demonyms", []).append(cand)  # Anguilla → Anguillans
        elif derived and cand.lower().endswith(ADJ_ENDINGS):
            state["adjectives"].append(cand)  # Aruba → Aruban
        elif close:
            state["aliases"].append(cand)
        elif cand.lower().endswith("s") and cand.lower()[:-1] in {a.lower() for a in state["adjectives"]}:
            state.setdefault("demonyms", []).append(cand)  # Omani → Omanis
        elif any(fuzz.ratio(cand.lower(), a.lower()) >= 90 for a in state["adjectives"]):
            state["adjectives"].append(cand)
        else:
            continue
        have.add(cand.lower())


def build(src: Path, dicts: Path | None) -> list[dict[str, Any]]:
    states = _iso_states()
    curated = read_states(src / "states.txt")
    phoenix = _phoenix_names(dicts) if dicts else {}
    # A name curated for one state is not another's, whatever ISO or Phoenix say ("Congo" is the DRC in
    # wire copy; ISO's short name of the Republic of the Congo).
    claimed = {a.lower(): iso3 for iso3, cur in curated.items() for a in cur.get("aliases", [])}
    out = []
    for iso3 in sorted(set(states) | set(curated)):
        base = states.get(iso3, {"iso3": iso3, "aliases": []})
        cur = curated.get(iso3, {})
        state: dict[str, Any] = {"iso3": iso3, **{k: v for k, v in base.items() if k != "aliases"}}
        state.update({k: v for k, v in cur.items() if k not in ("aliases",)})
        aliases = list(cur.get("aliases", []))
        for alias in base["aliases"] + ([base["name"]] if base.get("name") else []):
            if alias not in aliases and alias != state["name"] and claimed.get(alias.lower(), iso3) == iso3:
                aliases.append(alias)
        state["aliases"] = aliases
        state.setdefault("adjectives", [])
        capital = state.get("capital")
        state.setdefault("metonyms", [capital["name"]] if capital else [])
        _add_variants(state, [n for n in phoenix.get(iso3, []) if claimed.get(n.lower(), iso3) == iso3])
        state.setdefault("demonyms", _demonyms(state["adjectives"]))
        state.setdefault("official", None)
        state.setdefault("capital", None)
        state.setdefault("valid_from", None)
        state.setdefault("valid_until", None)
        out.append({k: state[k] for k in FIELDS if k in state})
    return out
