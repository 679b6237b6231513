"""Phrases whose known words do not make them the actor those words name: one member of a bloc, a thing
named after a city, a name that ends in a title word, a place that contains a surname."""

from __future__ import annotations

import pytest

from allegiance.actors.resolve import Resolver


@pytest.fixture(scope="module")
def shipped() -> Resolver:
    from allegiance.actors.kb import load_kb

    return Resolver(load_kb())


@pytest.mark.parametrize("text", ["an EU country", "the second leader of a NATO country",
                                  "the only member of the Shanghai Cooperation Organisation", "a CSTO member state"])
def test_one_unnamed_member_of_a_bloc_is_not_the_bloc(shipped: Resolver, text: str) -> None:
    assert shipped.resolve(text, "2024-03-05") is None


@pytest.mark.parametrize("text, country", [("NATO member Hungary", "HUN"), ("Armenia, a CSTO member", "ARM")])
def test_a_member_named_beside_its_bloc_is_the_member(shipped: Resolver, text: str, country: str) -> None:
    actor = shipped.resolve(text, "2024-03-05")
    assert actor is not None and actor.type == "state" and actor.country == country


@pytest.mark.parametrize("text, code", [("EU member states", "EU"), ("the CSTO countries", "CSTO")])
def test_the_members_together_still_act_as_the_bloc(shipped: Resolver, text: str, code: str) -> None:
    actor = shipped.resolve(text, "2024-03-05")
    assert actor is not None and actor.organization == code


@pytest.mark.parametrize("text", ["the Astana process", "the Minsk agreements", "the Moscow format"])
def test_a_thing_named_after_a_capital_is_not_its_government(shipped: Resolver, text: str) -> None:
    assert shipped.resolve(text, "2021-11-02") is None


def test_a_capital_alone_still_stands_for_its_government(shipped: Resolver) -> None:
    actor = shipped.resolve("Minsk", "2021-11-02")
    assert actor is not None and actor.country == "BLR"


def test_a_name_ending_in_a_title_word_borrows_no_office_from_the_context(shipped: Resolver) -> None:
    # A ship called "Ocean Leader" seized off Yemen is not Yemen's leader.
    actor = shipped.resolve("the tanker Ocean Leader", "2024-01-15", context="Houthi gunmen boarded a ship off Yemen.")
    assert actor is None or actor.type != "person"


def test_a_lower_case_adjective_before_a_surname_keeps_the_person(shipped: Resolver) -> None:
    actor = shipped.resolve("a visibly tired Lukashenko", "2023-06-25")
    assert actor is not None and actor.name == "Alexander Lukashenko"
    actor = shipped.resolve("Andrei Serdyukov", "2023-06-25")
    assert actor is not None and actor.type == "unknown"  # a capitalised first name: someone else


def test_a_city_whose_name_holds_a_surname_is_no_person(shipped: Resolver) -> None:
    actor = shipped.resolve("New York", "2024-09-24")
    assert actor is None or actor.type != "person"


def test_people_at_an_energy_field_take_its_country(shipped: Resolver) -> None:
    actor = shipped.resolve("Striking oil workers at the Kashagan field", "2023-07-10")
    assert actor is not None and actor.country == "KAZ"


def test_georgian_opposition_figure_and_nigerien_prime_minister_are_known(shipped: Resolver) -> None:
    actor = shipped.resolve("Nika Melia", "2021-02-23")
    assert actor is not None and actor.country == "GEO" and actor.sector == "OPP"
    actor = shipped.resolve("Ali Mahamane Lamine Zeine", "2024-04-11")
    assert actor is not None and actor.country == "NER" and actor.sector == "GOV"


def test_names_a_member_tells_a_members_phrase_from_the_bloc_and_from_a_named_member(shipped: Resolver) -> None:
    assert shipped.names_a_member("the third president of an EU country")
    assert not shipped.names_a_member("the European Union")
    assert not shipped.names_a_member("NATO member Poland")


def test_a_lower_case_phrase_of_running_text_names_no_body_by_a_common_word(shipped: Resolver) -> None:
    # "the congress" of a party or of local deputies is not the United States Congress; "the Congress" is.
    actor = shipped.resolve("the congress", "2024-02-01")
    assert actor is None or actor.country != "USA"
    actor = shipped.resolve("the Congress", "2024-02-01")
    assert actor is not None and actor.country == "USA"
    actor = shipped.resolve("gazprom", "2024-02-01")  # a name typed in lower case still resolves
    assert actor is not None and actor.country == "RUS"


def test_a_city_is_no_misspelt_person(shipped: Resolver) -> None:
    actor = shipped.resolve("Pskov", "2024-02-01")  # a Russian city, one letter from Peskov
    assert actor is None or actor.type != "person"


def test_a_groups_namesake_in_another_state_is_that_states_rebels(shipped: Resolver) -> None:
    actor = shipped.resolve("the Pakistani Taliban", "2024-03-16")
    assert actor is not None and actor.country == "PAK" and actor.sector == "REB"
    actor = shipped.resolve("gunmen from the Pakistani Taliban", "2024-03-16")
    assert actor is not None and actor.country == "PAK" and actor.organization is None


def test_a_state_named_right_after_the_head_noun_is_the_referent(shipped: Resolver) -> None:
    actor = shipped.resolve("former imperial power Britain", "2024-03-16")
    assert actor is not None and actor.type == "state" and actor.country == "GBR"
    actor = shipped.resolve("the French ambassador to Russia", "2024-03-16")
    assert actor is not None and actor.country == "FRA"


def test_a_karabakh_armenian_leader_is_armenian(shipped: Resolver) -> None:
    actor = shipped.resolve("Ruben Vardanyan", "2023-10-01")
    assert actor is not None and actor.country == "ARM"


def test_opaque_phrases_are_members_of_blocs_and_things_named_after_cities(shipped: Resolver) -> None:
    assert shipped.opaque("the second leader of an EU country") and shipped.opaque("the Astana talks")
    assert not shipped.opaque("Astana") and not shipped.opaque("the EU")


def test_the_ministries_of_a_group_that_rules_a_state_are_the_states(shipped: Resolver) -> None:
    actor = shipped.resolve("the Taliban's interior ministry", "2024-03-21")
    assert actor is not None and actor.country == "AFG" and actor.organization is None


@pytest.mark.parametrize("text, date, name", [
    ("the Serbian foreign minister", "2021-09-01", "Nikola Selakovic"),
    ("the Serbian foreign minister", "2023-09-01", "Ivica Dacic"),
    ("the Estonian foreign minister", "2022-12-01", "Urmas Reinsalu"),
    ("the Estonian foreign minister", "2023-09-01", "Margus Tsahkna"),
    ("the Finnish defence minister", "2022-05-01", "Antti Kaikkonen"),
])
def test_ministers_before_the_current_ones_hold_their_office_on_their_dates(shipped: Resolver, text: str, date: str,
                                                                           name: str) -> None:
    actor = shipped.resolve(text, date)
    assert actor is not None and actor.name == name


def test_spokesmen_and_ministers_the_news_quotes_are_known(shipped: Resolver) -> None:
    actor = shipped.resolve("National Security Council spokesman John Kirby", "2023-02-10")
    assert actor is not None and actor.country == "USA" and actor.type == "person"
    actor = shipped.resolve("Bujar Osmani", "2022-06-06")
    assert actor is not None and actor.country == "MKD" and actor.sector == "GOV"


@pytest.mark.parametrize("text", ["Ankara's Grand National Assembly Hall", "the Palace of Nations", "Azadliq Square",
                                  "the Kremlin's St George's Hall"])
def test_a_building_or_square_by_its_name_is_no_actor(shipped: Resolver, text: str) -> None:
    actor = shipped.resolve(text, "2024-04-02")
    assert actor is None or actor.country is None


def test_a_seat_of_power_the_tables_know_is_still_its_state(shipped: Resolver) -> None:
    actor = shipped.resolve("the Elysee Palace", "2024-04-02")
    assert actor is not None and actor.country == "FRA"


def test_the_blue_house_is_south_koreas_presidency_not_a_us_chamber(shipped: Resolver) -> None:
    actor = shipped.resolve("the Blue House", "2021-03-01")
    assert actor is not None and actor.country == "KOR"


def test_a_meeting_named_after_a_town_the_gazetteer_knows_is_no_actor(shipped: Resolver) -> None:
    assert shipped.resolve("the Samarkand summit", "2022-09-16") is None
    assert shipped.opaque("the Istanbul talks")


@pytest.mark.parametrize("text", ["the Russia-Iran treaty", "Kazakh-Chinese talks", "the Armenia-Azerbaijan border"])
def test_two_states_joined_by_a_hyphen_are_a_pair_not_one_actor(shipped: Resolver, text: str) -> None:
    assert shipped.resolve(text, "2025-01-17") is None


@pytest.mark.parametrize("text, country", [("Guinea-Bissau", "GNB"), ("Kremlin-backed separatists", "RUS")])
def test_a_hyphenated_name_of_one_state_is_still_that_state(shipped: Resolver, text: str, country: str) -> None:
    actor = shipped.resolve(text, "2025-01-17")
    assert actor is not None and actor.country == country


def test_the_un_human_rights_chief_is_not_the_secretary_general(shipped: Resolver) -> None:
    actor = shipped.resolve("the U.N. human rights chief", "2023-05-02")
    assert actor is not None and actor.name == "Volker Turk"
    actor = shipped.resolve("UN human rights investigators", "2023-05-02")
    assert actor is not None and actor.organization == "OHCHR"
