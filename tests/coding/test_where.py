import pytest

from allegiance.coding.where import locate
from allegiance.gazetteer import gazetteer, lookup


def test_gazetteer_has_variants_and_countries():
    assert lookup("Astana").country == "KAZ"
    assert lookup("Nur-Sultan").name == "Astana"
    assert lookup("Kiev").name == "Kyiv"
    assert lookup("St. Petersburg").name == "Saint Petersburg"
    russia = lookup("Russia")
    assert russia.kind == "country" and russia.lat is None
    assert lookup("Dushanbe").kind == "capital"
    assert lookup("Atlantis") is None
    assert len(gazetteer()) > 2000


def _verb(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    "text, trigger, place",
    [
        ("Putin met Tokayev at a summit in the Kazakh capital Astana on Friday.", "met", "Astana"),
        ("The leaders met in the Black Sea resort of Sochi.", "met", "Sochi"),
        ("Xi travelled to Samarkand for the summit.", "travelled", "Samarkand"),
        ("Russian forces shelled Kharkiv overnight.", "shelled", "Kharkiv"),
    ],
)
def test_places_named_in_the_sentence(nlp, text, trigger, place):
    doc = nlp(text)
    loc = locate(next(doc.sents), _verb(doc, trigger), [])
    assert loc is not None and loc.name == place
    assert loc.lat is not None and loc.span.text in text


def test_no_place_when_the_text_names_none_or_only_actors(nlp):
    doc = nlp("Rahmon accused Putin of neglect.")
    assert locate(next(doc.sents), _verb(doc, "accused"), []) is None
    doc = nlp("Russia condemned Ukraine.")
    sent = next(doc.sents)
    assert locate(sent, _verb(doc, "condemned"), [(16, 23)]) is None
    doc = nlp("The Kazakh president spoke.")
    assert locate(next(doc.sents), _verb(doc, "spoke"), []) is None


def test_each_event_of_a_sentence_gets_its_own_place(nlp):
    # The sentence's names are found once and reused: what the first event is given must not leak.
    text = "Putin met Tokayev in Astana on Monday and later flew to Sochi."
    doc = nlp(text)
    sent = next(doc.sents)
    assert locate(sent, _verb(doc, "met"), []).name == "Astana"
    assert locate(sent, _verb(doc, "flew"), []).name == "Sochi"
    astana = text.index("Astana")
    assert locate(sent, _verb(doc, "met"), [(astana, astana + 6)]).name == "Sochi"  # an actor is no place
    assert locate(sent, _verb(doc, "met"), []).name == "Astana"
    other = nlp("Putin met Tokayev in Minsk on Monday and later flew to Sochi.")
    assert locate(next(other.sents), _verb(other, "met"), []).name == "Minsk"  # another text, same offsets


@pytest.mark.parametrize("text, country", [
    ("Hundreds of people rallied in the northern city Nukus on Saturday.", "UZB"),
    ("Crowds gathered outside Georgia's parliament.", "GEO"),
    ("Gunmen fired on police after an attack on Israel.", None),  # "on" does not place anyone
])
def test_sentence_country(nlp, text, country):
    from allegiance.coding.where import sentence_country

    assert sentence_country(next(iter(nlp(text).sents))) == country


@pytest.mark.parametrize("text, country", [
    ("Armenian leader visits\n\nBy Staff\n\nYEREVAN, May 10 (Reuters) - Crowds gathered.", "ARM"),
    ("MOSCOW (AP) — The Kremlin said.", "RUS"),
    ("The Kremlin said on Monday that talks would resume.", None),
])
def test_dateline_country(text, country):
    from allegiance.coding.where import dateline_country

    assert dateline_country(text) == country


def test_country_name():
    from allegiance.gazetteer import country_name

    assert country_name("UKR") == "Ukraine" and country_name("XYZ") == "XYZ"


def test_regions_are_places_of_their_de_jure_state_without_a_point():
    from allegiance.gazetteer import lookup_area

    karabakh = lookup("Karabakh")
    assert karabakh.kind == "region" and karabakh.country == "AZE" and karabakh.lat is None
    assert lookup("Nagorno-Karabakh").name == karabakh.name
    assert lookup_area("Kostanay region").country == "KAZ"
    assert lookup_area("Atlantis region") is None


def test_a_focus_place_keeps_its_name_from_a_namesake_elsewhere():
    assert lookup("St. Petersburg").country == "RUS"


@pytest.mark.parametrize("text, country", [
    ("Oil workers at a field in the Mangystau region went on strike.", "KAZ"),
    ("Thousands of people protested in Novi Sad.", "SRB"),
    ("Gunmen attacked villages around Batken.", "KGZ"),
])
def test_sentence_country_knows_regions_and_more_towns(nlp, text, country):
    from allegiance.coding.where import sentence_country

    assert sentence_country(next(iter(nlp(text).sents))) == country
