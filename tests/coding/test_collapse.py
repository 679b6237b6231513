from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from allegiance.coding.collapse import actor_key, collapse, collapse_by, family
from allegiance.models import Actor, Coder, Event, Evidence, Span


def test_a_visit_and_its_talks_are_two_families_but_meetings_are_one() -> None:
    assert family("042") != family("046")
    assert family("0431") == family("043")
    assert family("040") == family("044") == family("046")


def test_collapse_by_keeps_first_order_and_the_most_confident_of_each_key() -> None:
    a1, b, a2 = (SimpleNamespace(k=k, confidence=c) for k, c in (("a", 0.5), ("b", 0.9), ("a", 0.8)))
    assert collapse_by([a1, b, a2], lambda e: e.k) == [a2, b]


def _event(sentence: int, source: str, target: str, cameo: str, date: dt.date | None, precision: str = "day",
           confidence: float = 0.8) -> Event:
    def actor(key: str) -> Actor:
        return Actor(id=f"s:{key}", name=key, type="state", country=key, confidence=1.0)

    trigger = Span(0, 1, "x")
    return Event(event_id=f"{sentence}{source}{target}{cameo}", article_id="a", origin="t", published=PUB,
                 date=date, date_precision=precision, source=actor(source), target=actor(target), cameo=cameo,
                 cameo_root=cameo[:2], plover=None, plover_mode=None, quad_class=1, goldstein=0.0, intensity=0.0,
                 sentence="s", evidence=Evidence(sentence, trigger, trigger, trigger), location=None,
                 confidence=confidence, coder=Coder("t", "0"), modality="asserted")


PUB = dt.date(2023, 1, 24)


def test_a_heading_event_the_body_tells_again_is_the_bodys() -> None:
    headline = _event(0, "RUS", "EST", "161", PUB, confidence=0.95)  # "Russia expels Estonia's envoy"
    body = _event(3, "RUS", "EST", "161", PUB - dt.timedelta(days=1), confidence=0.7)  # "... on Monday"
    assert collapse([headline, body], headings={0}) == [body]
    # without knowing the headline for one, the two dates read as two expulsions
    assert len(collapse([headline, body])) == 2


def test_the_same_act_dated_weeks_earlier_in_the_body_is_background_not_the_headlines_news() -> None:
    headline = _event(0, "EST", "RUS", "161", PUB - dt.timedelta(days=1))
    earlier = _event(6, "EST", "RUS", "161", dt.date(2023, 1, 11))  # "Estonia on Jan. 11 ordered Russia to ..."
    assert collapse([headline, earlier], headings={0}) == [headline, earlier]


def test_a_heading_dated_only_by_publication_goes_with_any_body_telling() -> None:
    headline = _event(0, "USA", "RUS", "112", PUB, precision="published")
    body = _event(2, "USA", "RUS", "111", dt.date(2022, 12, 1))
    assert collapse([headline, body], headings={0}) == [body]


def test_two_headings_of_one_event_and_no_body_telling_are_one_event() -> None:
    headline, caption = _event(0, "IND", "RUS", "042", PUB), _event(4, "IND", "RUS", "042", PUB, confidence=0.9)
    assert collapse([headline, caption], headings={0, 4}) == [caption]  # "Modi visits Moscow", "Modi in Moscow"


def test_an_act_only_publication_dates_is_the_one_the_body_dates_that_week() -> None:
    lead = _event(1, "RUS", "USA", "173", PUB, precision="published")  # "Russia's FSB has arrested a U.S. reporter"
    told = _event(4, "RUS", "USA", "173", PUB - dt.timedelta(days=2))  # "FSB officers detained him on Sunday"
    assert collapse([lead, told]) == [told]
    older = _event(4, "RUS", "USA", "173", PUB - dt.timedelta(days=40))  # an arrest told as history
    assert collapse([lead, older]) == [lead, older]
    assert collapse([_event(1, "RUS", "USA", "173", PUB), told]) == [_event(1, "RUS", "USA", "173", PUB), told]


def test_different_acts_of_one_pair_told_in_two_sentences_are_two_events() -> None:
    met = _event(1, "KAZ", "CHN", "044", PUB)  # "Tokayev met Xi on the sidelines of the forum"
    talks = _event(3, "KAZ", "CHN", "046", PUB)  # "the two presidents discussed transit fees"
    praise = _event(4, "KAZ", "CHN", "051", PUB)  # "Tokayev praised Beijing's support"
    signed = _event(5, "KAZ", "CHN", "057", PUB)  # "the two sides signed a memorandum"
    assert collapse([met, talks, praise, signed]) == [met, talks, praise, signed]
    # one act told twice is still one event
    assert collapse([talks, _event(6, "KAZ", "CHN", "046", PUB, confidence=0.9)]) == [_event(6, "KAZ", "CHN", "046", PUB, confidence=0.9)]


def _meetings(nlp, text: str, codes: dict[str, list[tuple[str, str, str]]]) -> list[tuple[str, str, str]]:
    """Events of ``codes`` (trigger word -> (source, target, code)) in one parsed sentence, after one_meeting."""
    from allegiance.coding.collapse import one_meeting
    from allegiance.parse import tokens

    doc = nlp(text)
    events, triggers = [], []
    for word, readings in codes.items():
        token = next(t for t in doc if t.text == word)
        for source, target, cameo in readings:
            events.append(_event(0, source, target, cameo, PUB))
            triggers.append(token.i)
    return [(actor_key(e.source), actor_key(e.target), e.cameo) for e in one_meeting(events, triggers, tokens(doc))]


def test_one_meeting_told_within_one_clause_is_coded_once_by_precedence(nlp) -> None:
    visit = [("RUS", "TJK", "042"), ("TJK", "RUS", "043")]
    talks = [("RUS", "TJK", "046"), ("TJK", "RUS", "046")]
    assert _meetings(nlp, "Putin paid a working visit to Dushanbe, where he held talks with Rahmon.",
                     {"visit": visit, "talks": talks}) == talks
    summit = [("PRK", "RUS", "044"), ("RUS", "PRK", "044")]
    trip = [("PRK", "RUS", "042"), ("RUS", "PRK", "043")]
    assert _meetings(nlp, "Kim travelled to Vladivostok for a summit with Putin.",
                     {"travelled": trip, "summit": summit}) == trip
    # another pair's meeting in the same clause is no rival
    assert _meetings(nlp, "Putin paid a working visit to Dushanbe, where he held talks with Rahmon.",
                     {"visit": visit, "talks": [("RUS", "KGZ", "046")]}) == visit + [("RUS", "KGZ", "046")]


def test_meetings_in_clauses_of_their_own_are_two_acts(nlp) -> None:
    arrival = [("CHN", "RUS", "042"), ("RUS", "CHN", "043")]
    talks = [("CHN", "RUS", "046"), ("RUS", "CHN", "046")]
    assert _meetings(nlp, "Xi arrived in Kazan on Tuesday and held talks with Putin the same evening.",
                     {"arrived": arrival, "talks": talks}) == arrival + talks
    greeting = [("CHN", "RUS", "043"), ("RUS", "CHN", "042")]
    assert _meetings(nlp, "Xi greeted him on Tiananmen Square before the pair sat down for talks.",
                     {"greeted": greeting, "talks": talks}) == greeting + talks


def _said(event: Event, word: str) -> Event:
    return dataclasses.replace(event, evidence=dataclasses.replace(event.evidence, trigger=Span(0, len(word), word)))


def test_a_bare_meeting_told_again_with_its_venue_is_one_meeting() -> None:
    met = _said(_event(1, "AZE", "KAZ", "040", PUB), "met")  # "Aliyev met Tokayev on Tuesday"
    venue = _said(_event(4, "AZE", "KAZ", "044", PUB, confidence=0.7), "met")  # "the pair met at a forum in Turkestan"
    assert collapse([met, venue]) == [venue]


def test_a_bare_meeting_stays_beside_talks_another_day_or_another_pair() -> None:
    met = _said(_event(1, "IND", "RUS", "040", PUB), "met")  # "later he met the trade minister"
    talks = _said(_event(0, "IND", "RUS", "046", PUB), "talks")  # "held talks with the foreign minister"
    earlier = _said(_event(4, "IND", "RUS", "044", PUB - dt.timedelta(days=20)), "met")  # "last met in Samarkand"
    other = _said(_event(5, "IND", "CHN", "044", PUB), "met")
    assert collapse([met, talks, earlier, other]) == [met, talks, earlier, other]


def test_a_specific_statement_stands_beside_the_sources_other_acts_but_a_bare_one_does_not() -> None:
    from allegiance.coding.collapse import prefer_targeted

    # "Bamako called the junta's decision rash and denied any part in the coup": the criticism (111) and
    # the denial (016) are two acts; "said" (010) beside the criticism says nothing more.
    criticism = _event(0, "MLI", "BFA", "111", PUB)
    denial = dataclasses.replace(_event(0, "MLI", "BFA", "016", PUB), target=None)
    bare = dataclasses.replace(_event(0, "MLI", "BFA", "010", PUB), target=None)
    assert prefer_targeted([criticism, denial, bare]) == [criticism, denial]
