from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic import ACTIONS, Stored, insert_event, make_event, state_actor

from allegiance.errors import InvalidParameter
from allegiance.relations.common import period_of
from allegiance.relations.series import dyad_series, most_active_dyads, volume
from allegiance.store import Store


def key(actor) -> str:  # the rule of relations.common: organizations by code, the rest by country
    return actor.organization if actor.type in ("organization", "group") and actor.organization else actor.country


def canonical(stored: list[Stored]) -> list[Stored]:
    """One report per story: the earliest of each canonical group, as the relations count."""
    groups: dict[str, list[Stored]] = {}
    for s in stored:
        groups.setdefault(s.canonical_id or s.event.event_id, []).append(s)
    return [min(g, key=lambda s: (s.event.date, s.event.event_id)) for g in groups.values()]


def test_directed_series_counts_match_the_stored_events(store, stored) -> None:
    points = dyad_series(store, "TJK", "RUS", interval="month")
    expected = Counter(period_of(s.event.date, "month") for s in canonical(stored)
                       if key(s.event.source) == "TJK" and key(s.event.target) == "RUS")
    assert {p.period: p.events for p in points if p.events} == dict(expected)
    for p in points:
        assert sum(p.quad) == p.events
        assert -1.0 <= p.balance <= 1.0
        assert p.volume >= p.events
        assert p.normalised is None or 0.0 <= p.normalised <= 1000.0


def test_mentions_count_every_report(store, stored) -> None:
    reports = [s for s in stored if key(s.event.source) == "RUS" and key(s.event.target) == "TJK"]
    stories = canonical(reports)
    assert len(reports) > len(stories), "the corpus should have repeated stories in this dyad"
    assert sum(p.events for p in dyad_series(store, "RUS", "TJK", mentions=True)) == len(reports)
    assert sum(p.events for p in dyad_series(store, "RUS", "TJK")) == len(stories)


def test_undirected_is_the_sum_of_both_directions(store) -> None:
    both = dyad_series(store, "RUS", "ARM", interval="week", directed=False)
    ab = {p.period: p for p in dyad_series(store, "RUS", "ARM", interval="week")}
    ba = {p.period: p for p in dyad_series(store, "ARM", "RUS", interval="week")}
    for p in both:
        parts = [x for x in (ab.get(p.period), ba.get(p.period)) if x]
        assert p.events == sum(x.events for x in parts)
        assert p.quad == tuple(sum(x.quad[i] for x in parts) for i in range(4))
        assert p.goldstein_sum == pytest.approx(sum(x.goldstein_sum for x in parts))


def test_periods_are_contiguous_and_windowed(store) -> None:
    points = dyad_series(store, "RUS", "KAZ", interval="day", since="2024-03-01", until="2024-03-31")
    assert [p.period for p in points] == [dt.date(2024, 3, d) for d in range(1, 32)]


def test_volume_is_all_events_of_the_period(store, stored) -> None:
    by_month = volume(store, "month")
    assert sum(by_month.values()) == len(canonical(stored))


def test_story_line_shows_in_the_series(store) -> None:
    points = dyad_series(store, "RUS", "TJK", directed=False)
    before = [p.goldstein_mean for p in points if p.period < dt.date(2024, 9, 1) and p.events]
    after = [p.goldstein_mean for p in points if p.period >= dt.date(2024, 9, 1) and p.events]
    assert min(before) > max(after)


def test_most_active_dyads_are_undirected_pairs(store) -> None:
    top = most_active_dyads(store, limit=5)
    assert len(top) == 5 and all(d["a"] < d["b"] for d in top)
    assert [d["events"] for d in top] == sorted((d["events"] for d in top), reverse=True)


@pytest.mark.parametrize(("args", "parameter"), [
    ({"a": "RUS", "b": "RUS"}, "b"),
    ({"a": "R U S", "b": "TJK"}, "a"),
    ({"a": "RUS", "b": "TJK", "interval": "year"}, "interval"),
    ({"a": "RUS", "b": "TJK", "since": "2024-13-01"}, "since"),
    ({"a": "RUS", "b": "TJK", "since": "2024-05-01", "until": "2024-04-01"}, "since"),
])
def test_bad_parameters_are_named(store, args, parameter) -> None:
    with pytest.raises(InvalidParameter) as info:
        dyad_series(store, **args)
    assert info.value.parameter == parameter


_events = st.lists(
    st.tuples(st.sampled_from(["RUS", "TJK", "KAZ"]), st.sampled_from(["RUS", "TJK", "KAZ"]),
              st.integers(0, 120), st.sampled_from(ACTIONS["coop"] + ACTIONS["conf"])),
    min_size=1, max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_events, st.sampled_from(["day", "week", "month"]))
def test_series_sum_to_event_counts_for_any_events(rows, interval) -> None:
    import random

    rng = random.Random(0)
    with Store(":memory:") as store:
        kept = []
        for n, (s, t, day, action) in enumerate(rows):
            if s == t:
                continue
            date = dt.date(2024, 1, 1) + dt.timedelta(days=day)
            event, _ = make_event(rng, f"a{n}", date, state_actor(s, s), state_actor(t, t), action, 0, 0)
            insert_event(store, event, None)
            kept.append(event)
        total = sum(p.events for p in dyad_series(store, "RUS", "TJK", interval=interval, directed=False))
        assert total == sum(1 for e in kept if {e.source.country, e.target.country} == {"RUS", "TJK"})
        gsum = sum(p.goldstein_sum for p in dyad_series(store, "RUS", "TJK", interval=interval))
        assert gsum == pytest.approx(sum(e.goldstein for e in kept if (e.source.country, e.target.country) == ("RUS", "TJK")))
        vol = volume(store, interval)
        assert sum(vol.values()) == len(kept)


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize("directed", [True, False])
def test_the_in_memory_rollup_index_agrees_with_a_query_over_the_events(store, interval, directed) -> None:
    from allegiance.relations.series import aggregate, dyad_where

    for a, b in [("RUS", "TJK"), ("ARM", "RUS"), ("KAZ", "CHN")]:
        fast = dyad_series(store, a, b, interval=interval, directed=directed)
        where, params = dyad_where(a, b, directed)
        slow = aggregate(store, where, params, interval)
        assert [(p.period, p.events, p.quad, p.volume) for p in fast] == [(p.period, p.events, p.quad, p.volume) for p in slow]
        assert [p.goldstein_sum for p in fast] == pytest.approx([p.goldstein_sum for p in slow])
        assert [p.goldstein_mean for p in fast] == pytest.approx([p.goldstein_mean for p in slow])
