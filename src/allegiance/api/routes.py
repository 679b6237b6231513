"""The JSON API under ``/api`` (read-only; ``POST /api/ingest`` only with a token, see ``app.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from allegiance.api import views
from allegiance.api.encode import FastJSON
from allegiance.relations.network import build_network, network_graphml
from allegiance.store import Store

router = APIRouter(prefix="/api", default_response_class=FastJSON)
Interval = Literal["day", "week", "month"]
KEY_HELP = "ISO3 (RUS), organization code (CSTO) or actor id (p:...)"
LIMIT = Query(50, ge=1, le=500)
OFFSET = Query(0, ge=0, le=1_000_000)


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get("/health", summary="Server, schema and table counts")
def health(request: Request) -> FastJSON:
    return FastJSON({**views.health(_store(request)), "writable_endpoints": request.app.state.token is not None})


@router.get("/overview", summary="News volume, most active dyads, current alerts (twin of /)")
def overview(request: Request) -> FastJSON:
    return FastJSON(views.overview(_store(request)))


@router.get("/articles", summary="Articles, newest first")
def articles(request: Request, q: str | None = Query(None, max_length=200), since: dt.date | None = None,
             limit: int = LIMIT, offset: int = OFFSET) -> FastJSON:
    return FastJSON(views.articles(_store(request), q=q, since=since, limit=limit, offset=offset))


@router.get("/articles/{article_id}", summary="One article with its coded events and highlight spans")
def article(request: Request, article_id: str = Path(..., min_length=4, max_length=64)) -> FastJSON:
    return FastJSON(views.article(_store(request), article_id))


@router.get("/events", summary="Coded events, newest first, filtered as `allegiance events`")
def events(request: Request, actor: str | None = Query(None, max_length=64),
           dyad: str | None = Query(None, max_length=130, description="SOURCE:TARGET, e.g. RUS:TJK"),
           since: dt.date | None = None, until: dt.date | None = None,
           plover: str | None = Query(None, max_length=32), cameo: str | None = Query(None, max_length=4),
           article_id: str | None = Query(None, max_length=64), limit: int = LIMIT, offset: int = OFFSET) -> FastJSON:
    return FastJSON(views.events(_store(request), actor=actor, dyad=dyad, since=since, until=until, plover=plover,
                        cameo=cameo, article_id=article_id, limit=limit, offset=offset))


@router.get("/events/{event_id}", summary="One event, its evidence, and the mentions merged with it")
def event(request: Request, event_id: str = Path(..., min_length=1, max_length=64)) -> FastJSON:
    return FastJSON(views.event(_store(request), event_id))


@router.get("/actors/{key}", summary="Actor profile: partners, event types, quotes, timeline")
def actor(request: Request, key: str = Path(..., min_length=2, max_length=120)) -> FastJSON:
    return FastJSON(views.actor(_store(request), key))


@router.get("/dyads/{a}/{b}/series", summary="Dyad time series (twin of /dyad/{a}/{b})")
def dyad_series(request: Request, a: str = Path(..., min_length=2, max_length=64, description=KEY_HELP),
                b: str = Path(..., min_length=2, max_length=64, description=KEY_HELP), interval: Interval = "month", directed: bool = True,
                since: dt.date | None = None, until: dt.date | None = None, mentions: bool = False) -> FastJSON:
    return FastJSON(views.series(_store(request), a, b, interval=interval, directed=directed, since=since, until=until,
                        mentions=mentions))


@router.get("/dyads/{a}/{b}/shifts", summary="Change points of the dyad with the events that drove them")
def dyad_shifts(request: Request, a: str = Path(..., min_length=2, max_length=64, description=KEY_HELP),
                b: str = Path(..., min_length=2, max_length=64, description=KEY_HELP), directed: bool = True,
                mentions: bool = False) -> FastJSON:
    return FastJSON(views.shifts(_store(request), a, b, directed=directed, mentions=mentions))


@router.get("/dyads/{a}/{b}/events", summary="The dyad's events in the period containing a date")
def dyad_events(request: Request, a: str = Path(..., min_length=2, max_length=64, description=KEY_HELP),
                b: str = Path(..., min_length=2, max_length=64, description=KEY_HELP), period: dt.date = Query(...),
                interval: Interval = "month", directed: bool = True, mentions: bool = False,
                limit: int = Query(100, ge=1, le=500)) -> FastJSON:
    return FastJSON(views.dyad_period_events(_store(request), a, b, period=period, interval=interval, directed=directed,
                                    mentions=mentions, limit=limit))


@router.get("/blocs/{code}", summary="Bloc cohesion, member stances, defectors (twin of /bloc/{code})")
def bloc(request: Request, code: str = Path(..., min_length=2, max_length=16), interval: Interval = "month",
         since: dt.date | None = None, until: dt.date | None = None) -> FastJSON:
    return FastJSON(views.bloc(_store(request), code, interval=interval, since=since, until=until))


@router.get("/network", summary="Network with communities and centrality (twin of /network)")
def network(request: Request, since: dt.date | None = None, until: dt.date | None = None, people: bool = True,
            min_events: int = Query(1, ge=1, le=100_000),
            format: Literal["json", "graphml"] = "json") -> Any:
    store = _store(request)
    if format == "graphml":
        graph = build_network(store, since=since, until=until, people=people, min_events=min_events)
        return Response(network_graphml(graph), media_type="application/graphml+xml")
    return FastJSON(views.network(store, since=since, until=until, people=people, min_events=min_events))


@router.get("/alerts", summary="Alerts the rules fire (nothing is recorded)")
def alerts(request: Request, since: dt.date | None = None, new_only: bool = False) -> FastJSON:
    from allegiance.relations.alerts import alerts as fire

    found = fire(_store(request), since=since, new_only=new_only)
    return FastJSON({"alerts": found})


@router.get("/search", summary="Search articles and events by text")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200),
           limit: int = Query(20, ge=1, le=500)) -> FastJSON:
    return FastJSON(views.find(_store(request), q, limit=limit))
