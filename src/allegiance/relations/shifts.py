"""Shifts: change points in a dyad's or a bloc's Goldstein series, with the events that drove them.

The signal is the Goldstein score of each event in date order (weekly means beyond ``MAX_POINTS``
events), so sparse and busy periods weigh what their events weigh. Change points come from ``ruptures``
(PELT with the least-squares cost, via ``KernelCPD(kernel="linear")``, segments of at least 5 points) with a BIC-like penalty
``penalty_scale · σ² · ln n``, σ estimated from successive differences: a noisy dyad needs a bigger move.
A change must also move the mean by at least ``min_change`` Goldstein points. Its driving events are
those just after the change that pull hardest in the direction of the change.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import ruptures

from allegiance.models import Shift
from allegiance.relations.blocs import cohesion_where, load_organization
from allegiance.relations.common import EVENT_DATE, facts_ready, known_key, selected, window
from allegiance.relations.series import dyad_where
from allegiance.store import Store
from allegiance.store.relations import ROLLUPS

# Above this many events the signal is weekly means, keeping PELT fast on the busiest dyads.
MAX_POINTS = 2000


def change_points(values: list[float], *, penalty_scale: float = 3.0, min_size: int = 5) -> list[int]:
    """Indexes where a new segment starts (empty when the series is too short)."""
    n = len(values)
    if n < 2 * min_size:
        return []
    signal = np.asarray(values, dtype=float).reshape(-1, 1)
    # Noise from successive differences: a level shift moves one difference, not their spread.
    sigma = max(float(np.std(np.diff(signal[:, 0]))) / math.sqrt(2), 0.5)
    penalty = penalty_scale * sigma * sigma * math.log(n)
    # KernelCPD with the linear kernel is PELT on the least-squares cost, in C.
    ends = ruptures.KernelCPD(kernel="linear", min_size=min_size).fit(signal).predict(pen=penalty)
    return [int(e) for e in ends if e < n]


def _points(store: Store, where: str, params: list[Any], since: dt.date | None, until: dt.date | None,
            mentions: bool, plain: bool) -> list[tuple[dt.date, float]]:
    """The signal: each event's Goldstein in date order, or weekly means once there are too many."""
    span, span_params = window(since, until)
    rollup = plain and not mentions and facts_ready(store)
    if rollup:
        n = store.scalar(f"SELECT sum(ng) FROM {ROLLUPS['day']} WHERE ({where}) AND {span}", params + span_params) or 0
    inner = selected(store, f"({where}) AND {span} AND {EVENT_DATE} IS NOT NULL AND goldstein IS NOT NULL", mentions,
                     f"{EVENT_DATE} AS d, goldstein, event_id")
    if not rollup:
        n = store.scalar(f"SELECT count(*) FROM ({inner})", params + span_params)
    if n > MAX_POINTS and rollup:
        rows = store.query(f"""SELECT date_trunc('week', d)::DATE AS d, sum(gsum) / sum(ng) AS g FROM {ROLLUPS['day']}
                               WHERE ({where}) AND {span} GROUP BY 1 HAVING sum(ng) > 0 ORDER BY 1""",
                           params + span_params)
    elif n <= MAX_POINTS:
        rows = store.query(f"SELECT d, goldstein AS g FROM ({inner}) ORDER BY d, event_id", params + span_params)
    else:
        rows = store.query(f"SELECT date_trunc('week', d)::DATE AS d, avg(goldstein) AS g FROM ({inner}) "
                           "GROUP BY 1 ORDER BY 1", params + span_params)
    return [(r["d"], float(r["g"])) for r in rows]


def shifts_of(
    store: Store,
    series: str,
    where: str,
    params: list[Any],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_change: float = 1.0,
    penalty_scale: float = 3.0,
    drivers: int = 5,
    mentions: bool = False,
    plain: bool = False,
) -> list[Shift]:
    """Shifts of the events matching ``where``, oldest first (``plain``: ``where`` uses only the actor
    keys and ``d``, so the daily rollup can answer it)."""
    points = _points(store, where, params, since, until, mentions, plain)
    values = [g for _, g in points]
    bounds = [0, *change_points(values, penalty_scale=penalty_scale), len(points)]
    found: list[Shift] = []
    for i in range(1, len(bounds) - 1):
        before = float(np.mean(values[bounds[i - 1]:bounds[i]]))
        after = float(np.mean(values[bounds[i]:bounds[i + 1]]))
        if abs(after - before) < min_change:
            continue
        start = points[bounds[i]][0]
        end = points[min(bounds[i] + drivers * 2, bounds[i + 1]) - 1][0]
        event_ids = _drivers(store, where, params, start, end, before, after > before, drivers, mentions)
        found.append(Shift(series=series, date=start, before=round(before, 3), after=round(after, 3),
                           event_ids=tuple(event_ids)))
    return found


def _drivers(store: Store, where: str, params: list[Any], start: dt.date, end: dt.date, before: float,
             rising: bool, limit: int, mentions: bool) -> list[str]:
    inner = selected(store, f"({where}) AND {EVENT_DATE} BETWEEN ? AND ?", mentions,
                     f"event_id, goldstein, {EVENT_DATE} AS d")
    pull = "goldstein - ?" if rising else "? - goldstein"
    rows = store.query(
        f"SELECT event_id FROM ({inner}) ORDER BY {pull} DESC, d, event_id LIMIT ?",
        params + [start, end, before, limit],
    )
    return [r["event_id"] for r in rows]


def dyad_shifts(store: Store, a: str, b: str, *, directed: bool = False,
                since: dt.date | None = None, until: dt.date | None = None, mentions: bool = False,
                min_change: float = 1.0) -> list[Shift]:
    a, b = known_key(store, a, "a"), known_key(store, b, "b")
    where, params = dyad_where(a, b, directed)
    name = f"{a}>{b}" if directed else f"{a}-{b}"
    return shifts_of(store, name, where, params, since=since, until=until, min_change=min_change,
                     mentions=mentions, plain=":" not in a + b)


def bloc_shifts(store: Store, code: str, *, since: dt.date | None = None,
                until: dt.date | None = None, mentions: bool = False, min_change: float = 1.0,
                kb: Any = None, organization: Any = None) -> list[Shift]:
    org = organization or load_organization(code, kb)
    where, params = cohesion_where(org)
    return shifts_of(store, f"bloc:{org.code}", where, params, since=since, until=until,
                     min_change=min_change, mentions=mentions, plain=True)
