"""Dyad time series: what two actors did to each other, period by period.

Each :class:`SeriesPoint` has the event count per quad class (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict), the Goldstein sum and mean, the balance
``(cooperation - conflict) / events`` and the volume: all events stored for that period, so that a busy
news month does not read as a more hostile one (``normalised`` = dyad events per 1,000 events).
Periods with no dyad events between the first and last are filled in with zeros.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allegiance.errors import InvalidParameter
from allegiance.models import SeriesPoint
from allegiance.relations.common import (
    EVENT_DATE,
    SOURCE_KEY,
    TARGET_KEY,
    cached,
    check_date,
    check_interval,
    known_key,
    facts_ready,
    match,
    periods,
    selected,
    window,
)
from allegiance.store import Store
from allegiance.store.relations import RAW_EVENTS, ROLLUPS


def volume(store: Store, interval: str, *, mentions: bool = False) -> dict[dt.date, int]:
    """Events stored per period (all actors), the denominator of ``normalised``."""
    check_interval(interval)

    def compute() -> dict[dt.date, int]:
        if not mentions and interval in ROLLUPS and facts_ready(store):
            rows = store.query(f"SELECT d AS p, sum(n) AS n FROM {ROLLUPS[interval]} GROUP BY p")
        else:
            inner = selected(store, f"{EVENT_DATE} IS NOT NULL", mentions, f"{EVENT_DATE} AS d")
            rows = store.query(
                f"SELECT date_trunc('{interval}', d)::DATE AS p, count(*) AS n FROM ({inner}) GROUP BY p")
        return {r["p"]: int(r["n"]) for r in rows}

    return cached(store, "volume", (interval, mentions), compute)


def dyad_where(a: str, b: str, directed: bool) -> tuple[str, list[Any]]:
    """WHERE clause for a→b events (and b→a unless ``directed``)."""
    sa, pa = match("source", a)
    tb, pb = match("target", b)
    clause, params = f"(({sa}) AND ({tb}))", pa + pb
    if not directed:
        sb, qb = match("source", b)
        ta, qa = match("target", a)
        clause, params = f"({clause} OR (({sb}) AND ({ta})))", params + qb + qa
    return clause, params


def aggregate(
    store: Store,
    where: str,
    params: list[Any],
    interval: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    mentions: bool = False,
) -> list[SeriesPoint]:
    """The series of the events matching ``where`` (the building block for dyads and blocs)."""
    span, span_params = window(since, until)
    inner = selected(
        store, f"({where}) AND {span} AND {EVENT_DATE} IS NOT NULL",
        mentions,
        f"{EVENT_DATE} AS d, quad_class, goldstein",
    )
    rows = store.query(
        f"""SELECT date_trunc('{interval}', d)::DATE AS p, count(*) AS n,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                   coalesce(sum(goldstein), 0) AS gsum, avg(goldstein) AS gmean
            FROM ({inner}) GROUP BY p ORDER BY p""",
        params + span_params,
    )
    return _points(store, rows, interval, since, until, mentions)


def rolled(store: Store, where: str, params: list[Any], interval: str, *, since: dt.date | None = None,
           until: dt.date | None = None) -> list[SeriesPoint]:
    """``aggregate`` from the rollup tables, for a WHERE on ``source_key``, ``target_key`` and ``d`` only."""
    table = ROLLUPS[interval] if since is None and until is None else ROLLUPS["day"]
    span, span_params = window(since, until)
    rows = store.query(
        f"""SELECT date_trunc('{interval}', d)::DATE AS p, sum(n) AS n, sum(q1) AS q1, sum(q2) AS q2, sum(q3) AS q3,
                   sum(q4) AS q4, sum(gsum) AS gsum, CASE WHEN sum(ng) > 0 THEN sum(gsum) / sum(ng) END AS gmean
            FROM {table} WHERE ({where}) AND {span} GROUP BY p ORDER BY p""",
        params + span_params,
    )
    return _points(store, rows, interval, since, until, False)


_SUMS = ("n", "q1", "q2", "q3", "q4", "gsum", "ng")
INDEXED = ("week", "month")  # a day index over years of events would hold a million rows in Python


def rollup_index(store: Store, interval: str) -> dict[tuple[str, str], list[tuple[Any, ...]]]:
    """The whole rollup of ``interval`` as (period, *sums) tuples per (source, target), read once per data
    version: a dyad series is then a dictionary lookup, not a query (hundreds of distinct dyads under load)."""
    def compute() -> dict[tuple[str, str], list[tuple[Any, ...]]]:
        index: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        for r in store.query(f"""SELECT source_key AS s, target_key AS t, d AS p, {', '.join(_SUMS)}
                                 FROM {ROLLUPS[interval]} WHERE source_key IS NOT NULL AND target_key IS NOT NULL
                                 ORDER BY p"""):
            index.setdefault((r["s"], r["t"]), []).append((r["p"], *(r[k] for k in _SUMS)))
        return index

    return cached(store, "rollup_index", (interval,), compute)


def _indexed(store: Store, a: str, b: str, directed: bool, interval: str) -> list[SeriesPoint]:
    index = rollup_index(store, interval)
    summed: dict[dt.date, list[Any]] = {}
    for pair in [(a, b)] if directed else [(a, b), (b, a)]:
        for period, *sums in index.get(pair, ()):
            into = summed.setdefault(period, [0] * len(_SUMS))
            for i, value in enumerate(sums):
                into[i] += value
    rows = []
    for period in sorted(summed):
        row: dict[str, Any] = dict(zip(_SUMS, summed[period]))
        rows.append({**row, "p": period, "gmean": row["gsum"] / row["ng"] if row["ng"] else None})
    return _points(store, rows, interval, None, None, False)


def _points(store: Store, rows: list[dict[str, Any]], interval: str, since: dt.date | None,
            until: dt.date | None, mentions: bool) -> list[SeriesPoint]:
    if not rows and (since is None or until is None):
        return []  # no events and no window: there are no periods to fill with zeros
    vol = volume(store, interval, mentions=mentions)
    by_period = {r["p"]: r for r in rows}
    first = since if since is not None else rows[0]["p"]
    last = until if until is not None else rows[-1]["p"]
    points = []
    for p in periods(first, last, interval):
        r = by_period.get(p)
        n = int(r["n"]) if r else 0
        quad = (int(r["q1"]), int(r["q2"]), int(r["q3"]), int(r["q4"])) if r else (0, 0, 0, 0)
        v = vol.get(p, 0)
        points.append(
            SeriesPoint(
                period=p,
                events=n,
                quad=quad,
                # Rounded: sums in a different row order differ in the last bits.
                goldstein_sum=round(float(r["gsum"]), 6) if r else 0.0,
                goldstein_mean=round(float(r["gmean"]), 6) if r and r["gmean"] is not None else None,
                balance=((quad[0] + quad[1]) - (quad[2] + quad[3])) / n if n else 0.0,
                volume=v,
                normalised=1000.0 * n / v if v else None,
            )
        )
    return points


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    interval: str = "month",
    directed: bool = True,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    mentions: bool = False,
) -> list[SeriesPoint]:
    """The a→b series (or a↔b with ``directed=False``)."""
    a, b = known_key(store, a, "a"), known_key(store, b, "b")
    if a == b:
        raise InvalidParameter("b", f"a dyad needs two different actors, got {a} twice")
    check_interval(interval)
    since_d, until_d = check_date(since, "since"), check_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise InvalidParameter("since", f"since {since_d} is after until {until_d}")
    where, params = dyad_where(a, b, directed)
    if ":" not in a + b and not mentions and facts_ready(store):
        if since_d is None and until_d is None and interval in INDEXED:
            return _indexed(store, a, b, directed, interval)
        return rolled(store, where, params, interval, since=since_d, until=until_d)
    return aggregate(store, where, params, interval, since=since_d, until=until_d, mentions=mentions)


def dyad_events(
    store: Store,
    a: str,
    b: str,
    *,
    directed: bool = True,
    since: dt.date | None = None,
    until: dt.date | None = None,
    mentions: bool = False,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """The dyad's events in a window (flat columns plus the record), newest first."""
    where, params = dyad_where(known_key(store, a, "a"), known_key(store, b, "b"), directed)
    span, span_params = window(since, until)
    inner = selected(store, f"({where}) AND {span}", mentions, "event_id")
    return store.query(
        f"SELECT * FROM {RAW_EVENTS} WHERE event_id IN ({inner}) ORDER BY d DESC, event_id LIMIT ?",
        params + span_params + [limit],
    )


def most_active_dyads(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None, limit: int = 10, mentions: bool = False
) -> list[dict[str, Any]]:
    """Undirected state/bloc pairs with the most events in the window."""
    span, span_params = window(since, until)
    inner = selected(
        store, f"{span} AND {SOURCE_KEY} IS NOT NULL AND {TARGET_KEY} IS NOT NULL AND {SOURCE_KEY} <> {TARGET_KEY}",
        mentions,
        f"{SOURCE_KEY} AS s, {TARGET_KEY} AS t, goldstein",
    )
    return store.query(
        f"""SELECT least(s, t) AS a, greatest(s, t) AS b, count(*) AS events, round(avg(goldstein), 6) AS goldstein_mean
            FROM ({inner}) GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""",
        span_params + [limit],
    )
