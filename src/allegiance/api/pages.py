"""Dashboard pages: server-rendered HTML (jinja2), each with its JSON twin linked on the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from allegiance.api import views
from allegiance.api.encode import dumps
from allegiance.store import Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
Interval = Literal["day", "week", "month"]


def evidence_spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, role) of the source, trigger and target within the event's sentence.

    Evidence offsets are into the article; the sentence's own offset is found as the one that puts
    every span's text where its offsets say (so "he" is not marked inside "the").
    """
    sentence = record.get("sentence") or ""
    evidence = record.get("evidence") or {}
    spans = [(role, evidence[role]) for role in ("source", "trigger", "target")
             if evidence.get(role) and evidence[role].get("text")]
    if not spans:
        return []
    anchor = next((sp for role, sp in spans if role == "trigger"), spans[0][1])
    at = sentence.find(anchor["text"])
    while at >= 0:
        base = anchor["start"] - at
        placed = [(sp["start"] - base, sp["end"] - base, role) for role, sp in spans]
        if all(0 <= a < b <= len(sentence) and sentence[a:b] == sp["text"] for (a, b, _), (_, sp) in zip(placed, spans)):
            return sorted(placed)
        at = sentence.find(anchor["text"], at + 1)
    return []


def highlight(record: dict[str, Any]) -> Markup:
    """The event's sentence with its source, trigger and target marked."""
    sentence = record.get("sentence") or ""
    out, pos = [], 0
    for start, end, role in evidence_spans(record):
        if start < pos:
            continue
        out.append(escape(sentence[pos:start]))
        out.append(Markup(f'<mark class="{role}">') + escape(sentence[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(sentence[pos:]))
    return Markup("").join(out)


def marked_text(text: str, marks: list[dict[str, Any]]) -> Markup:
    out, pos = [], 0
    for m in marks:
        out.append(escape(text[pos:m["start"]]))
        out.append(Markup(f'<mark class="{m["role"]}" data-event="{m["event"]}" id="m-{m["event"]}-{m["role"]}">')
                   + escape(text[m["start"]:m["end"]]) + Markup("</mark>"))
        pos = m["end"]
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def page_data(data: Any) -> Markup:
    # Inside <script>, "<" would let text close the tag early.
    return Markup(dumps(data).replace("<", "\\u003c"))


templates.env.filters["highlight"] = highlight
templates.env.globals["page_data"] = page_data


def _store(request: Request) -> Store:
    return request.app.state.store


def render(request: Request, name: str, title: str, twin: str, data: Any, **extra: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"title": title, "twin": twin, "data": data, **extra})


def _query(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview.html", "Overview", "/api/overview", views.overview(_store(request)))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, since: dt.date | None = None, until: dt.date | None = None, people: bool = True,
            min_events: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
    data = views.network(_store(request), since=since, until=until, people=people, min_events=min_events)
    twin = "/api/network" + _query(since=since, until=until, people=None if people else "false",
                                   min_events=None if min_events == 1 else min_events)
    return render(request, "network.html", "Network", twin, data, since=since, until=until, people=people,
                  min_events=min_events)


@router.get("/actor/{key}", response_class=HTMLResponse)
def actor(request: Request, key: str) -> HTMLResponse:
    data = views.actor(_store(request), key)
    return render(request, "actor.html", data.name, f"/api/actors/{key}", data)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str, interval: Interval = "month", directed: bool = False,
         mentions: bool = False) -> HTMLResponse:
    store = _store(request)
    data = views.series(store, a, b, interval=interval, directed=directed, since=None, until=None, mentions=mentions)
    shifts = views.shifts(store, a, b, directed=directed, mentions=mentions)
    drivers = {i: views.event(store, i)["event"] for s in shifts["shifts"] for i in s.event_ids}
    q = _query(interval=interval, directed=str(directed).lower(), mentions="true" if mentions else None)
    return render(request, "dyad.html", f"{data['a']} – {data['b']}", f"/api/dyads/{data['a']}/{data['b']}/series{q}",
                  data, shifts=shifts["shifts"], drivers=drivers,
                  shifts_url=f"/api/dyads/{data['a']}/{data['b']}/shifts" + _query(directed=str(directed).lower()))


@router.get("/bloc/{code}", response_class=HTMLResponse)
def bloc(request: Request, code: str, interval: Interval = "month") -> HTMLResponse:
    data = views.bloc(_store(request), code, interval=interval, since=None, until=None)
    return render(request, "bloc.html", data.code, f"/api/blocs/{data.code}" + _query(
        interval=None if interval == "month" else interval), data)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, actor: str | None = Query(None, max_length=64), dyad: str | None = Query(None, max_length=130),
           since: dt.date | None = None, until: dt.date | None = None, plover: str | None = Query(None, max_length=32),
           cameo: str | None = Query(None, max_length=4), limit: int = Query(50, ge=1, le=500),
           offset: int = Query(0, ge=0)) -> HTMLResponse:
    filters = {"actor": actor or None, "dyad": dyad or None, "since": since, "until": until,
               "plover": plover or None, "cameo": cameo or None}
    data = views.events(_store(request), limit=limit, offset=offset, **filters)
    base = _query(**filters, limit=None if limit == 50 else limit)
    nxt = _query(**filters, limit=limit, offset=offset + limit) if data["more"] else None
    prev = _query(**filters, limit=limit, offset=max(0, offset - limit)) if offset else None
    return render(request, "events.html", "Events", "/api/events" + _query(**filters, limit=limit, offset=offset or None),
                  data, filters=filters, base=base, next=nxt, prev=prev)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    data = views.event(_store(request), event_id)
    return render(request, "event.html", f"Event {event_id}", f"/api/events/{event_id}", data)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    data = views.article(_store(request), article_id)
    return render(request, "article.html", data.get("title") or data["id"], f"/api/articles/{data['id']}", data,
                  body=marked_text(data["clean_text"], data["marks"]))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    data = views.find(_store(request), q, limit=50) if q.strip() else None
    return render(request, "search.html", "Search", "/api/search" + _query(q=q), data, q=q)
