from __future__ import annotations

import pytest

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.places import names_a_place
from allegiance.actors.phrase import words_of
from allegiance.actors.resolve import Resolver, resolve_document
from allegiance.models import Mention
from allegiance.parse import parse_one


def mentions(kb: KnowledgeBase, text: str) -> list[Mention]:
    return resolve_document(parse_one(text), "2024-05-01", kb)


@pytest.mark.parametrize("text", ["the Kazakh capital", "Kazakh capital", "the Uzbek city", "the Russian resort of Sochi",
                                  "the Tajik capital Dushanbe", "the Kazakh city of Almaty", "the capital city"])
def test_a_phrase_headed_by_a_place_noun_is_no_actor(resolver: Resolver, text: str) -> None:
    assert resolver.resolve(text, "2024-05-01") is None


@pytest.mark.parametrize("text, country", [("officials in the Kazakh capital", "KAZ"), ("the mayor of the Uzbek capital", "UZB"),
                                           ("Astana", "KAZ"), ("Tashkent", "UZB")])
def test_people_of_a_place_and_capitals_alone_are_still_actors(resolver: Resolver, text: str, country: str) -> None:
    actor = resolver.resolve(text, "2024-05-01")
    assert actor is not None and actor.country == country


@pytest.mark.parametrize("text", ["city officials", "the capital's mayor", "residents of the capital",
                                  "officials in the Kazakh capital"])
def test_a_place_noun_modifying_a_person_noun_is_not_a_place(resolver: Resolver, text: str) -> None:
    assert not names_a_place(words_of(text), resolver.kb, resolver.scanner.titles)


@pytest.mark.parametrize("text, place", [
    ("Putin held talks in the Kazakh capital with Tokayev.", "the Kazakh capital"),
    ("Putin met leaders at a summit in Astana.", "Astana"),
    ("Lavrov flew to the Uzbek city of Samarkand.", "the Uzbek city"),
    ("Rahmon spoke in the Tajik capital Dushanbe.", "the Tajik capital Dushanbe"),
    ("Putin held talks in the Russian resort of Sochi.", "the Russian resort of Sochi"),
    ("Putin received Tokayev at the Kremlin.", "the Kremlin"),
])
def test_places_in_a_sentence_are_not_actor_mentions(kb: KnowledgeBase, text: str, place: str) -> None:
    found = mentions(kb, text)
    start = text.index(place)
    inside = [m for m in found if m.span.start < start + len(place) and m.span.end > start]
    assert not inside, [(m.span.text, m.actor) for m in inside]
    assert found  # the people around the place are still there


@pytest.mark.parametrize("text, name, country", [
    ("Moscow warned Kyiv against new strikes.", "Moscow", "RUS"),
    ("Moscow warned Kyiv against new strikes.", "Kyiv", "UKR"),
    ("Tokayev held talks with Moscow.", "Moscow", "RUS"),
    ("Tokayev sent a letter to Moscow.", "Moscow", "RUS"),
    ("Lukashenko flew to Moscow for talks.", "Moscow", "RUS"),
    ("Xi travelled to Kazakhstan.", "Kazakhstan", "KAZ"),
    ("Police in Almaty detained activists.", "Police in Almaty", "KAZ"),
])
def test_capitals_as_subjects_and_objects_stay_the_state(kb: KnowledgeBase, text: str, name: str, country: str) -> None:
    hits = [m for m in mentions(kb, text) if m.span.text == name]
    assert hits and hits[0].actor is not None and hits[0].actor.country == country


@pytest.mark.parametrize("text, place", [("the Sea of Japan", True), ("Lake Chad", True), ("the Red Sea", True),
                                         ("the Black Sea Fleet", False), ("Putin's Black Sea fleet", False)])
def test_natural_features_are_places(text: str, place: bool) -> None:
    from allegiance.actors.kb import load_kb
    from allegiance.actors.phrase import words_of
    from allegiance.actors.places import names_a_place

    assert names_a_place(words_of(text), load_kb(), set()) is place
