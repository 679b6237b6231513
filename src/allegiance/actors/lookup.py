"""Library side of the actors commands: streams of mentions, entry descriptions, bloc members."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from rapidfuzz import fuzz, process

from allegiance.actors.kb import KnowledgeBase
from allegiance.actors.names import key
from allegiance.actors.records import Entry
from allegiance.actors.resolve import Resolver, as_date
from allegiance.errors import InvalidParameter, NotFound


def resolve_lines(lines: Iterable[str], resolver: Resolver) -> Iterator[dict[str, Any]]:
    """``{"id","text","date"[,"context"]}`` per line in, ``{"id","actor"}`` per line out.

    A line that cannot be read gives ``{"id", "actor": null, "error": "line N: reason"}`` and the
    stream goes on: one bad record in a million must not cost the other 999,999.
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        ident: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError(f"expected a JSON object, got {type(item).__name__}")
            ident = item.get("id")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValueError("'text' is missing or not a non-empty string")
            context = item.get("context")
            actor = resolver.resolve(text, as_date(item.get("date")), context if isinstance(context, str) else None)
        except json.JSONDecodeError as exc:
            yield {"id": None, "actor": None, "error": f"line {n}: not JSON ({exc.msg} at column {exc.colno})"}
        except InvalidParameter as exc:
            yield {"id": ident, "actor": None, "error": f"line {n}: {exc}"}
        except ValueError as exc:
            yield {"id": ident, "actor": None, "error": f"line {n}: {exc}"}
        else:
            yield {"id": ident, "actor": actor.to_dict() if actor else None}


def _asdict(record: Any) -> dict[str, Any]:
    data = dataclasses.asdict(record)
    return json.loads(json.dumps(data, default=str))


def find_entries(kb: KnowledgeBase, name: str) -> list[Entry]:
    prefix, _, ident = name.partition(":")
    table = {"p": ("person", kb.people), "s": ("state", kb.states), "o": ("org", kb.organizations)}
    if ident and prefix in table and ident in table[prefix][1]:
        return [Entry(table[prefix][0], ident, "id")]
    return kb.lookup(name)


def describe(kb: KnowledgeBase, name: str, date: dt.date | None = None) -> list[dict[str, Any]]:
    """Every knowledge-base entry a name points to, with its roles or memberships."""
    entries = find_entries(kb, name)
    if not entries:
        close = [c for c, _, _ in process.extract(key(name), list(kb.index), scorer=fuzz.ratio, limit=3,
                                                  score_cutoff=70)]
        raise NotFound(f"no actor named {name!r}", input=name,
                       hint=f"did you mean {', '.join(close)}?" if close else "add it with an overlay file")
    out = []
    for e in entries:
        if e.kind == "person":
            record = _asdict(kb.people[e.key])
            record["id"] = f"p:{e.key}"
        elif e.kind == "state":
            record = _asdict(kb.states[e.key])
            record["id"] = f"s:{e.key}"
            record["member_of"] = sorted(o.code for o in kb.organizations.values()
                                         if any(m.country == e.key and m.active(date or dt.date.today()) for m in o.members))
        elif e.kind == "org":
            record = _asdict(kb.organizations[e.key])
            record["id"] = f"o:{e.key}"
        else:
            record = _asdict(kb.coded[e.key])
        record["kind"] = e.kind
        record["matched_as"] = e.how
        out.append(record)
    return out


def bloc_members(kb: KnowledgeBase, code: str, date: dt.date | str | None = None) -> dict[str, Any]:
    org = kb.organization(code)
    day = as_date(date) or dt.date.today()
    members = kb.members(org.code, day)
    return {"code": org.code, "name": org.name, "date": day.isoformat(),
            "members": [{"iso3": c, "name": kb.states[c].name if c in kb.states else c} for c in members]}
