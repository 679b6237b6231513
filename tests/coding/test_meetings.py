"""Meetings, visits, calls, invitations, agreements to meet and thanks (session 9 policies in docs/coding.md,
"Meetings and collapse"). Sentences are the project's own; PUBLISHED is Friday 14 October 2022."""

import pytest


@pytest.mark.parametrize("text", [
    "The first cargo train from China arrived in Almaty on Friday.",
    "Russian warheads have arrived in Belarus, Lukashenko said on Friday.",
    "A batch of Iranian drones landed in Crimea on Friday.",
])
def test_things_that_arrive_are_no_visit(events_of, text):
    keys, _ = events_of(text)
    assert not any(root == "04" for _, _, root in keys)


@pytest.mark.parametrize("text, visitor, host", [
    ("A delegation from Hamas arrived in Moscow on Friday.", "HAMAS", "RUS"),
    ("Putin's plane landed in Tehran on Friday.", "RUS", "IRN"),
])
def test_travellers_still_visit(events_of, text, visitor, host):
    keys, _ = events_of(text)
    assert (visitor, host, "04") in keys and (host, visitor, "04") in keys


@pytest.mark.parametrize("text, a, b", [
    ("Xi congratulated Putin by telephone on Friday.", "CHN", "RUS"),
    ("Mirziyoyev told Erdogan in a phone call on Friday that Uzbekistan would supply more gas.", "UZB", "TUR"),
    ("Lukashenko briefed Putin over the phone on Friday about the drills.", "BLR", "RUS"),
    ("Putin held a telephone conversation with Tokayev on Friday.", "RUS", "KAZ"),
])
def test_a_call_is_coded_both_ways(events_of, text, a, b):
    _, records = events_of(text)
    from allegiance.coding.evaluate import actor_key

    calls = {(actor_key(r["source"]), actor_key(r["target"])) for r in records if r["cameo"] == "041"}
    assert {(a, b), (b, a)} <= calls


def test_a_phone_call_on_a_day_is_no_appeal(events_of):
    _, records = events_of("Mirziyoyev told Erdogan in a phone call on Friday that Uzbekistan would supply more gas.")
    assert not any(r["cameo"].startswith("02") for r in records)


@pytest.mark.parametrize("text, thanker, thanked", [
    ("Pashinyan expressed his deep gratitude to Macron for the support of France.", "ARM", "FRA"),
    ("Rahmon expressed gratitude to Beijing for the delivery of food and medicine.", "TJK", "CHN"),
])
def test_thanks_are_praise(events_of, text, thanker, thanked):
    _, records = events_of(text)
    from allegiance.coding.evaluate import actor_key

    assert any(r["cameo"] == "051" and actor_key(r["source"]) == thanker and actor_key(r["target"]) == thanked
               for r in records)


def test_an_invitation_accepted_answers_the_inviter(events_of):
    keys, _ = events_of("Erdogan invited Putin to visit Turkey next year. The Russian leader accepted the invitation.")
    assert ("RUS", "TUR", "03") in keys
    assert ("TUR", "RUS", "03") not in keys  # the guest's plan, one way: the host's act is the invitation


def test_nameless_people_one_stands_beside_are_no_meeting(events_of):
    keys, _ = events_of('"It is over," Biden told reporters at the White House, standing beside relatives of the '
                        'freed Americans.')
    assert not any(root == "04" for _, _, root in keys)


@pytest.mark.parametrize("text, a, b, code", [
    ("Putin renewed his invitation to Erdogan to visit Moscow on Friday.", "RUS", "TUR", "026"),
    ("Georgia on Friday repeated its call on Russia to pull its troops out of Abkhazia.", "GEO", "RUS", "020"),
])
def test_an_invitation_or_appeal_made_again(events_of, text, a, b, code):
    _, records = events_of(text)
    from allegiance.coding.evaluate import actor_key

    assert any(r["cameo"][:3] == code[:3] and actor_key(r["source"]) == a and actor_key(r["target"]) == b
               for r in records)


def test_agreeing_where_the_next_meeting_is_held_is_a_plan_to_meet(events_of):
    _, records = events_of("Russia agreed with Armenia that the next session of the joint commission will take place "
                           "in Yerevan next year.")
    codes = {r["cameo"] for r in records}
    assert "036" in codes and "019" not in codes


def test_a_plan_to_meet_stands_beside_an_agreement_of_the_same_day(events_of):
    keys, records = events_of("Putin and Lukashenko agreed on Friday to keep the price of oil unchanged.\n\n"
                              "Shoigu and Khrenin were due to hold talks on Tuesday, the ministry said.")
    assert any(r["cameo"] == "036" for r in records)


def test_intents_are_as_many_as_the_acts_they_announce() -> None:
    from allegiance.coding.collapse import family

    assert family("036") != family("030") != family("0311")
    assert family("0311") == family("031")


def test_an_encounter_another_event_follows_took_place(events_of):
    keys, _ = events_of("The visit came two days after a brief encounter between Lavrov and Blinken on the sidelines of "
                        "the G20 meeting in New Delhi.")
    assert ("RUS", "USA", "04") in keys and ("USA", "RUS", "04") in keys


def test_an_invitation_accepted_in_its_own_sentence(events_of):
    keys, _ = events_of("Xi invited the Kazakh president to visit Beijing next year, and Tokayev accepted the invitation "
                        "with thanks.")
    assert ("KAZ", "CHN", "03") in keys


def test_a_red_carpet_rolled_out_is_a_visit_both_ways(events_of):
    _, records = events_of("Xi rolled out the red carpet for Lukashenko in Beijing on Friday.")
    from allegiance.coding.evaluate import actor_key

    codes = {(actor_key(r["source"]), actor_key(r["target"]), r["cameo"]) for r in records}
    assert ("CHN", "BLR", "043") in codes and ("BLR", "CHN", "042") in codes


def test_praise_lavished(events_of):
    keys, _ = events_of("Erdogan lavished praise on his friend Aliyev on Friday.")
    assert ("TUR", "AZE", "05") in keys


@pytest.mark.parametrize("text, a, b", [
    ("Blinken, on a visit to Morocco, said on Friday that the talks were going well.", "USA", "MAR"),
    ("Lavrov arrived in Ankara on Friday on a two-day visit to Turkey.", "RUS", "TUR"),
])
def test_on_a_visit_is_a_visit(events_of, text, a, b):
    keys, _ = events_of(text)
    assert (a, b, "04") in keys and (b, a, "04") in keys


def test_insisting_on_a_visit_is_no_visit(events_of):
    keys, _ = events_of("Moscow insisted on a visit to the plant by IAEA inspectors.")
    assert not any(root == "04" for _, _, root in keys)

