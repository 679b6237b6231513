"""People and bodies of places de facto authorities hold carry that entity's key (Transnistria, Abkhazia, ...)."""

from __future__ import annotations

import datetime as dt

import pytest

from allegiance.actors.kb import KnowledgeBase, load_kb
from allegiance.actors.places import held_by
from allegiance.actors.resolve import Resolver, resolve_document
from allegiance.models import Mention
from allegiance.parse import parse_one


@pytest.fixture(scope="module")
def packaged() -> KnowledgeBase:
    return load_kb()


def mentions(kb: KnowledgeBase, text: str, date: str = "2023-04-01") -> dict[str, Mention]:
    return {m.span.text: m for m in resolve_document(parse_one(text), date, kb)}


def test_places_held_by_de_facto_authorities() -> None:
    assert held_by("Tiraspol") is not None and held_by("Tiraspol").entity == "TRANSNISTRIA"
    assert held_by("Sokhumi").entity == held_by("Sukhumi").entity == "ABKHAZIA"  # type: ignore[union-attr]
    assert held_by("Donetsk", dt.date(2010, 5, 1)) is None  # before the entity held it
    assert held_by("Chisinau") is None


@pytest.mark.parametrize("text, entity", [("riot police in Tiraspol", "TRANSNISTRIA"),
                                          ("police in Tskhinvali", "SOUTH_OSSETIA"),
                                          ("a pensioner from Gagra", "ABKHAZIA"), ("Tiraspol", "TRANSNISTRIA")])
def test_people_placed_in_a_held_place_are_the_entitys(packaged: KnowledgeBase, text: str, entity: str) -> None:
    actor = Resolver(packaged).resolve(text, "2023-04-01")
    assert actor is not None and actor.organization == entity


def test_nameless_people_take_the_place_their_story_set_them_in(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Hundreds of demonstrators marched through the centre of Tiraspol on Saturday. "
                               "The authorities later released the organisers, and they went home.")
    assert found["demonstrators"].actor.organization == "TRANSNISTRIA"  # type: ignore[union-attr]
    assert found["The authorities"].actor.organization == "TRANSNISTRIA"  # type: ignore[union-attr]


def test_a_sentence_with_an_entitys_leader_places_its_nameless_people(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Vadim Krasnoselsky met striking workers on Monday.")
    assert found["striking workers"].actor.organization == "TRANSNISTRIA"  # type: ignore[union-attr]


def test_ordinary_states_are_left_to_the_event_coder(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Police in Almaty detained dozens of people. The authorities said order was restored.")
    assert found["The authorities"].actor.country is None  # type: ignore[union-attr]


def test_a_former_leader_of_a_de_facto_state_is_still_its_own(packaged: KnowledgeBase) -> None:
    actor = Resolver(packaged).resolve("Raul Khajimba", "2021-06-01")
    assert actor is not None and actor.organization == "ABKHAZIA" and actor.sector == "ELI"
    assert Resolver(packaged).resolve("Raul Khajimba", "2016-06-01").sector == "REB"  # type: ignore[union-attr]


def test_an_apposed_description_lends_its_body_to_an_unknown_name(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Pavel Zorin, a Transnistrian official, said the talks had stalled.")
    assert found["Pavel Zorin"].actor.organization == "TRANSNISTRIA"  # type: ignore[union-attr]


def test_an_acronym_the_story_defines_stands_for_its_name(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Oil flowed again through the Caspian Pipeline Consortium (CPC) on Monday. "
                               "The CPC said repairs were finished.", "2022-04-01")
    assert found["The CPC"].actor.country != "CHN"  # type: ignore[union-attr]
    assert found["The CPC"].actor.name == "Caspian Pipeline Consortium"  # type: ignore[union-attr]


def test_a_backed_separatist_republic_is_its_backers_side(packaged: KnowledgeBase) -> None:
    actor = Resolver(packaged).resolve("the Russian-backed breakaway republics", "2022-06-01")
    assert actor is not None and actor.country == "RUS" and actor.sector == "REB"


@pytest.mark.parametrize("text", ["Moscow lifted a ban on flights to Tbilisi on Friday.",
                                  "Prices of rice rose after the drought."])
def test_a_word_in_lower_case_is_nobodys_surname(packaged: KnowledgeBase, text: str) -> None:
    assert all(m.actor is None or m.actor.type != "person" for m in mentions(packaged, text).values())


def test_a_title_whose_of_phrase_ends_in_a_name_is_that_person(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "Putin spoke first. Later, President of the Republic of Kazakhstan Kassym-Jomart Tokayev "
                               "arrived in Sochi for talks.", "2023-09-01")
    president = next(m for text, m in found.items() if text.startswith("President"))
    assert president.actor is not None and president.actor.country == "KAZ"


def test_a_capitalised_epithet_keeps_its_principal(packaged: KnowledgeBase) -> None:
    text = ("President Kassym-Jomart Tokayev flew to Sochi on Monday. It is the first trip abroad of the Head of State "
            "this year. The Russian President welcomed him at the airport. Later the Head of State toured a factory.")
    found = resolve_document(parse_one(text), "2023-09-01", packaged)
    heads = [m for m in found if m.span.text == "the Head of State"]
    assert len(heads) == 2 and all(m.actor is not None and m.actor.country == "KAZ" for m in heads)


def test_a_name_after_at_that_is_no_place_does_not_hide_the_next_one(packaged: KnowledgeBase) -> None:
    found = mentions(packaged, "A statement read out at the Congress in Tiraspol said the local authorities "
                               "would appeal to Moscow.")
    assert found["the local authorities"].actor.organization == "TRANSNISTRIA"  # type: ignore[union-attr]
