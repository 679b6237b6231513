"""Alerts: rules over dyad and bloc series, evaluated day by day; the monitor reports each one once.

Rules come from the packaged ``data/alerts/default_rules.yaml`` plus a user YAML file (setting
``alert_rules`` / ``ALLEGIANCE_ALERT_RULES``, or ``rules_file=``); the packaged file documents the format.
A ``change`` rule fires on the first day its condition holds after a day it did not, and then stays
quiet for ``days`` days on that series (so a month-long slide is one alert, not thirty). Fired alerts are keyed by (rule, series, date) in ``alerts_seen``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from allegiance.errors import DataFileError, InvalidParameter, StoreError
from allegiance.models import Alert
from allegiance.relations.blocs import cohesion_where, load_organization
from allegiance.relations.common import EVENT_DATE, SOURCE_KEY, TARGET_KEY, cached, check_key, facts_ready, selected
from allegiance.relations.series import dyad_where
from allegiance.relations.shifts import shifts_of
from allegiance.store import Store
from allegiance.store.relations import ROLLUPS

METRICS = ("goldstein_mean", "events", "conflict_share")
LABELS = {"goldstein_mean": "mean Goldstein", "events": "event count", "conflict_share": "conflict share"}


@dataclass(frozen=True)
class Rule:
    name: str
    series: str
    kind: str = "change"  # change | shift
    metric: str = "goldstein_mean"
    change: str = "fall"  # fall | rise
    by: float = 2.0
    days: int = 30
    min_events: int = 3
    min_change: float = 2.0


class RulesError(DataFileError):
    """An alert rules file is malformed; names the file and the rule. A usage error on the command line."""

    exit_code = 2


_INTS = ("days", "min_events")
_FLOATS = ("by", "min_change")


def _number(raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key, Rule.__dataclass_fields__[key].default)
    # YAML gives True/False for yes/no; 2.7 days or "abc" must not be coerced into something else.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and value != int(value)):
        raise ValueError(f"{key} {value!r} is not {'a whole number' if kind is int else 'a number'}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{key} {value!r} must be positive")
    return kind(value)


def _rule(raw: Any, origin: str, index: int) -> Rule:
    label = f"rule {index + 1}"
    if not isinstance(raw, dict) or not raw.get("name") or not raw.get("series"):
        raise RulesError(f"{label}: needs a mapping with 'name' and 'series'", input=origin,
                         hint="see default_rules.yaml")
    label = f"rule {index + 1} ({raw['name']})"
    unknown = set(raw) - set(Rule.__dataclass_fields__)
    if unknown:
        raise RulesError(f"{label}: unknown keys {sorted(map(str, unknown))}", input=origin,
                         hint=f"known keys: {', '.join(Rule.__dataclass_fields__)}")
    problems = []
    numbers: dict[str, Any] = {}
    for key, kind in [(k, int) for k in _INTS] + [(k, float) for k in _FLOATS]:
        try:
            numbers[key] = _number(raw, key, kind)
        except ValueError as exc:
            problems.append(str(exc))
    for key in ("kind", "metric", "change"):
        if not isinstance(raw.get(key, ""), str):
            problems.append(f"{key} {raw[key]!r} is not text")
    if not problems:
        rule = Rule(**{**raw, **numbers, "name": str(raw["name"]), "series": str(raw["series"])})
        if rule.kind not in ("change", "shift"):
            problems.append(f"kind {rule.kind!r} is not change or shift")
        if rule.metric not in METRICS:
            problems.append(f"metric {rule.metric!r} is not one of {', '.join(METRICS)}")
        if rule.change not in ("fall", "rise"):
            problems.append(f"change {rule.change!r} is not fall or rise")
        try:
            _parse_series(rule.series)
        except InvalidParameter as exc:
            problems.append(str(exc))
    if problems:
        raise RulesError(f"{label}: {'; '.join(problems)}", input=origin, hint="see default_rules.yaml")
    return rule


def _read(text: str, origin: str) -> list[Rule]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise RulesError(f"not valid YAML: {' '.join(str(exc).split())}", input=origin) from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise RulesError("expected a mapping with a 'rules' list", input=origin, hint="see default_rules.yaml")
    unknown = set(data) - {"rules"}
    if unknown:
        raise RulesError(f"unknown top-level keys {sorted(map(str, unknown))}", input=origin,
                         hint="the file holds one key, 'rules'")
    return [_rule(raw, origin, i) for i, raw in enumerate(data.get("rules") or [])]


def load_rules(rules_file: str | Path | None = None) -> list[Rule]:
    """Packaged rules, then the user's (``rules_file`` or the ``alert_rules`` setting) replacing by name."""
    packaged = resources.files("allegiance").joinpath("data/alerts/default_rules.yaml")
    rules = {r.name: r for r in _read(packaged.read_text("utf-8"), "default_rules.yaml")}
    if rules_file is None:
        from allegiance.config import load_settings

        rules_file = load_settings().alert_rules or None
    if rules_file:
        path = Path(rules_file).expanduser()
        if not path.is_file():
            raise RulesError("alert rules file not found", input=str(path), hint="check --rules / alert_rules")
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesError(f"cannot read the rules file: {exc}", input=str(path)) from exc
        rules.update({r.name: r for r in _read(text, str(path))})
    return list(rules.values())


def _parse_series(series: str) -> tuple[str, ...]:
    if series.startswith("bloc:"):
        return ("bloc", check_key(series[5:], "series"))
    for sep, kind in ((">", "directed"), ("-", "dyad")):
        if sep in series:
            a, b = series.split(sep, 1)
            return (kind, check_key(a, "series"), "*" if b == "*" else check_key(b, "series"))
    raise InvalidParameter("series", f"{series!r} is not A-B, A>B, A-* or bloc:CODE")


def _expand(store: Store, rule: Rule, kb: Any) -> list[tuple[str, str, list[Any]]]:
    """(series name, WHERE, params) for each series the rule watches."""
    parsed = _parse_series(rule.series)
    if parsed[0] == "bloc":
        org = load_organization(parsed[1], kb)
        return [(f"bloc:{org.code}", *cohesion_where(org))]
    kind, a, b = parsed
    partners = [b]
    if b == "*":
        inner = selected(store, f"({SOURCE_KEY} = ? OR {TARGET_KEY} = ?) AND {SOURCE_KEY} <> {TARGET_KEY}", False,
                         f"CASE WHEN {SOURCE_KEY} = ? THEN {TARGET_KEY} ELSE {SOURCE_KEY} END AS partner")
        rows = store.query(
            f"""SELECT partner, count(*) AS n FROM ({inner})
                GROUP BY partner HAVING partner IS NOT NULL AND count(*) >= ? ORDER BY partner""",
            [a, a, a, 2 * rule.min_events],
        )
        partners = [r["partner"] for r in rows]
    sep = ">" if kind == "directed" else "-"
    return [(f"{a}{sep}{p}", *dyad_where(a, p, kind == "directed")) for p in partners]


def _change_alerts(store: Store, rule: Rule, series: str, where: str, params: list[Any], plain: bool) -> list[Alert]:
    if plain and facts_ready(store):
        rows = store.query(
            f"""SELECT d, sum(n) AS n, sum(gsum) AS g, sum(q3) + sum(q4) AS c FROM {ROLLUPS['day']}
                WHERE {where} GROUP BY d ORDER BY d""", params)
    else:
        inner = selected(store, f"({where}) AND {EVENT_DATE} IS NOT NULL", False,
                         f"{EVENT_DATE} AS d, goldstein, quad_class")
        rows = store.query(
            f"""SELECT d, count(*) AS n, coalesce(sum(goldstein), 0) AS g,
                       count(*) FILTER (WHERE quad_class IN (3, 4)) AS c
                FROM ({inner}) GROUP BY d ORDER BY d""", params)
    if not rows:
        return []
    first = rows[0]["d"]
    size = (rows[-1]["d"] - first).days + 1
    n, g, c = np.zeros(size), np.zeros(size), np.zeros(size)
    for r in rows:
        i = (r["d"] - first).days
        n[i], g[i], c[i] = r["n"], r["g"], r["c"]
    # Cumulative sums with a leading zero: the sum over days (i-k, i] is cs[i+1] - cs[i+1-k].
    cn, cg, cc = (np.concatenate([[0.0], np.cumsum(x)]) for x in (n, g, c))
    k = rule.days
    alerts, was_on, quiet_until = [], False, -1
    for i in range(2 * k - 1, size):
        day = first + dt.timedelta(days=i)
        n1, n0 = cn[i + 1] - cn[i + 1 - k], cn[i + 1 - k] - cn[i + 1 - 2 * k]
        on, before, after = False, 0.0, 0.0
        if n1 >= rule.min_events and n0 >= rule.min_events:
            if rule.metric == "goldstein_mean":
                before, after = (cg[i + 1 - k] - cg[i + 1 - 2 * k]) / n0, (cg[i + 1] - cg[i + 1 - k]) / n1
            elif rule.metric == "conflict_share":
                before, after = (cc[i + 1 - k] - cc[i + 1 - 2 * k]) / n0, (cc[i + 1] - cc[i + 1 - k]) / n1
            else:
                before, after = n0, n1
            moved = after - before if rule.change == "rise" else before - after
            on = moved >= rule.by
        if on and not was_on and i > quiet_until:
            verb = "rose" if rule.change == "rise" else "fell"
            message = (f"{LABELS[rule.metric]} {series} {verb} by {abs(after - before):.2f} over {k} days "
                       f"({before:.2f} → {after:.2f})")
            ids = _window_events(store, where, params, day - dt.timedelta(days=k - 1), day, rule)
            alerts.append(Alert(rule=rule.name, series=series, date=day, message=message,
                                value=round(after - before, 3), event_ids=tuple(ids)))
            quiet_until = i + k
        was_on = on
    return alerts


def _window_events(store: Store, where: str, params: list[Any], start: dt.date, end: dt.date, rule: Rule) -> list[str]:
    inner = selected(store, f"({where}) AND {EVENT_DATE} BETWEEN ? AND ?", False, f"event_id, goldstein, {EVENT_DATE} AS d")
    order = "goldstein DESC" if rule.change == "rise" else "goldstein ASC"
    if rule.metric == "events":
        order = "d DESC"
    rows = store.query(f"SELECT event_id FROM ({inner}) ORDER BY {order}, d, event_id LIMIT 5", params + [start, end])
    return [r["event_id"] for r in rows]


def evaluate(store: Store, rules: list[Rule], *, since: dt.date | None = None, until: dt.date | None = None,
             kb: Any = None) -> list[Alert]:
    """Every alert the rules fire (``new`` says whether ``alerts_seen`` has it yet), oldest first."""
    if kb is None:  # with the packaged knowledge base the answer only changes with the events
        fired = cached(store, "alerts", (tuple(rules),), lambda: _fire(store, rules, None))
    else:
        fired = _fire(store, rules, kb)
    fired = [a for a in fired if (since is None or a.date >= since) and (until is None or a.date <= until)]
    seen = {(r["rule"], r["series"], r["date"]) for r in store.query("SELECT rule, series, date FROM alerts_seen")}
    fired = [a if (a.rule, a.series, a.date) not in seen else Alert(**{**a.__dict__, "new": False}) for a in fired]
    return sorted(fired, key=lambda a: (a.date, a.rule, a.series))


def _fire(store: Store, rules: list[Rule], kb: Any) -> list[Alert]:
    fired: list[Alert] = []
    for rule in rules:
        for series, where, params in _expand(store, rule, kb):
            plain = ":" not in series.removeprefix("bloc:")  # keys only: the rollups can answer
            if rule.kind == "shift":
                for s in shifts_of(store, series, where, params, min_change=rule.min_change, plain=plain):
                    fired.append(Alert(rule=rule.name, series=series, date=s.date,
                                       message=f"shift in {series}: mean Goldstein {s.before:+.2f} → {s.after:+.2f}",
                                       value=round(s.after - s.before, 3), event_ids=s.event_ids))
            else:
                fired += _change_alerts(store, rule, series, where, params, plain)
    return fired


def alerts(store: Store, *, rules_file: str | Path | None = None, since: dt.date | None = None,
           until: dt.date | None = None, new_only: bool = False, kb: Any = None) -> list[Alert]:
    """What the packaged and user rules fire; nothing is recorded."""
    found = evaluate(store, load_rules(rules_file), since=since, until=until, kb=kb)
    return [a for a in found if a.new] if new_only else found


def monitor(store: Store, *, rules_file: str | Path | None = None, kb: Any = None) -> list[Alert]:
    """The alerts not reported before; records them in ``alerts_seen`` so the next run stays quiet."""
    if store.read_only:
        raise StoreError("the monitor records alerts and needs a writable database", input=store.path)
    new = [a for a in evaluate(store, load_rules(rules_file), kb=kb) if a.new]
    with store.transaction() as conn:
        for a in new:
            conn.execute("INSERT INTO alerts_seen (rule, series, date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                         [a.rule, a.series, a.date])
    return new
