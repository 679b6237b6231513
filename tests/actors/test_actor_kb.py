from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from allegiance.actors import kb as kb_module
from allegiance.actors.kb import KnowledgeBase, load_kb, plural
from allegiance.errors import DataFileError, NotFound

FIXTURES = Path(__file__).parent / "fixtures"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "actors"
    shutil.copytree(FIXTURES, root)
    return root


def test_fixture_loads_every_kind(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    assert stats["states"] == 12 and stats["organizations"] == 5 and stats["people"] >= 15
    assert "kremlin" in kb.index and "troops" in kb.agents and kb.affiliations["pro-kremlin"] == "RUS"


def test_members_follow_dates(kb: KnowledgeBase) -> None:
    assert "FIN" not in kb.members("NATO", dt.date(2022, 5, 16))
    assert "FIN" in kb.members("NATO", dt.date(2023, 5, 1))
    assert "UZB" in kb.members("CSTO", dt.date(2008, 1, 1))
    assert "UZB" not in kb.members("CSTO", dt.date(2015, 1, 1))
    assert kb.members("the Atlantic alliance", dt.date(2023, 5, 1)) == kb.members("NATO", dt.date(2023, 5, 1))
    with pytest.raises(NotFound):
        kb.members("NOSUCHBLOC")


def test_holders_and_former_holders(kb: KnowledgeBase) -> None:
    [(person, _)] = kb.holders("UKR", dt.date(2018, 1, 1), kind="head_of_state")
    assert person.id == "petro-poroshenko"
    [(person, _)] = kb.holders("UKR", dt.date(2023, 1, 1), title="President")
    assert person.id == "volodymyr-zelensky"
    assert kb.former_holders("UKR", dt.date(2023, 1, 1), kind="head_of_state")[0][0].id == "petro-poroshenko"


def test_plural_forms() -> None:
    assert plural("soldier") == "soldiers"
    assert plural("ministry") == "ministries"
    assert plural("congressman") == "congressmen"
    assert plural("police") == "police"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("states.yaml", "iso3: TJK", "iso3: Tjk", "entry 3 (Tjk): 'iso3' must be three capital letters"),
        ("organizations.yaml", "from: 1992-05-15, until: 1999-04-02", "from: 15/05/1992", "'from' must be a date"),
        ("people/leaders.yaml", "kind: company_head", "kind: oligarch", "entry 8 (german-gref) role 1: 'kind'"),
        ("people/leaders.yaml", "gender: f", "gender: x", "(maria-zakharova): 'gender' must be m or f"),
        ("agents.yaml", "sector: JRN", "sector: XXX", "agents entry 9 (blogger): 'sector' 'XXX'"),
        ("people/leaders.yaml", "country: DEU, sector: GOV, start: 2017", "country: XYZ, sector: GOV, start: 2017",
         "(frank-walter-steinmeier): role 'President': country 'XYZ' is not a known state"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    root = _copy(tmp_path)
    path = root / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataFileError) as info:
        KnowledgeBase.from_files([root])
    assert file.split("/")[-1] in str(info.value)
    assert message in str(info.value)


def test_duplicate_key_in_one_file_is_an_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "extra.yaml").write_text("- {iso3: RUS, name: Russia}\n- {iso3: RUS, name: Rossiya}\n")
    with pytest.raises(DataFileError, match="duplicate iso3 'RUS'"):
        KnowledgeBase.from_files([root])


def test_overlay_replaces_and_adds_entries(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "- id: vladimir-putin\n  name: Vladimir Putin\n  surnames: [Putin, VVP]\n  gender: m\n  country: RUS\n"
        "  roles: [{title: President, kind: head_of_state, country: RUS, sector: GOV, start: 2000-05-07}]\n"
        "- id: ivan-novak\n  name: Ivan Novak\n  gender: m\n  country: UZB\n"
        "  roles: [{title: Energy Minister, kind: minister, country: UZB, sector: GOV, start: 2021-01-01}]\n"
    )
    kb = KnowledgeBase.from_files([FIXTURES, overlay])
    assert kb.people["vladimir-putin"].roles[0].start == dt.date(2000, 5, 7)
    assert [e.key for e in kb.lookup("VVP")] == ["vladimir-putin"]
    assert kb.lookup("Ivan Novak")[0].key == "ivan-novak"


def test_load_kb_reads_the_overlay_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "people.yaml").write_text(
        "- id: test-person-zz\n  name: Zebulon Quartermaine\n  country: TJK\n"
        "  roles: [{title: Mayor, kind: official, country: TJK, sector: GOV, start: 2020-01-01}]\n"
    )
    monkeypatch.setattr(kb_module, "packaged_dir", lambda: FIXTURES)
    kb_module._load_cached.cache_clear()
    monkeypatch.setenv("ALLEGIANCE_ACTORS_OVERLAY", str(overlay))
    try:
        loaded = load_kb()
        assert loaded.lookup("Zebulon Quartermaine")[0].key == "test-person-zz"
        assert load_kb() is loaded  # cached per overlay
    finally:
        kb_module._load_cached.cache_clear()


def test_missing_overlay_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such file or directory"):
        KnowledgeBase.from_files([FIXTURES, tmp_path / "absent"])
