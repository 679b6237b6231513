"""Verdicts on an act the phrase names no doer of ("condemned the deployment", "the visit was condemned by A and B")
are aimed at whoever did the act, told earlier in the story (``arguments._deed_doer``)."""

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hungarian Prime Minister Viktor Orban travelled to Minsk on Tuesday. "
         "Poland's foreign ministry sharply criticised the trip on Wednesday.", ("POL", "HUN", "11")),
        ("Russia stationed strategic bombers in Belarus last week. "
         "Lithuania denounced the deployment as reckless on Friday.", ("LTU", "RUS", "11")),
    ],
)
def test_a_verdict_on_an_act_faces_its_doer(events_of, text, expected):
    keys, _ = events_of(text)
    assert expected in keys


def test_coordinated_agents_of_a_passive_verdict_each_face_the_doer(events_of):
    keys, _ = events_of("Iranian President Masoud Pezeshkian arrived in Moscow on Monday for two days of talks. "
                        "The visit was condemned by Ukraine and Poland.")
    assert {("UKR", "IRN", "11"), ("POL", "IRN", "11")} <= keys
    assert ("UKR", "POL", "11") not in keys


def test_an_act_named_with_its_doer_needs_no_search(events_of):
    keys, _ = events_of("Azerbaijan condemned Armenia's deployment of troops near the border.")
    assert ("AZE", "ARM", "11") in keys


def test_a_name_given_to_an_act_faces_its_doer(events_of):
    keys, _ = events_of("Russia will hold large naval drills in the Baltic Sea next week, the defence ministry said. "
                        "Lithuania's foreign minister called the planned exercise \"a dangerous provocation\".")
    assert ("LTU", "RUS", "11") in keys


def test_the_story_event_is_found_in_a_lead_after_a_dateline(events_of):
    text = ("Russia to stage war games near Japan\n\nBy Staff Reporters\n\n"
            "MOSCOW, May 6 (Reuters) - Russia will stage large naval drills near the Kuril Islands this month, "
            "the defence ministry said on Monday.\n\n"
            "The ships will practise firing cruise missiles at sea targets, the ministry said.\n\n"
            "Officials in Moscow gave no figure for the number of sailors taking part.\n\n"
            "Weather in the area is expected to be poor for much of the month.\n\n"
            "Japan's defence minister called the exercise \"an unacceptable provocation\".")
    keys, _ = events_of(text)
    assert ("JPN", "RUS", "11") in keys


def test_a_spoken_verdict_on_an_act_faces_its_doer(events_of):
    keys, _ = events_of("Russia stationed strategic bombers in Belarus last week. "
                        "Lithuania's foreign minister said the deployment was a dangerous provocation.")
    assert ("LTU", "RUS", "11") in keys
