"""Actor profiles: whom an actor deals with, what it does, what it says, and when.

An actor is named by a key (``RUS``, ``CSTO``, ``p:vladimir-putin``, ``s:TJK``, ``o:CSTO``) or by a name
as events spell it ("Emomali Rahmon"), which is looked up among the stored actor names. Quotes are the
sentences of verbal events (quad classes 1 and 3: statements, appeals, accusations, threats) the actor is
the source of, with their evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from allegiance.errors import InvalidParameter, NotFound
from allegiance.models import Record
from allegiance.relations.common import EVENT_DATE, check_key, match, selected
from allegiance.store import Store
from allegiance.store.relations import RAW_EVENTS


@dataclass(frozen=True)
class Profile(Record):
    key: str
    name: str
    type: str | None
    country: str | None
    organization: str | None
    roles: tuple[str, ...]
    events_as_source: int
    events_as_target: int
    first: dt.date | None
    last: dt.date | None
    partners: tuple[dict[str, Any], ...]  # {id, name, events, goldstein_mean, cooperation, conflict}
    types: tuple[dict[str, Any], ...]  # {plover, cameo_root, events}
    quotes: tuple[dict[str, Any], ...]  # {event_id, article_id, date, cameo, plover, target, sentence, evidence}
    timeline: tuple[dict[str, Any], ...]  # {period, events, goldstein_mean}


def resolve_key(store: Store, name: str) -> str:
    """The actor key for a key or a stored actor name (the most frequent actor of that name)."""
    text = name.strip()
    if not text:
        raise InvalidParameter("name", "empty actor name")
    try:
        key = check_key(text, "name")
        if store.scalar(f"SELECT count(*) FROM (SELECT 1 FROM {RAW_EVENTS} WHERE {match('source', key)[0]} OR "
                        f"{match('target', key)[0]} LIMIT 1)", match("source", key)[1] + match("target", key)[1]):
            return key
    except InvalidParameter:
        pass
    # Exact names first, then names containing the text ("Rahmon" finds "Emomali Rahmon").
    rows = store.query(
        """SELECT id, type, country, org, max(exact) AS exact, count(*) AS n FROM (
               SELECT source_id AS id, source_type AS type, source_country AS country, source_org AS org,
                      lower(source_name) = lower(?) AS exact
               FROM events WHERE contains(lower(source_name), lower(?))
               UNION ALL SELECT target_id, target_type, target_country, target_org, lower(target_name) = lower(?)
               FROM events WHERE contains(lower(target_name), lower(?)))
           GROUP BY id, type, country, org ORDER BY exact DESC, n DESC LIMIT 1""",
        [text] * 4,
    )
    if not rows:
        raise NotFound("no stored events name this actor", input=name,
                       hint="use an ISO3 code (RUS), an organization code (CSTO), an actor id or a name from `allegiance events`")
    r = rows[0]
    if r["type"] == "person" and r["id"]:
        return r["id"]
    if r["type"] in ("organization", "group") and r["org"]:
        return r["org"]
    if r["country"]:
        return r["country"]
    raise NotFound("the actor of that name has no id, country or organization", input=name)


def actor_profile(store: Store, name: str, *, quotes: int = 20, partners: int = 15, mentions: bool = False) -> Profile:
    key = resolve_key(store, name)
    src, sp = match("source", key)
    tgt, tp = match("target", key)
    inner = selected(store, f"({src}) OR ({tgt})", mentions, "event_id")
    events = f"(SELECT *, coalesce(({src}), false) AS is_source FROM {RAW_EVENTS} WHERE event_id IN ({inner}))"
    base = sp + sp + tp
    summary = store.query(
        f"""SELECT count(*) FILTER (WHERE is_source) AS as_source, count(*) FILTER (WHERE NOT is_source) AS as_target,
                   min({EVENT_DATE}) AS first, max({EVENT_DATE}) AS last FROM {events}""", base)[0]
    ident = store.query(
        f"""SELECT name, type, country, org, role, count(*) AS n FROM (
                SELECT source_name AS name, source_type AS type, source_country AS country, source_org AS org,
                       json_extract_string(record, '$.source.role') AS role FROM {events} WHERE is_source
                UNION ALL SELECT target_name, target_type, target_country, target_org,
                       json_extract_string(record, '$.target.role') FROM {events} WHERE NOT is_source)
            GROUP BY ALL ORDER BY n DESC""", base + base)
    other_key = "CASE WHEN is_source THEN target_node ELSE source_node END"
    other_name = "CASE WHEN is_source THEN target_name ELSE source_name END"
    partner_rows = store.query(
        f"""SELECT {other_key} AS id, mode({other_name}) AS name, count(*) AS events, avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
            FROM {events} GROUP BY 1 HAVING id IS NOT NULL ORDER BY events DESC, id LIMIT ?""", base + [partners])
    type_rows = store.query(
        f"""SELECT plover, cameo_root, count(*) AS events FROM {events} WHERE is_source
            GROUP BY ALL ORDER BY events DESC, plover""", base)
    quote_rows = store.query(
        f"""SELECT event_id, article_id, {EVENT_DATE} AS date, cameo, plover, target_name AS target, sentence,
                   json_extract(record, '$.evidence') AS evidence
            FROM {events} WHERE is_source AND quad_class IN (1, 3)
            ORDER BY {EVENT_DATE} DESC NULLS LAST, event_id LIMIT ?""", base + [quotes])
    timeline = store.query(
        f"""SELECT date_trunc('month', {EVENT_DATE})::DATE AS period, count(*) AS events, avg(goldstein) AS goldstein_mean
            FROM {events} WHERE {EVENT_DATE} IS NOT NULL GROUP BY period ORDER BY period""", base)
    if not summary["as_source"] and not summary["as_target"]:
        raise NotFound("no stored events involve this actor", input=name)
    for q in quote_rows:
        q["evidence"] = json.loads(q["evidence"]) if isinstance(q["evidence"], str) else q["evidence"]
    name, kind, country, organization, roles = _identity(key, ident)
    return Profile(
        key=key, name=name, type=kind, country=country, organization=organization, roles=roles,
        events_as_source=int(summary["as_source"]), events_as_target=int(summary["as_target"]),
        first=summary["first"], last=summary["last"], partners=tuple(partner_rows), types=tuple(type_rows),
        quotes=tuple(quote_rows), timeline=tuple(timeline),
    )


def _identity(key: str, ident: list[dict[str, Any]]) -> tuple[str, str | None, str | None, str | None, tuple[str, ...]]:
    """Name, type, country, organization and roles of the actor a key stands for.

    A state or organization key aggregates every actor filed under it (RUS covers Putin, Lavrov and
    the Kremlin), so its identity comes from the knowledge base, never from its most frequent member.
    """
    from allegiance.relations.blocs import _default_kb

    bare = key.split(":", 1)[1] if key[:2] in ("s:", "o:") else key
    kb = _default_kb()
    if bare in kb.states:
        return kb.states[bare].name, "state", bare, None, ()
    if bare in kb.organizations:
        org = kb.organizations[bare]
        return org.name, "group" if org.type == "group" else "organization", org.country, bare, ()
    top = ident[0] if ident else {}
    roles = tuple(sorted({r["role"] for r in ident if r.get("role")}))
    return top.get("name") or key, top.get("type"), top.get("country"), top.get("org"), roles
