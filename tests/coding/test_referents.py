import datetime as dt

import pytest

from allegiance.actors.kb import load_kb
from allegiance.actors.resolve import resolve_document
from allegiance.coding.referents import home_country


def _mentions(nlp, text):
    doc = nlp(text)
    return doc, resolve_document(doc, dt.date(2024, 7, 1), kb=load_kb())


@pytest.mark.parametrize("text, home", [
    # Filed from Vilnius, about Belarus: the story's country, not the dateline's.
    ("VILNIUS, July 4 (Reuters) - Belarus freed ten prisoners. Lukashenko signed the pardons. "
     "Lithuania welcomed the step.", "BLR"),
    # Filed from a country it names again and again: about that country, though its quarrel's other side is
    # named as often or a little more.
    ("YEREVAN, Oct 3 (AP) - Armenia's parliament voted to join the court, angering Moscow. Moscow warned Yerevan. "
     "The Kremlin said Russia would respond. Putin called it a mistake. Pashinyan defended the vote.", "ARM"),
    # A tie goes to the dateline.
    ("BAKU, May 2 (Reuters) - Azerbaijan and Armenia met in Almaty.", "AZE"),
    ("Police detained dozens of people on Monday.", None),
    # The only country a story names, even once, is its country.
    ("Kazakh President Tokayev addressed the nation on Monday. Police detained dozens of people.", "KAZ"),
    ("Tokayev met Putin on Monday. Police detained dozens of people.", None),
])
def test_home_country(nlp, text, home):
    doc, mentions = _mentions(nlp, text)
    assert home_country(doc.text, mentions) == home


def test_nameless_people_in_a_story_about_one_country_are_its_people(events_of):
    keys, _ = events_of("Georgia's parliament passed the bill on Tuesday. Georgia's president vowed to veto it. "
                        "Police detained at least twenty protesters outside the building.")
    assert ("GEO", "GEO", "17") in keys, keys


@pytest.mark.parametrize("text, crowd", [
    ("Serbians rallied in the capital on Saturday.", True),
    ("Armenians protested outside the government building.", True),
    ("Washington urged Americans to leave the country.", False),  # acted on: the state's own people
    ("The United States condemned the attack.", False),
])
def test_a_plural_nationality_as_subject_is_a_crowd(nlp, text, crowd):
    from allegiance.coding.referents import NATIONALS, crowds_of_nationals

    doc, mentions = _mentions(nlp, text)
    assert any(m.via.endswith(NATIONALS) for m in crowds_of_nationals(doc, mentions)) is crowd


def test_a_crowd_of_nationals_acts_towards_its_state(events_of):
    keys, _ = events_of("Tens of thousands of Serbians rallied in Belgrade against the government on Saturday.")
    assert ("SRB", "SRB", "14") in keys, keys


def _pair_of(nlp, text, phrase):
    from allegiance.coding.candidates import MentionIndex

    doc, mentions = _mentions(nlp, text)
    index = MentionIndex.build(doc, mentions)
    start = text.index(phrase)
    head = max(t.i for t in doc if start <= t.idx < start + len(phrase))
    pair = index.pairs.get(head)
    return None if pair is None else {m.actor.country for m in pair}


@pytest.mark.parametrize("text, phrase, countries", [
    # The two parties of its own sentence, however many the sentences before named.
    ("Islamic State claimed the attack. France and Germany sent condolences. Tajik President Emomali Rahmon "
     "phoned Putin on Saturday, and the two leaders agreed to share intelligence.", "the two leaders", {"TJK", "RUS"}),
    # A pair once referred to stays the referent of the next "the two sides".
    ("Modi met Putin in Moscow on Monday. The two leaders held talks at the Kremlin. Zelensky criticised the visit. "
     "The White House said it had concerns. Putin gave Modi an award. The two sides agreed to expand trade.",
     "The two sides", {"IND", "RUS"}),
    # "the two countries": the last two states the story named, however far back.
    ("Pashinyan agreed to hand four villages to Azerbaijan. Thousands rallied in Yerevan. The archbishop led "
     "the march. Pashinyan refused to resign. Protests began after the two countries' border commissions "
     "signed a protocol.", "the two countries", {"ARM", "AZE"}),
    # "the two men": the last two people named, not the two states coordinated before them.
    ("The Emirates mediated prisoner swaps between Russia and Ukraine. Putin then flew to Riyadh, where Crown "
     "Prince Mohammed bin Salman welcomed him. The two men held talks on oil output.", "The two men", {"RUS", "SAU"}),
    # With no pair nearer, "the two men" far down the story are the two it already took for its pair.
    ("Aliyev welcomed Mirziyoyev in Baku. The two leaders held talks at the presidential palace. Oil prices rose. "
     "Analysts in London were cautious. The Caspian pipeline ran at full capacity. Traders expected more gas "
     "deliveries. Shipping costs fell. Banks in Dubai reported record deposits. The two men last met in Tashkent "
     "in May.", "The two men", {"AZE", "UZB"}),
    # "the sides" are two by what the word means, with no "two" or "both".
    ("Pashinyan met Aliyev in Moscow. Pashinyan said that the sides had agreed to continue work on transport links.",
     "the sides", {"ARM", "AZE"}),
])
def test_phrases_referring_back_to_a_pair(nlp, text, phrase, countries):
    assert _pair_of(nlp, text, phrase) == countries


@pytest.mark.parametrize("text, word, count", [
    ("The two leaders held talks.", "leaders", 2),
    ("Both sides agreed.", "sides", 2),
    ("The three leaders held talks.", "leaders", 3),
    ("All four countries signed.", "countries", 4),
    ("Three leaders held talks.", "leaders", None),  # someone new, not a reference back
    ("The leaders held talks.", "leaders", None),
    ("The two had agreed on a gas contract.", "two", 2),
    ("The parties agreed to continue the work.", "parties", 0),  # as many as the story has
    ("The Heads of State signed a joint statement.", "Heads", 0),
    ("Heads of department met.", "Heads", None),
])
def test_party_count(nlp, text, word, count):
    from allegiance.coding.referents import party_count
    from allegiance.parse import tokens

    doc = nlp(text)
    assert party_count(tokens(doc), next(t.i for t in doc if t.text == word)) == count


def test_western_officials_are_not_the_sentence_country_people(events_of):
    keys, _ = events_of('"This is a dangerous step," Zakharova told reporters on Monday, accusing Western officials of '
                        'provoking a clash.')
    assert not any(source == "RUS" and target == "RUS" for source, target, _ in keys)
    keys, _ = events_of("Russian Foreign Ministry spokeswoman Zakharova accused Western officials of provoking a clash.")
    assert not any(source == "RUS" and target == "RUS" for source, target, _ in keys)


def test_a_ministry_named_without_its_country_is_the_home_country(events_of):
    keys, _ = events_of("Russia reacted angrily to the expulsions on Monday. The Kremlin called them hostile. "
                        "Later the foreign ministry summoned the Estonian ambassador, Margus Laidre.")
    assert ("RUS", "EST", "11") in keys


def test_whoever_acts_on_a_pair_phrase_is_not_one_of_the_pair(events_of):
    keys, _ = events_of("Armenia accused Azerbaijan of shelling border villages on Tuesday. The CSTO held an emergency "
                        "session by video link. The bloc said it would send observers. Moscow brokered a truce between "
                        "the two sides on Wednesday.")
    assert {("RUS", "ARM", "04"), ("RUS", "AZE", "04")} <= keys
    assert ("RUS", "CSTO", "04") not in keys
