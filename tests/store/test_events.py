import datetime as dt
import json

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.errors import InvalidParameter, NotFound
from allegiance.models import Actor, Coder, Event, Evidence, Location, Span, event_json
from allegiance.store import MIGRATIONS, Store
from allegiance.store.events import event_record, event_row, get_event, query_events, replace_events, replace_many

RUS = Actor("s:RUS", "Russia", "state", country="RUS", text="Russia")
TJK = Actor("s:TJK", "Tajikistan", "state", country="TJK", text="Tajikistan")
CSTO = Actor("o:CSTO", "CSTO", "organization", organization="CSTO", text="the CSTO")


def event(eid, article="a1", source=RUS, target=TJK, cameo="042", date=dt.date(2022, 10, 10), plover="CONSULT"):
    return Event(
        event_id=eid, article_id=article, origin="test", published=dt.date(2022, 10, 14), date=date,
        date_precision="day", source=source, target=target, cameo=cameo, cameo_root=cameo[:2], plover=plover,
        plover_mode=None, quad_class=1, goldstein=1.9, intensity=2.0, sentence="Putin visited Dushanbe.",
        evidence=Evidence(0, Span(6, 13, "visited"), Span(0, 5, "Putin"), Span(14, 22, "Dushanbe")),
        location=Location("Dushanbe", "TJK", 38.5, 68.8, Span(14, 22, "Dushanbe")), confidence=0.8,
        coder=Coder("allegiance-coder", "test"),
    )


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


def test_round_trip_and_replace(store):
    replace_events(store, "a1", [event("e1"), event("e2", cameo="112", plover="ACCUSE")])
    replace_events(store, "a2", [event("e3", article="a2", source=CSTO)])
    assert get_event(store, "e1") == event_json(event("e1"))
    assert {r["event_id"] for r in query_events(store)} == {"e1", "e2", "e3"}
    replace_events(store, "a1", [event("e4")])  # a re-code replaces the article's events, others stay
    assert {r["event_id"] for r in query_events(store)} == {"e3", "e4"}
    replace_events(store, "a1", [])
    assert {r["event_id"] for r in query_events(store)} == {"e3"}
    with pytest.raises(NotFound):
        get_event(store, "e1")


def test_an_article_given_twice_in_one_batch_keeps_its_last_events(store):
    replace_many(store, [("a1", [event("e1")]), ("a2", [event("e3", article="a2")]), ("a1", [event("e1"), event("e4")])])
    assert {r["event_id"] for r in query_events(store)} == {"e1", "e3", "e4"}


def test_replace_is_atomic(store):
    replace_events(store, "a1", [event("e1")])
    broken = event("e2")
    object.__setattr__(broken, "quad_class", "not a number")
    with pytest.raises(Exception):
        replace_events(store, "a1", [event("e3"), broken])
    assert {r["event_id"] for r in query_events(store)} == {"e1"}


def test_filters(store):
    replace_events(store, "a1", [
        event("e1"), event("e2", cameo="112", plover="ACCUSE", date=dt.date(2022, 9, 1)),
        event("e3", source=TJK, target=RUS, cameo="1123", plover="ACCUSE"),
    ])
    ids = lambda **kw: {r["event_id"] for r in query_events(store, **kw)}  # noqa: E731
    assert ids(dyad="RUS:TJK") == {"e1", "e2"}
    assert ids(dyad="tjk:rus") == {"e3"}
    assert ids(actor="TJK") == {"e1", "e2", "e3"}
    assert ids(cameo="112") == {"e2", "e3"}
    assert ids(plover="accuse") == {"e2", "e3"}
    assert ids(since="2022-10-01") == {"e1", "e3"}
    assert ids(until="2022-09-30") == {"e2"}
    assert len(query_events(store, limit=1)) == 1
    with pytest.raises(InvalidParameter):
        query_events(store, dyad="RUS")
    with pytest.raises(InvalidParameter):
        query_events(store, since="yesterday")


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=0, max_size=40), st.floats(min_value=0, max_value=1), st.sampled_from(["042", "112", "1384"]))
def test_any_sentence_and_confidence_round_trip(sentence, confidence, cameo):
    with Store(":memory:") as store:
        e = event("ex", cameo=cameo)
        object.__setattr__(e, "sentence", sentence)
        object.__setattr__(e, "confidence", confidence)
        replace_events(store, "a1", [e])
        assert get_event(store, "ex") == event_json(e)


_optional_text = st.none() | st.text(max_size=12)
_actors = st.builds(Actor, id=_optional_text, name=st.text(max_size=12),
                    type=st.sampled_from(["person", "state", "organization", "group", "unknown"]),
                    country=_optional_text, organization=_optional_text, sector=_optional_text, role=_optional_text,
                    confidence=st.floats(allow_nan=False), text=_optional_text)
_spans = st.builds(Span, start=st.integers(0, 10**6), end=st.integers(0, 10**6), text=st.text(max_size=12))
_dates = st.none() | st.dates()


@settings(max_examples=60, deadline=None)
@given(_actors, st.none() | _actors, _dates, _dates, st.none() | _spans,
       st.none() | st.builds(Location, name=st.text(max_size=8), country=_optional_text,
                             lat=st.none() | st.floats(allow_nan=False), lon=st.none() | st.floats(allow_nan=False),
                             span=st.none() | _spans),
       st.booleans(), st.sampled_from(["asserted", "intent"]))
def test_record_text_is_the_documented_json(source, target, published, date, target_span, location, negated, modality):
    base = event("ex")
    e = Event(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "source": source, "target": target,
                 "published": published, "date": date, "location": location, "negated": negated, "modality": modality,
                 "evidence": Evidence(3, Span(1, 2, "x"), None, target_span)})
    record = event_record(e)
    assert record == json.dumps(event_json(e), ensure_ascii=False)
    assert event_row(e)[-1] == record


def test_a_batch_stores_each_article_and_duplicate_ids_once(store):
    stored = replace_many(store, [("a1", [event("e1"), event("e1", cameo="112")]), ("a2", [event("e2", article="a2")]),
                                  ("a3", [])])
    assert stored == 2
    assert {r["event_id"]: r["cameo"] for r in query_events(store)} == {"e1": "042", "e2": "042"}


def test_schema_3_drops_the_secondary_indexes_and_keeps_the_events(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with Store(path) as store:
        replace_events(store, "a1", [event("e1"), event("e2", cameo="112", plover="ACCUSE")])
        # What schema 2 had: the indexes schema 1 created, on article, date and dyad.
        secondary = [s for s in MIGRATIONS[0] if s.startswith("CREATE INDEX")]
        assert len(secondary) == 3
        for statement in secondary:
            store.execute(statement)
        assert len(store.query("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'")) == 3
        store.execute("DELETE FROM schema_version WHERE version > 2")
    with Store(path) as store:
        assert store.schema_version() == 3
        assert store.query("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'") == []
        assert {r["event_id"] for r in query_events(store, dyad="RUS:TJK")} == {"e1", "e2"}
        with pytest.raises(duckdb.ConstraintException, match="[Dd]uplicate key"):  # the event id is still the key
            store.execute("INSERT INTO events SELECT * FROM events WHERE event_id = 'e1'")
