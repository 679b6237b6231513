"""The shipped actor knowledge base passes its checks and keeps key facts right."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "allegiance" / "data" / "actors"
sys.path.insert(0, str(ROOT / "scripts"))

from actors_lib.validate import check  # noqa: E402


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people() -> dict[str, dict]:
    out = {}
    for path in sorted((DATA / "people").glob("*.yaml")):
        for person in yaml.safe_load(path.read_text(encoding="utf-8")):
            out[person["id"]] = person
    return out


@pytest.fixture(scope="module")
def orgs() -> dict[str, dict]:
    return {o["code"]: o for o in _load("organizations.yaml")}


def _holder(people: dict, country: str, kind: str, date: dt.date) -> list[str]:
    return [pid for pid, p in people.items() for r in p["roles"]
            if r["country"] == country and r["kind"] == kind
            and (r["start"] is None or r["start"] <= date) and (r["end"] is None or date <= r["end"])]


def _members(org: dict, date: dt.date) -> set[str]:
    return {m["country"] for m in org["members"]
            if (m["from"] is None or m["from"] <= date) and (m["until"] is None or date <= m["until"])}


def test_knowledge_base_passes_all_checks():
    report = check(DATA, ROOT / "scripts" / "actors_src" / "check.yaml")
    assert report.errors == []
    assert report.counts["states"] >= 250
    assert report.counts["people"] > 0


def test_check_catches_overlapping_terms(tmp_path):
    for name in ("states.yaml", "organizations.yaml", "agents.yaml"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "people").mkdir()
    role = {"title": "President", "kind": "head_of_state", "country": "TJK", "org": None, "sector": "GOV"}
    rivals = [
        {"id": f"p{i}", "name": f"Person {i}", "aliases": ["Same Alias"], "surnames": [], "gender": "m",
         "country": "TJK", "roles": [{**role, "start": dt.date(2000 + i, 1, 1), "end": None}]}
        for i in range(2)
    ]
    (tmp_path / "people" / "x.yaml").write_text(yaml.safe_dump(rivals), encoding="utf-8")
    errors = check(tmp_path).errors
    assert any("same office" in e for e in errors)
    assert any("same alias" in e for e in errors)


def test_finland_and_sweden_join_nato(orgs):
    nato = orgs["NATO"]
    assert "FIN" not in _members(nato, dt.date(2022, 5, 16))
    assert "FIN" in _members(nato, dt.date(2023, 5, 1))
    assert {m["from"] for m in nato["members"] if m["country"] == "FIN"} == {dt.date(2023, 4, 4)}
    assert "SWE" not in _members(nato, dt.date(2024, 3, 6))
    assert "SWE" in _members(nato, dt.date(2024, 3, 7))


def test_bloc_membership_changes(orgs):
    assert "GBR" in _members(orgs["EU"], dt.date(2020, 1, 31))
    assert "GBR" not in _members(orgs["EU"], dt.date(2020, 2, 1))
    assert "GEO" not in _members(orgs["CIS"], dt.date(2010, 1, 1))
    assert "UZB" not in _members(orgs["CSTO"], dt.date(2015, 1, 1))
    assert "ARM" in _members(orgs["CSTO"], dt.date(2025, 1, 1))
    assert "IRN" in _members(orgs["SCO"], dt.date(2023, 7, 4))
    assert "BLR" not in _members(orgs["SCO"], dt.date(2024, 7, 3))
    assert {"EGY", "ETH", "IRN", "ARE"} <= _members(orgs["BRICS"], dt.date(2024, 1, 1))
    assert "SAU" not in _members(orgs["BRICS"], dt.date(2025, 6, 1))
    assert len(_members(orgs["UN"], dt.date(2025, 1, 1))) == 193
    assert "FIN" in _members(orgs["WEST"], dt.date(2020, 1, 1))  # EU member before NATO


def test_rahmon_is_tajik_head_of_state_on_2022_10_14(people):
    assert _holder(people, "TJK", "head_of_state", dt.date(2022, 10, 14)) == ["emomali-rahmon"]
    assert {"Rahmon", "Rakhmon", "Rahmonov"} <= set(people["emomali-rahmon"]["surnames"])


def test_ukrainian_presidents(people):
    poroshenko = [r for r in people["petro-poroshenko"]["roles"] if r["kind"] == "head_of_state"]
    zelensky = [r for r in people["volodymyr-zelensky"]["roles"] if r["kind"] == "head_of_state"]
    assert [(r["start"], r["end"]) for r in poroshenko] == [(dt.date(2014, 6, 7), dt.date(2019, 5, 20))]
    assert [(r["start"], r["end"]) for r in zelensky] == [(dt.date(2019, 5, 20), None)]
    assert _holder(people, "UKR", "head_of_state", dt.date(2018, 3, 1)) == ["petro-poroshenko"]
    assert _holder(people, "UKR", "head_of_state", dt.date(2023, 3, 1)) == ["volodymyr-zelensky"]


def test_russian_defence_ministers(people):
    assert _holder(people, "RUS", "defence_minister", dt.date(2024, 5, 14)) == ["andrei-belousov"]
    assert _holder(people, "RUS", "defence_minister", dt.date(2023, 1, 1)) == ["sergei-shoigu"]
    shoigu_roles = {r["kind"] for r in people["sergei-shoigu"]["roles"] if r["end"] is None}
    assert shoigu_roles == {"security_chief"}


def test_every_un_member_has_a_head_of_state_in_2026(people, orgs):
    # A floor that may only be raised as offices are filled in scripts/actors_src/people/.
    un = _members(orgs["UN"], dt.date(2026, 6, 1))
    date = dt.date(2026, 6, 1)
    covered = {c for c in un if _holder(people, c, "head_of_state", date)}
    assert len(covered) >= 185
    focus = {"RUS", "UKR", "BLR", "KAZ", "UZB", "KGZ", "TJK", "TKM", "AZE", "ARM", "GEO", "MDA",
             "CHN", "USA", "TUR", "IRN", "IND"}
    for kind in ("head_of_state", "head_of_government", "foreign_minister"):
        assert {c for c in focus if not _holder(people, c, kind, date)} == set(), kind


def test_name_variants_of_post_soviet_leaders(people):
    def names(pid):
        p = people[pid]
        return {n.lower() for n in [p["name"], *p["aliases"], *p["surnames"]]}

    assert {"lukashenka", "lukashenko"} <= names("alexander-lukashenko")
    assert {"zelenskyy", "zelenskiy", "zelensky"} <= names("volodymyr-zelensky")
    assert {"tokayev", "tokaev"} <= names("kassym-jomart-tokayev")
    assert {"mirziyoyev", "mirziyoev"} <= names("shavkat-mirziyoyev")
    assert {"japarov", "zhaparov"} <= names("sadyr-japarov")
    assert {"erdogan", "erdoğan"} <= names("recep-tayyip-erdogan")
    assert {"pashinyan", "pashinian"} <= names("nikol-pashinyan")
    assert {"aliyev", "aliev"} <= names("ilham-aliyev")
    assert "berdymukhamedov" in names("serdar-berdimuhamedow")
    assert "berdymukhamedov" in names("gurbanguly-berdimuhamedow")


def test_people_who_died_have_closed_roles(people):
    assert all(r["end"] <= dt.date(2024, 2, 16) for r in people["alexei-navalny"]["roles"])
    assert all(r["end"] <= dt.date(2023, 8, 23) for r in people["yevgeny-prigozhin"]["roles"])


def _role_on(person: dict, date: dt.date) -> list[dict]:
    return [r for r in person["roles"] if (r["start"] is None or r["start"] <= date) and (r["end"] is None or date <= r["end"])]


def test_second_careers_and_nationalities(people):
    [finance] = _role_on(people["jens-stoltenberg"], dt.date(2025, 2, 4))
    assert (finance["country"], finance["sector"]) == ("NOR", "GOV")
    assert not _role_on(people["jens-stoltenberg"], dt.date(2025, 2, 3))
    [chair] = _role_on(people["gurbanguly-berdimuhamedow"], dt.date(2023, 6, 1))
    assert chair["sector"] == "GOV"  # the "National Leader" chairs the Halk Maslahaty: GOV, not LEG
    assert people["mikhail-gorbachev"]["country"] == "RUS"
    assert people["mikhail-gorbachev"]["roles"][0]["country"] == "SUN"
    [energy] = _role_on(people["jurabek-mirzamakhmudov"], dt.date(2024, 5, 27))
    assert (energy["country"], energy["sector"]) == ("UZB", "GOV")


def test_agent_sectors_follow_plover():
    agents = {a["term"]: a["sector"] for a in _load("agents.yaml")["agents"]}
    assert (agents["students"], agents["migrants"], agents["media"], agents["state media"]) == ("EDU", "CVL", "JRN", "JRN")
    assert (agents["refugees"], agents["doctors"]) == ("REF", "MED")
    affiliations = {a["term"]: a.get("country") for a in _load("agents.yaml")["affiliations"]}
    assert affiliations["Chechen"] == "RUS"


def test_organization_names_with_commas_survive_yaml(orgs):
    assert orgs["FCDO"]["name"] == "Foreign, Commonwealth and Development Office"
    assert "Foreign" not in orgs["FCDO"]["aliases"]
    assert "National Security Committee" in orgs["KAZ_KNB"]["aliases"]
    assert orgs["TALIBAN"]["notes"].endswith("2025-07-03.")


def test_states_and_metonyms():
    states = {s["iso3"]: s for s in _load("states.yaml")}
    assert states["SUN"]["valid_until"] == dt.date(1991, 12, 26)
    assert {"XKX", "PSE", "TWN"} <= set(states)
    assert "Brussels" not in states["BEL"]["metonyms"]
    assert {"the Kremlin", "Moscow"} <= set(states["RUS"]["metonyms"])
    assert {"Astana", "Nur-Sultan"} <= set(states["KAZ"]["metonyms"])
    assert {"Belarusian", "Belarussian", "Byelorussian"} <= set(states["BLR"]["adjectives"])


def _sources_available() -> str | None:
    try:
        import pycountry  # noqa: F401
    except ImportError:
        return "pycountry (the build extra) is not installed"
    if not (ROOT.parent / "shared" / "reference" / "dictionaries").is_dir():
        return "../shared reference dictionaries are absent"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_sources_available() is not None, reason=str(_sources_available()))
def test_shipped_files_are_what_the_build_produces(tmp_path):
    import build_actors

    assert build_actors.main(["--out", str(tmp_path)]) == 0
    shipped = sorted(p.relative_to(DATA) for p in DATA.rglob("*.yaml"))
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml"))
    assert built == shipped
    for rel in shipped:
        assert (tmp_path / rel).read_text(encoding="utf-8") == (DATA / rel).read_text(encoding="utf-8"), rel
