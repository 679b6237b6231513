"""The headline kept apart by ingest is coded with the story; evidence points into title or clean text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from allegiance.coding.headline import SEPARATOR, to_clean, with_title
from allegiance.models import Actor, Coder, Event, Evidence, Location, Span

TITLE = "Kyrgyz and Tajik forces clash on border"
BODY = "BISHKEK, Sept 16 - Shooting began on Wednesday at border posts.\n\nBoth sides reported casualties."


def test_a_title_the_clean_text_lacks_goes_in_front_as_a_paragraph_of_its_own() -> None:
    text, offset = with_title(TITLE, BODY)
    assert text == TITLE + SEPARATOR + BODY
    assert offset == len(TITLE) + len(SEPARATOR)


def test_a_clean_text_that_opens_with_its_title_is_coded_as_it_is() -> None:
    assert with_title(TITLE, TITLE + "\n" + BODY) == (TITLE + "\n" + BODY, 0)
    assert with_title("  kyrgyz AND tajik forces   clash on border ", TITLE + "\n" + BODY)[1] == 0


def test_no_title_no_headline() -> None:
    assert with_title(None, BODY) == (BODY, 0)
    assert with_title("   ", BODY) == (BODY, 0)


def test_a_title_spread_over_lines_is_one_headline() -> None:
    text, offset = with_title("Putin visits\nTashkent", BODY)
    assert text.startswith("Putin visits Tashkent" + SEPARATOR)


def _event(trigger: Span, source: Span, target: Span | None, sentence_index: int, location: Location | None = None) -> Event:
    actor = Actor(text="x", name="X", id=None, type="state", country="KGZ", organization=None, sector=None)
    return Event(event_id="e", article_id="a", origin="o", published=dt.date(2022, 9, 16), date=dt.date(2022, 9, 16),
                 date_precision="day", source=actor, target=actor if target else None, cameo="190", cameo_root="19",
                 plover="ASSAULT", plover_mode=None, quad_class=4, goldstein=-10.0, intensity=-10.0, sentence="s",
                 evidence=Evidence(sentence_index, trigger, source, target), location=location, confidence=0.9,
                 coder=Coder("allegiance", "test"))


def test_events_of_the_body_point_into_the_clean_text_and_the_headline_s_into_the_title() -> None:
    text, offset = with_title(TITLE, BODY)
    at = text.index("Shooting")
    posts = text.index("border posts")
    body = _event(Span(at, at + 8, "Shooting"), Span(at, at + 8, "Shooting"), None, 2,
                  Location("Batken", "KGZ", 1.0, 2.0, Span(posts, posts + 12, "border posts")))
    head = _event(Span(24, 29, "clash"), Span(0, 6, "Kyrgyz"), Span(11, 16, "Tajik"), 0)
    moved_body, moved_head = to_clean([body, head], offset, [0, offset, offset + 40])
    assert moved_body.evidence.part == "text"
    assert BODY[moved_body.evidence.trigger.start:moved_body.evidence.trigger.end] == "Shooting"
    assert moved_body.evidence.sentence_index == 1
    span = moved_body.location.span
    assert BODY[span.start:span.end] == "border posts"
    assert moved_head.evidence.part == "title"
    assert TITLE[moved_head.evidence.trigger.start:moved_head.evidence.trigger.end] == "clash"
    assert moved_head.evidence.target == Span(11, 16, "Tajik")


def test_nothing_moves_without_a_headline() -> None:
    event = _event(Span(3, 5, "ab"), Span(0, 2, "cd"), None, 4)
    assert to_clean([event], 0, [0, 10]) == [event]


@given(st.text(min_size=1, max_size=40), st.text(max_size=200))
def test_the_clean_text_follows_the_headline_unchanged(title: str, clean: str) -> None:
    text, offset = with_title(title, clean)
    assert text[offset:] == clean
    if offset:
        assert text[:offset].endswith(SEPARATOR) and " ".join(title.split()) == text[:offset - len(SEPARATOR)]


def test_a_stored_article_s_headline_is_coded_and_its_body_events_still_point_into_the_clean_text(coder) -> None:
    from allegiance.models import Article

    body = ("ASTANA, Oct 14 - The leaders of the CIS gathered in the Kazakh capital on Friday.\n\n"
            "Russia condemned Ukraine on Friday.")
    article = Article(id="h1", origin="test/h1", title="Uzbek troops attack Kyrgyz border posts", url=None,
                      publisher=None, author=None, language="en", published=dt.date(2022, 10, 14),
                      published_precision="day", published_source="metadata", raw_text=body, clean_text=body)
    events = coder.code(article)
    in_title = [e for e in events if e.evidence.part == "title"]
    assert in_title and all(article.title[e.evidence.trigger.start:e.evidence.trigger.end] == e.evidence.trigger.text
                            for e in in_title)
    assert {e.cameo_root for e in in_title} == {"19"}
    in_body = [e for e in events if e.evidence.part == "text"]
    assert in_body and all(body[e.evidence.trigger.start:e.evidence.trigger.end] == e.evidence.trigger.text
                           and e.sentence in body for e in in_body)


def test_a_body_event_whose_target_was_found_in_the_headline_keeps_no_span_for_it() -> None:
    text, offset = with_title(TITLE, BODY)
    at = text.index("Shooting")
    event = _event(Span(at, at + 8, "Shooting"), Span(at, at + 8, "Shooting"), Span(11, 16, "Tajik"), 2)
    (moved,) = to_clean([event], offset, [0, offset])
    assert moved.evidence.part == "text" and moved.evidence.target is None
    assert moved.evidence.source == Span(at - offset, at - offset + 8, "Shooting")


@given(st.integers(0, 500), st.integers(0, 500), st.text(max_size=8), st.sampled_from(["text", "title"]),
       st.none() | st.integers(0, 40))
def test_a_copied_record_is_the_record_dataclasses_replace_makes(start: int, length: int, word: str, part: str,
                                                                 index: int | None) -> None:
    import dataclasses

    from allegiance.coding.headline import _copied

    span = Span(start, start + length, word)
    evidence = Evidence(3, span, None, span)
    for record, changes in ((span, {"start": start + 1, "end": start + length + 1}), (evidence, {"part": part}),
                            (evidence, {"sentence_index": index, "source": span, "target": None})):
        copied, replaced = _copied(record, **changes), dataclasses.replace(record, **changes)
        assert copied == replaced and type(copied) is type(replaced)
        assert list(vars(copied).items()) == list(vars(replaced).items())
