"""Builders for events as the coder would emit them, for the scale-out tests."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from allegiance.models import Actor, Coder, Event, Evidence, Location, Span
from allegiance.store import Store

LEADERS = {
    "RUS": ("p:vladimir-putin", "Vladimir Putin"),
    "TJK": ("p:emomali-rahmon", "Emomali Rahmon"),
    "BLR": ("p:alexander-lukashenko", "Alexander Lukashenko"),
}


def make_event(
    article_id: str,
    source: str,
    target: str,
    sentence: str,
    date: dt.date,
    *,
    cameo: str = "040",
    plover: str = "CONSULT",
    precision: str = "day",
    place: str | None = None,
    index: int = 0,
) -> Event:
    sid, sname = LEADERS[source]
    tid, tname = LEADERS[target]
    event_id = hashlib.sha256(f"{article_id}|{index}|{cameo}|{source}|{target}".encode()).hexdigest()[:16]
    return Event(
        event_id=event_id,
        article_id=article_id,
        origin=f"{article_id}.txt",
        published=date,
        date=date,
        date_precision=precision,
        source=Actor(id=sid, name=sname, type="person", country=source, sector="GOV", text=sname),
        target=Actor(id=tid, name=tname, type="person", country=target, sector="GOV", text=tname),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        plover_mode=None,
        quad_class=1,
        goldstein=1.0,
        intensity=1.0,
        sentence=sentence,
        evidence=Evidence(index, Span(0, 5, sentence[:5]), Span(0, 5, sentence[:5]), None),
        location=Location(place, None, None, None) if place else None,
        confidence=0.9,
        coder=Coder("test", "0"),
    )


def add_article(store: Store, article_id: str, publisher: str) -> None:
    store.execute(
        "INSERT INTO articles (id, origin, publisher, raw_text, clean_text) VALUES (?, ?, ?, 'x', 'x')",
        [article_id, f"{article_id}.txt", publisher],
    )


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s
