"""Material and coercive acts told in news words the PETRARCH dictionary misses or misreads (lexicon families of
``scripts/data/lexicon_overrides.yaml``): attacks made with drones or missiles, troops reinforced, weapons taken
delivery of, help in guarding a border. Sentences written for these tests."""

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        # PETRARCH's "* &aircraft" (no event) silenced an attack told with its drones
        ("Russia attacked Odesa with dozens of Shahed drones overnight.", ("RUS", "UKR", "19")),
        ("Ukraine attacked a Russian air base in Crimea with long-range drones on Sunday.", ("UKR", "RUS", "19")),
    ],
)
def test_an_attack_made_with_drones_is_coded(events_of, text, expected):
    keys, records = events_of(text)
    assert expected in keys
    assert any(r["cameo"] == "195" for r in records)


def test_attack_helicopters_moved_to_a_border_are_no_air_strike(events_of):
    keys, _ = events_of("Lithuania is moving more troops and attack helicopters to its border with Belarus.")
    assert not any(root == "19" for _, _, root in keys)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Poland bolstered its forces on the frontier with Belarus.", ("POL", "BLR", "15")),
        ("Finland beefed up its border units near Russia.", ("FIN", "RUS", "15")),
    ],
)
def test_forces_reinforced_are_a_force_posture(events_of, text, expected):
    keys, _ = events_of(text)
    assert expected in keys


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Belarus has taken delivery of the first batch of Russian Su-30 fighter jets.", ("RUS", "BLR", "07")),
        ("Serbia took delivery of Chinese air defence missiles last week.", ("CHN", "SRB", "07")),
        ("Armenia took delivery of Russian tanks and armoured vehicles.", ("RUS", "ARM", "07")),
    ],
)
def test_weapons_taken_delivery_of_are_the_givers_aid(events_of, text, expected):
    keys, _ = events_of(text)
    assert expected in keys
    assert not any(root == "17" for _, _, root in keys)  # no seizure of weapons (PETRARCH's "take &weapon")


def test_help_guarding_a_border_is_military_protection(events_of):
    _, records = events_of("Russia will help Tajikistan guard its border with Afghanistan.")
    assert any(r["cameo"] == "0334" and r["source"]["country"] == "RUS" for r in records)


def test_a_barrage_of_missiles_unleashed_is_an_air_strike(events_of):
    keys, _ = events_of("Moscow unleashed a barrage of cruise missiles on Ukrainian power plants.")
    assert ("RUS", "UKR", "19") in keys


def test_an_embassy_whose_work_is_suspended_reduces_relations(events_of):
    _, records = events_of("Azerbaijan suspended the work of its embassy in Tehran after the attack.")
    codes = {r["cameo"] for r in records}
    assert "161" in codes and not codes & {"0871", "143"}  # no truce ("* attack") nor strike ("* work")


@pytest.mark.parametrize(
    "text",
    ["Kazakhstan shut off mobile internet in the western region of Mangistau.",
     "The Turkmen authorities cut the internet across the country for two days."],
)
def test_the_internet_shut_off_restricts_freedoms_at_home(events_of, text):
    _, records = events_of(text)
    assert any(r["cameo"] == "1721" for r in records)


def test_warships_sent_around_an_island_show_force(events_of):
    keys, _ = events_of("China sent warships and fighter jets around Taiwan on Monday.")
    assert ("CHN", "TWN", "15") in keys and ("CHN", "TWN", "07") not in keys


def test_bodies_returned_are_a_return_of_persons(events_of):
    keys, _ = events_of("Russia returned the bodies of 500 Ukrainian soldiers.")
    assert ("RUS", "UKR", "08") in keys


def test_a_wave_of_drones_launched_is_an_air_strike(events_of):
    keys, _ = events_of("Russia launched a wave of drones at Kyiv.")
    assert ("RUS", "UKR", "19") in keys


def test_prisoners_executed_are_unconventional_violence(events_of):
    keys, _ = events_of("Russian soldiers executed Ukrainian prisoners of war near Bakhmut.")
    assert ("RUS", "UKR", "18") in keys


def test_soldiers_handed_over_are_released(events_of):
    _, records = events_of("Azerbaijan handed over five Armenian soldiers to Yerevan.")
    assert any(r["cameo"] == "0841" for r in records)


def test_a_border_reopened_eases_restrictions(events_of):
    _, records = events_of("Kyrgyzstan reopened its border with Tajikistan.")
    assert [r["cameo"] for r in records] == ["081"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The EU lifted sanctions on Uzbekistan's interior minister.", ("EU", "UZB")),
        ("The United States eased sanctions on Belarus's national airline Belavia.", ("USA", "BLR")),
    ],
)
def test_sanctions_lifted_are_eased_not_imposed(events_of, text, expected):
    _, records = events_of(text)
    codes = {r["cameo"] for r in records}
    assert "085" in codes and not any(c.startswith("16") for c in codes)


def test_martial_law_ended_eases_the_emergency(events_of):
    _, records = events_of("Armenia ended martial law on Monday.")
    assert [r["cameo"] for r in records] == ["0814"]


def test_weapons_still_awaited_are_no_delivery(events_of):
    keys, _ = events_of("Armenia is still awaiting delivery of Russian air defence missiles.")
    assert not any(root == "07" for _, _, root in keys)
