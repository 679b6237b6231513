"""SQL fragments and helpers shared by the relations modules.

Actor keys: a key is an ISO3 state code (``RUS``), an organization code (``CSTO``) or a knowledge-base
actor id (``p:vladimir-putin``). An event's actor matches an ISO3/org key by the rule of the gold sets:
organizations and groups match by their ``organization`` code, everything else (states, people, agents)
by its ``country``. So "RUS" covers Putin, the Russian army and the Kremlin alike.

Counting: one event a story. Mentions of one story in many articles share ``canonical_id``; by default
only the first report of each canonical group is counted (an event with no ``canonical_id`` is its own
group). ``mentions=True`` counts every report instead. Queries see the columns of ``events`` plus
``source_key``, ``target_key`` and ``d`` (the event date, else the publication date).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Literal

from allegiance.errors import InvalidParameter
from allegiance.store import Store
from allegiance.store.relations import FACTS, FIRST_REPORT, RAW_EVENTS, build_facts, facts_version

Interval = Literal["day", "week", "month"]
INTERVALS: tuple[str, ...] = ("day", "week", "month")

_KEY_RE = re.compile(r"^(?:[A-Z][A-Z0-9]{1,11}|[a-z]:[a-z0-9][a-z0-9._-]*|[A-Za-z]:[A-Z0-9]{2,12})$")


# Column names shared by the raw-events view and the facts table (see allegiance.store.relations).
SOURCE_KEY = "source_key"
TARGET_KEY = "target_key"
EVENT_DATE = "d"


def check_key(key: str, parameter: str) -> str:
    """Normalise an actor key; ISO3 and org codes are upper-cased, ids kept as given."""
    value = key.strip()
    if ":" not in value:
        value = value.upper()
    if not _KEY_RE.match(value):
        raise InvalidParameter(
            parameter,
            f"{key!r} is not an actor key",
            hint="use an ISO3 code (RUS), an organization code (CSTO) or an actor id (p:vladimir-putin)",
        )
    return value


def known_key(store: Store, key: str, parameter: str) -> str:
    """``check_key``, and the key must name a state or organization of the knowledge base or an actor of
    a stored event; a typo would otherwise answer with an empty series that reads as "no relations"."""
    value = check_key(key, parameter)
    from allegiance.relations.blocs import _default_kb

    kb = _default_kb()
    bare = value.split(":", 1)[1] if value[:2] in ("s:", "o:") else value
    if ":" not in value or value[:2] in ("s:", "o:"):
        if bare in kb.states or bare in kb.organizations:
            return value
    if value in stored_keys(store):
        return value
    raise InvalidParameter(
        parameter, f"{value!r} is neither a state or organization of the knowledge base nor an actor of a stored event",
        hint="use an ISO3 code (RUS), an organization code (CSTO) or an actor id (p:vladimir-putin)")


def stored_keys(store: Store) -> frozenset[str]:
    """Every actor key and node key that occurs in the stored events."""
    def compute() -> frozenset[str]:
        inner = selected(store, "TRUE", True, f"{SOURCE_KEY}, {TARGET_KEY}, source_node, target_node")
        rows = store.query(f"""SELECT DISTINCT k FROM ({inner})
                               UNPIVOT (k FOR side IN ({SOURCE_KEY}, {TARGET_KEY}, source_node, target_node))""")
        return frozenset(r["k"] for r in rows if r["k"] is not None)

    return cached(store, "stored_keys", (), compute)


def match(side: str, key: str) -> tuple[str, list[Any]]:
    """A WHERE clause (and its parameters) matching events whose ``side`` actor is ``key``.

    A prefixed key is a network node: ``s:RUS`` the state and its agents (not its people, who are
    nodes of their own), ``o:CSTO`` the organization, ``p:...`` the person.
    """
    if ":" in key:
        return f"{side}_node = ?", [key]
    return f"{side}_key = ?", [key]


def check_interval(interval: str) -> str:
    if interval not in INTERVALS:
        raise InvalidParameter("interval", f"{interval!r} is not an interval", hint="use day, week or month")
    return interval


def check_date(value: dt.date | str | None, parameter: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(parameter, f"{value!r} is not a date", hint="use YYYY-MM-DD") from None


def period_of(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(period: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return period + dt.timedelta(days=1)
    if interval == "week":
        return period + dt.timedelta(days=7)
    return (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def periods(first: dt.date, last: dt.date, interval: str) -> list[dt.date]:
    out, current = [], period_of(first, interval)
    while current <= last:
        out.append(current)
        current = next_period(current, interval)
    return out


def selected(store: Store, where: str, mentions: bool, columns: str = "*") -> str:
    """A query over the events matching ``where``: one row per canonical event unless ``mentions``.

    Canonical counting reads the prebuilt facts table when it is fresh (building it first on a writable
    store); otherwise, and for mentions, it reads ``events`` through the same column names.
    """
    if mentions:
        return f"SELECT {columns} FROM {RAW_EVENTS} WHERE {where}"
    if facts_ready(store):
        return f"SELECT {columns} FROM {FACTS} WHERE {where}"
    return f"SELECT {columns} FROM {RAW_EVENTS} WHERE {where} {FIRST_REPORT}"


def facts_ready(store: Store) -> bool:
    version = data_version(store)
    if _facts.get(store) == version:
        return True
    with _build_lock:
        if _facts.get(store) == version:
            return True
        built = facts_version(store)
        if built != version:
            if store.read_only:
                return False
            build_facts(store, version)
        _facts[store] = version
    return True


def window(since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    clauses, params = ["TRUE"], []
    if since is not None:
        clauses.append(f"{EVENT_DATE} >= ?")
        params.append(since)
    if until is not None:
        clauses.append(f"{EVENT_DATE} <= ?")
        params.append(until)
    return " AND ".join(clauses), params


# --- a cache of whole-store aggregates, dropped whenever the store's contents change ------------
# Kept per Store object (so it dies with the connection) and keyed by the data version.
_cache_lock = threading.Lock()
_stores: "weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...], Any]]" = weakref.WeakKeyDictionary()
_key_locks: dict[tuple[Any, ...], threading.Lock] = {}
_facts: "weakref.WeakKeyDictionary[Store, tuple[int, int]]" = weakref.WeakKeyDictionary()
_build_lock = threading.Lock()
_versions: "weakref.WeakKeyDictionary[Store, tuple[float, tuple[int, int]]]" = weakref.WeakKeyDictionary()
VERSION_TTL = 1.0


def data_version(store: Store) -> tuple[int, int]:
    """Cheap fingerprint of the stored events: row counts of events and canonical events.

    Ingest and mention merging both add rows, so the pipeline's writes change it; a writer in this
    process that might keep the counts (a re-merge) calls :func:`clear_cache`. Counting scans a big
    table, so the answer is reused for ``VERSION_TTL`` seconds.
    """
    now = time.monotonic()
    with _cache_lock:
        memo = _versions.get(store)
    if memo is not None and now - memo[0] < VERSION_TTL:
        return memo[1]
    row = store.query("SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM canonical_events) AS c")[0]
    version = (int(row["e"]), int(row["c"]))
    with _cache_lock:
        _versions[store] = (now, version)
    return version


def cached(store: Store, name: str, args: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()`` once per store, arguments and data version; concurrent callers wait for the first."""
    version = data_version(store)
    with _cache_lock:
        entries = _stores.setdefault(store, {})
        hit = entries.get((name, args))
        if hit is not None and hit[0] == version:
            return hit[1]
        key_lock = _key_locks.setdefault((id(store), name, args), threading.Lock())
    with key_lock:
        with _cache_lock:
            hit = _stores.setdefault(store, {}).get((name, args))
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        with _cache_lock:
            entries = _stores.setdefault(store, {})
            if len(entries) > 256:
                entries.clear()
            entries[(name, args)] = (version, value)
    return value


def clear_cache() -> None:
    """Forget cached aggregates (after this process wrote to the store)."""
    with _cache_lock:
        _stores.clear()
        _facts.clear()
        _versions.clear()


def date_span(store: Store) -> tuple[dt.date | None, dt.date | None]:
    row = store.query("SELECT min(coalesce(date, published)) AS lo, max(coalesce(date, published)) AS hi FROM events")[0]
    return row["lo"], row["hi"]
