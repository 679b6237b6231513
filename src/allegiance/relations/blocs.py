"""Blocs: how closely a bloc's members act together, and who is drifting away from its leading state.

Membership is taken as of each event's date from the actors knowledge base, so a state counts for the
CSTO only while it is a member.

- **Cohesion** per period: mean Goldstein of events between two members (either direction).
- **Stance** of a member: mean Goldstein of the events it directs at the bloc's leading state
  (``leader`` in the knowledge base, e.g. RUS for the CSTO).
- **Defectors** (documented rule): members with at least ``min_events`` events towards the leader in
  the recent window (the last ``window_days`` days of data) whose recent stance is below ``threshold``
  (default 0: more hostile than friendly), or has fallen by at least ``drop`` (default 4.0 Goldstein
  points) from their stance before that window.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from allegiance.errors import InvalidParameter, NotFound
from allegiance.models import Record, SeriesPoint
from allegiance.relations.common import (
    EVENT_DATE,
    SOURCE_KEY,
    TARGET_KEY,
    cached,
    check_date,
    check_interval,
    date_span,
    facts_ready,
    selected,
    window,
)
from allegiance.relations.series import aggregate, rolled
from allegiance.store import Store
from allegiance.store.relations import ROLLUPS

FAR_PAST, FAR_FUTURE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@dataclass(frozen=True)
class MemberStance(Record):
    country: str
    joined: dt.date | None
    left: dt.date | None
    events: int  # events towards the leader while a member
    stance: float | None  # mean Goldstein towards the leader, whole range
    previous: float | None  # before the recent window
    recent: float | None  # within the recent window
    recent_events: int
    defector: bool
    reason: str | None


@dataclass(frozen=True)
class BlocReport(Record):
    code: str
    name: str
    leader: str | None
    interval: str
    recent_from: dt.date | None
    threshold: float
    drop: float
    members: tuple[MemberStance, ...]
    cohesion: tuple[SeriesPoint, ...]
    defectors: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _default_kb() -> Any:
    # load_kb() re-reads the settings on every call; a process keeps one knowledge base.
    from allegiance.actors import load_kb

    return load_kb()


def load_organization(code: str, kb: Any = None) -> Any:
    """The bloc's knowledge-base record (``code``, ``name``, ``leader``, dated ``members``)."""
    org = (kb or _default_kb()).organization(code.upper())
    if not org.members:
        raise NotFound(f"no bloc {code!r} with members in the knowledge base", input=code,
                       hint="use an organization code such as CSTO, CIS, SCO or EAEU")
    return org


def _member_clause(key_sql: str, members: Any) -> tuple[str, list[Any]]:
    countries = sorted({m.country for m in members})
    # The IN list first: a cheap filter (and zone-map friendly) before the dated membership test.
    parts, params = [], list(countries)
    for m in members:
        parts.append(f"({key_sql} = ? AND {EVENT_DATE} BETWEEN ? AND ?)")
        params += [m.country, m.start or FAR_PAST, m.end or FAR_FUTURE]
    return f"({key_sql} IN ({', '.join('?' * len(countries))}) AND (" + " OR ".join(parts) + "))", params


def cohesion_where(org: Any) -> tuple[str, list[Any]]:
    s, sp = _member_clause(SOURCE_KEY, org.members)
    t, tp = _member_clause(TARGET_KEY, org.members)
    return f"{s} AND {t} AND {SOURCE_KEY} <> {TARGET_KEY}", sp + tp


def _stances(store: Store, org: Any, since: dt.date | None, until: dt.date | None, recent_from: dt.date,
             mentions: bool) -> dict[str, dict[str, Any]]:
    s, sp = _member_clause(SOURCE_KEY, org.members)
    span, span_params = window(since, until)
    if not mentions and facts_ready(store):
        # From the daily rollup: counts and Goldstein sums per member and day.
        source = f"SELECT {SOURCE_KEY} AS member, d, n, gsum, ng FROM {ROLLUPS['day']} WHERE {s} AND {TARGET_KEY} = ? AND {span}"
    else:
        source = selected(store, f"{s} AND {TARGET_KEY} = ? AND {span}", mentions,
                          f"{SOURCE_KEY} AS member, {EVENT_DATE} AS d, 1 AS n, coalesce(goldstein, 0) AS gsum, "
                          "CAST(goldstein IS NOT NULL AS INTEGER) AS ng")

    def mean(cond: str) -> str:
        return (f"round(sum(gsum) FILTER (WHERE {cond}) / nullif(sum(ng) FILTER (WHERE {cond}), 0), 6)")

    rows = store.query(
        f"""SELECT member, sum(n) AS n, {mean('TRUE')} AS g,
                   coalesce(sum(n) FILTER (WHERE d < ?), 0) AS n_prev, {mean('d < ?')} AS g_prev,
                   coalesce(sum(n) FILTER (WHERE d >= ?), 0) AS n_recent, {mean('d >= ?')} AS g_recent
            FROM ({source}) GROUP BY member""",
        [recent_from] * 6 + sp + [org.leader] + span_params,
    )
    return {r["member"]: r for r in rows}


def judge(recent: float | None, previous: float | None, recent_events: int, *, threshold: float, drop: float,
          min_events: int) -> str | None:
    """Why a member counts as a defector, or None (the documented rule above)."""
    if recent is None or recent_events < min_events:
        return None
    if recent < threshold:
        return f"stance {recent:+.2f} below {threshold:+.2f} over {recent_events} recent events"
    if previous is not None and previous - recent >= drop:
        return f"stance fell by {previous - recent:.2f} (from {previous:+.2f} to {recent:+.2f})"
    return None


def bloc_report(
    store: Store,
    code: str,
    *,
    interval: str = "month",
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    window_days: int = 90,
    threshold: float = 0.0,
    drop: float = 4.0,
    min_events: int = 5,
    mentions: bool = False,
    kb: Any = None,
    organization: Any = None,
) -> BlocReport:
    """Cohesion over time, each member's stance towards the leader, and the defectors."""
    check_interval(interval)
    if window_days < 1:
        raise InvalidParameter("window_days", "must be at least 1")
    since_d, until_d = check_date(since, "since"), check_date(until, "until")
    org = organization or load_organization(code, kb)
    if organization is not None or kb is not None:
        return _report(store, org, interval, since_d, until_d, window_days, threshold, drop, min_events, mentions)
    # Reports over the packaged knowledge base are kept until the events change.
    args = (org.code, interval, since_d, until_d, window_days, threshold, drop, min_events, mentions)
    return cached(store, "bloc", args, lambda: _report(store, org, *args[1:]))


def _report(store: Store, org: Any, interval: str, since_d: dt.date | None, until_d: dt.date | None,
            window_days: int, threshold: float, drop: float, min_events: int, mentions: bool) -> BlocReport:
    where, params = cohesion_where(org)
    if not mentions and facts_ready(store):
        cohesion = rolled(store, where, params, interval, since=since_d, until=until_d)
    else:
        cohesion = aggregate(store, where, params, interval, since=since_d, until=until_d, mentions=mentions)
    first, last_seen = date_span(store)
    last = until_d or last_seen or dt.date.today()
    lo = since_d or first or last
    recent_from = last - dt.timedelta(days=window_days - 1)
    stances = _stances(store, org, since_d, until_d, recent_from, mentions) if org.leader else {}
    # One row per state that was a member at some time in the analysed range (memberships can repeat).
    spells: dict[str, list[Any]] = {}
    for m in org.members:
        if m.country != org.leader and (m.end or FAR_FUTURE) >= lo and (m.start or FAR_PAST) <= last:
            spells.setdefault(m.country, []).append(m)
    members = []
    for country in sorted(spells):
        joined = None if any(m.start is None for m in spells[country]) else min(m.start for m in spells[country])
        left = None if any(m.end is None for m in spells[country]) else max(m.end for m in spells[country])
        r = stances.get(country, {})
        recent, previous = r.get("g_recent"), r.get("g_prev")
        n_recent = int(r.get("n_recent") or 0)
        reason = judge(recent, previous, n_recent, threshold=threshold, drop=drop, min_events=min_events)
        members.append(MemberStance(
            country=country, joined=joined, left=left, events=int(r.get("n") or 0), stance=r.get("g"),
            previous=previous, recent=recent, recent_events=n_recent, defector=reason is not None, reason=reason,
        ))
    return BlocReport(
        code=org.code, name=org.name, leader=org.leader, interval=interval, recent_from=recent_from,
        threshold=threshold, drop=drop, members=tuple(members), cohesion=tuple(cohesion),
        defectors=tuple(m.country for m in members if m.defector),
    )
