from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.relations.shifts import change_points, dyad_shifts


def test_the_falling_out_is_found_with_the_events_that_drove_it(store) -> None:
    shifts = dyad_shifts(store, "RUS", "TJK")
    assert len(shifts) == 1
    shift = shifts[0]
    assert dt.date(2024, 8, 1) <= shift.date <= dt.date(2024, 9, 30)
    assert shift.before > 3 and shift.after < 0
    goldstein = {r["event_id"]: r["goldstein"] for r in store.query("SELECT event_id, goldstein FROM events")}
    assert shift.event_ids and all(goldstein[i] < shift.before for i in shift.event_ids)


def test_a_steady_partner_has_no_shift(store) -> None:
    assert dyad_shifts(store, "RUS", "KAZ") == []


@settings(max_examples=30, deadline=None)
@given(st.integers(15, 60), st.integers(15, 60), st.floats(4.0, 12.0), st.integers(0, 10_000))
def test_a_clear_step_is_found_near_where_it_is(n1: int, n2: int, step: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = list(rng.normal(0, 1, n1)) + list(rng.normal(step, 1, n2))
    found = change_points(values)
    assert any(abs(i - n1) <= 3 for i in found)


def test_noise_alone_gives_few_change_points() -> None:
    rng = np.random.default_rng(1)
    assert len(change_points(list(rng.normal(0, 3, 200)))) <= 1
