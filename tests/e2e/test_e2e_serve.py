"""`allegiance serve` on the ingested sample, queried over loopback HTTP like a user's script would:
every route of issue 5 answers, and bad parameters get a 4xx in the one JSON error shape, never a 500."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from e2e_support import BIN, Sample


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def api(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("e2e-serve") / "serve.duckdb"
    shutil.copy(sample.db, db)
    port = free_port()
    log = (db.parent / "serve.log").open("w")
    server = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if client.get("/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start: {Path(log.name).read_text()[-2000:]}")
            time.sleep(0.5)
        yield client
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=30)
        log.close()


def article_id(sample: Sample) -> str:
    return sorted(sample.clean_text)[0]


@pytest.mark.parametrize("path", [
    "/api/health", "/api/articles", "/api/events", "/api/events?dyad=RUS:TJK&since=2022-01-01&limit=5",
    "/api/actors/p:vladimir-putin", "/api/dyads/RUS/TJK/series?interval=month", "/api/blocs/CSTO",
    "/api/network", "/api/alerts", "/api/search?q=Rahmon", "/openapi.json", "/",
])
def test_routes_answer(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 200, response.text[:500]


def test_article_route_returns_the_stored_article(api: httpx.Client, sample: Sample) -> None:
    response = api.get(f"/api/articles/{article_id(sample)}")
    assert response.status_code == 200
    assert response.json()["id"] == article_id(sample)


def test_events_route_pages(api: httpx.Client, sample: Sample) -> None:
    first = api.get("/api/events?limit=3").json()["events"]
    second = api.get("/api/events?limit=3&offset=3").json()["events"]
    assert len(first) == len(second) == 3
    assert not {e["event_id"] for e in first} & {e["event_id"] for e in second}


@pytest.mark.parametrize("path, parameter", [
    ("/api/events?since=notadate", "since"),
    ("/api/events?until=2022-13-01", "until"),
    ("/api/events?dyad=RUS", "dyad"),
    ("/api/events?limit=-5", "limit"),
    ("/api/events?offset=-5", "offset"),
    ("/api/events?limit=abc", "limit"),
    ("/api/events?cameo=abc", "cameo"),
    ("/api/articles?limit=abc", "limit"),
    ("/api/dyads/RUS/TJK/series?interval=year", "interval"),
    ("/api/network?since=bad", "since"),
    ("/api/network?format=xml", "format"),
    ("/api/alerts?since=bad", "since"),
    ("/api/search", "q"),
])
def test_bad_parameters_get_one_error_shape(api: httpx.Client, path: str, parameter: str) -> None:
    response = api.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text[:300])
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert error["parameter"] == parameter and parameter in error["message"]


@pytest.mark.parametrize("path", ["/api/articles/0000000000000000", "/api/blocs/NOSUCHBLOC",
                                  "/api/actors/nobodyxyzzy", "/api/no-such-route"])
def test_missing_things_are_404_in_the_error_shape(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert set(response.json()["error"]) >= {"status", "code", "message"}


def test_read_only_without_a_token(api: httpx.Client) -> None:
    assert api.get("/api/health").json().get("writable_endpoints") is False
    assert api.post("/api/ingest", json={"text": "Putin met Xi."}).status_code in (401, 403, 404, 405)


def test_country_profile_is_the_state(api: httpx.Client) -> None:
    profile = api.get("/api/actors/RUS").json()
    assert profile["name"] == "Russia" and profile["type"] == "state"
