"""The write endpoint exists only with a token, and requires it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from allegiance.api import create_app
from error_shape import error_of

TOKEN = "s3cret-token"


@pytest.fixture()
def writer(tmp_path: Path):
    with TestClient(create_app(str(tmp_path / "w.duckdb"), token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def test_token_is_required(writer) -> None:
    error_of(writer.post("/api/ingest", json={"text": "x"}), 401)
    error_of(writer.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 401)
    assert writer.get("/api/health").json()["writable_endpoints"] is True


def test_bad_bodies(writer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    error_of(writer.post("/api/ingest", json={}, headers=auth), 400, "text")
    error_of(writer.post("/api/ingest", json={"text": "a", "published": "14/10/2024"}, headers=auth), 400, "published")
    error_of(writer.post("/api/ingest", json={"text": "a", "published": "2024-02-30"}, headers=auth), 400, "published")
    error_of(writer.post("/api/ingest", json={"url": "ftp://x.example/a"}, headers=auth), 400, "url")
    error_of(writer.post("/api/ingest", content=b"not json", headers={**auth, "content-type": "application/json"}), 422)


@pytest.mark.slow
def test_posted_text_is_ingested_and_coded(writer) -> None:
    text = ("Tajikistan accused Russia on Monday of mistreating Tajik migrant workers. "
            "The foreign ministry in Dushanbe summoned the Russian ambassador over the raids.")
    response = writer.post("/api/ingest", json={"text": text, "title": "Dushanbe protests raids", "published": "2024-10-14"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.json()["new"] == 1
    assert writer.get("/api/articles").json()["articles"][0]["title"] == "Dushanbe protests raids"


@pytest.mark.slow
def test_posted_text_keeps_the_posted_origin_not_a_temporary_path(writer) -> None:
    import hashlib

    auth = {"Authorization": f"Bearer {TOKEN}"}
    plain = "Kazakhstan and China signed a railway agreement in Astana on Tuesday after two days of talks."
    assert writer.get("/api/articles").json()["articles"] == []  # cached until the write below
    linked = "Armenia recalled its envoy to the CSTO on Friday, the foreign ministry in Yerevan said in a statement."
    assert writer.post("/api/ingest", json={"text": plain}, headers=auth).json()["new"] == 1
    assert writer.post("/api/ingest", json={"text": plain}, headers=auth).json()["duplicate"] == 1
    assert writer.post("/api/ingest", json={"text": linked, "url": "https://news.example/am-csto"},
                       headers=auth).json()["new"] == 1
    origins = {}
    for row in writer.get("/api/articles").json()["articles"]:
        detail = writer.get(f"/api/articles/{row['id']}").json()
        origins[detail.get("url") or ""] = detail
    text = repr(origins)
    assert "posted.jsonl" not in text and "/tmp" not in text
    assert f"api:{hashlib.sha256(plain.encode()).hexdigest()[:12]}" in text and "https://news.example/am-csto" in text
