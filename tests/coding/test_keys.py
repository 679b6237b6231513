from allegiance.coding.evaluate import _matches
from allegiance.coding.keys import actor_key, actor_keys
from allegiance.models import Actor


def test_an_organization_counts_as_itself_and_its_top_level_parent():
    assert actor_keys({"country": None, "organization": "UNSC"}) == ("UNSC", "UN")
    assert actor_key({"country": None, "organization": "EU_COUNCIL"}) == "EU"


def test_a_person_with_an_organization_counts_as_the_organization():
    guterres = Actor("p:x", "Antonio Guterres", "person", country=None, organization="UN")
    prigozhin = Actor("p:y", "Yevgeny Prigozhin", "person", country="RUS", organization="WAGNER")
    assert actor_key(guterres) == "UN"
    assert actor_key(prigozhin) == "WAGNER"


def test_a_national_institution_counts_as_its_country():
    assert actor_key({"country": "RUS", "organization": "FSB"}) == "RUS"


def test_no_country_and_no_organization_is_no_key():
    assert actor_keys({"country": None, "organization": None}) == ()
    assert actor_key(None) is None


def test_the_scorer_accepts_a_body_or_its_parent():
    event = {"source": {"country": None, "organization": "IAEA"}, "target": {"country": "RUS"}, "cameo_root": "09"}
    for key in ("IAEA", "UN"):
        assert _matches({"source": key, "target": "RUS", "cameo": "093"}, event)
    assert not _matches({"source": "IAEA", "target": None, "cameo": "093"}, event)
