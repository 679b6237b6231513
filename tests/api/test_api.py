"""Every endpoint and its error paths, through FastAPI's TestClient."""

from __future__ import annotations

import pytest
from error_shape import error_of


def test_health(client) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["counts"]["events"] > 0
    assert body["writable_endpoints"] is False


def test_overview(client) -> None:
    body = client.get("/api/overview").json()
    assert body["volume"] and body["dyads"] and isinstance(body["alerts"], list)
    assert sum(v["events"] for v in body["volume"]) <= body["counts"]["events"]


def test_articles_page_through(client) -> None:
    first = client.get("/api/articles", params={"limit": 3}).json()
    second = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()
    assert len(first["articles"]) == 3 and first["more"]
    assert not {a["id"] for a in first["articles"]} & {a["id"] for a in second["articles"]}
    assert client.get("/api/articles", params={"q": "embargo"}).json()["articles"]


def test_article_with_highlight_spans(client) -> None:
    article_id = client.get("/api/articles", params={"limit": 1}).json()["articles"][0]["id"]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["events"] and body["marks"]
    for mark in body["marks"]:
        record = body["events"][mark["event"]]
        assert body["clean_text"][mark["start"]:mark["end"]] == record["evidence"][mark["role"]]["text"]


def test_events_filters_and_paging(client) -> None:
    tjk = client.get("/api/events", params={"actor": "TJK", "limit": 500}).json()["events"]
    assert tjk and all("TJK" in (e["source"]["country"], (e["target"] or {}).get("country")) for e in tjk)
    dyad = client.get("/api/events", params={"dyad": "RUS:TJK", "since": "2024-09-01", "until": "2024-12-31"}).json()
    assert all(e["date"] >= "2024-09-01" for e in dyad["events"])
    accuse = client.get("/api/events", params={"plover": "ACCUSE"}).json()["events"]
    assert accuse and {e["plover"] for e in accuse} == {"ACCUSE"}
    page1 = client.get("/api/events", params={"limit": 5}).json()
    page2 = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert page1["more"] and not {e["event_id"] for e in page1["events"]} & {e["event_id"] for e in page2["events"]}


@pytest.mark.parametrize(("params", "status", "parameter"), [
    ({"cameo": "ab"}, 400, "cameo"),
    ({"limit": 0}, 422, "limit"),
    ({"limit": 10_000}, 422, "limit"),
    ({"since": "yesterday"}, 422, "since"),
    ({"dyad": "RUSTJK"}, 400, "dyad"),
    ({"offset": -1}, 422, "offset"),
])
def test_events_bad_parameters(client, params, status, parameter) -> None:
    error_of(client.get("/api/events", params=params), status, parameter)


def test_event_with_its_mentions(client, stored) -> None:
    repeated = next(s for s in stored if s.canonical_id)
    body = client.get(f"/api/events/{repeated.event.event_id}").json()
    assert body["event"]["event_id"] == repeated.event.event_id
    assert len(body["canonical"]["mentions"]) == 2 and body["article"]["id"] == repeated.event.article_id
    error_of(client.get("/api/events/nosuchevent"), 404)


def test_actor_profile(client) -> None:
    body = client.get("/api/actors/p:emomali-rahmon").json()
    assert body["name"] == "Emomali Rahmon" and body["quotes"]
    error_of(client.get("/api/actors/Atlantis"), 404)


def test_dyad_series_shifts_and_period_events(client) -> None:
    series = client.get("/api/dyads/RUS/TJK/series", params={"interval": "week", "directed": "false"}).json()
    assert series["a"] == "RUS" and series["interval"] == "week" and series["points"]
    shifts = client.get("/api/dyads/RUS/TJK/shifts", params={"directed": "false"}).json()["shifts"]
    assert shifts and shifts[0]["event_ids"]
    busy = max(series["points"], key=lambda p: p["events"])
    events = client.get("/api/dyads/RUS/TJK/events", params={"period": busy["period"], "interval": "week",
                                                              "directed": "false"}).json()
    assert len(events["events"]) == busy["events"]


@pytest.mark.parametrize(("url", "status", "parameter"), [
    ("/api/dyads/RUS/TJK/series?interval=year", 422, "interval"),
    ("/api/dyads/RUS/TJK/series?directed=maybe", 422, "directed"),
    ("/api/dyads/RUS/RUS/series", 400, "b"),
    ("/api/dyads/R%20U/TJK/series", 400, "a"),
    ("/api/dyads/XXX/TJK/series", 400, "a"),
    ("/api/dyads/RUS/YYY/series", 400, "b"),
    ("/api/dyads/RUS/YYY/shifts", 400, "b"),
    ("/api/dyads/XXX/TJK/events?period=2024-01-01", 400, "a"),
    ("/api/dyads/RUS/TJK/series?since=2024-02-30", 422, "since"),
    ("/api/dyads/RUS/TJK/events", 422, "period"),
    ("/api/blocs/CSTO?interval=fortnight", 422, "interval"),
    ("/api/network?min_events=0", 422, "min_events"),
    ("/api/network?format=gexf", 422, "format"),
    ("/api/search", 422, "q"),
    ("/api/search?q=%20%20", 400, "q"),
    ("/api/alerts?since=soon", 422, "since"),
])
def test_bad_parameters_get_4xx_naming_them(client, url, status, parameter) -> None:
    error_of(client.get(url), status, parameter)


def test_bloc(client) -> None:
    body = client.get("/api/blocs/CSTO").json()
    assert body["leader"] == "RUS" and "ARM" in body["defectors"] and body["cohesion"]
    error_of(client.get("/api/blocs/NOSUCHBLOC"), 404)


def test_network_json_and_graphml(client) -> None:
    body = client.get("/api/network", params={"people": "false", "since": "2024-06-01"}).json()
    assert body["nodes"] and body["edges"] and not any(n["id"].startswith("p:") for n in body["nodes"])
    graphml = client.get("/api/network", params={"format": "graphml"})
    assert graphml.status_code == 200 and graphml.text.startswith("<?xml") and "graphml" in graphml.text


def test_alerts_and_search(client) -> None:
    fired = client.get("/api/alerts").json()["alerts"]
    assert any(a["series"] == "RUS-TJK" for a in fired)
    assert all(a["new"] for a in fired)  # nothing recorded: the API is read-only
    found = client.get("/api/search", params={"q": "embargo"}).json()
    assert found["events"] and found["articles"]


def test_unknown_path_and_method(client) -> None:
    error_of(client.get("/api/nothing-here"), 404)
    error_of(client.post("/api/health"), 405)
    error_of(client.post("/api/ingest", json={"text": "x"}), 404)  # no token: no write endpoint


def test_openapi_lists_every_endpoint(client) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/health", "/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}",
            "/api/actors/{key}", "/api/dyads/{a}/{b}/series", "/api/blocs/{code}", "/api/network", "/api/alerts",
            "/api/search"} <= paths
    assert "/api/ingest" not in paths


def test_static_assets_come_from_installed_packages(client) -> None:
    for name in ("plotly.min.js", "vis-network.min.js"):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200 and "javascript" in response.headers["content-type"]
        assert len(response.content) > 100_000
    assert client.get("/static/app.js").status_code == 200
    error_of(client.get("/static/vendor/jquery.js"), 404)


@pytest.mark.parametrize("path", ["/", "/network", "/actor/TJK", "/dyad/RUS/TJK", "/bloc/CSTO", "/events?actor=RUS",
                                  "/search?q=treaty"])
def test_pages_render_and_link_their_json_twin(client, path) -> None:
    import re

    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    twin = re.search(r'id="json-twin" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert twin.startswith("/api/") and client.get(twin).status_code == 200


def test_page_errors_are_html(client) -> None:
    page = client.get("/dyad/RUS/RUS")
    assert page.status_code == 400 and "two different actors" in page.text
    assert client.get("/events?limit=0").status_code == 422


def test_evidence_is_marked_by_offsets_not_first_match() -> None:
    from allegiance.api.pages import highlight

    sentence = "Opening the talks, he said the deal was done."
    record = {"sentence": sentence, "evidence": {
        "source": {"start": 119, "end": 121, "text": "he"},
        "trigger": {"start": 122, "end": 126, "text": "said"},
        "target": None}}
    assert str(highlight(record)) == ('Opening the talks, <mark class="source">he</mark> '
                                      '<mark class="trigger">said</mark> the deal was done.')


def test_a_broken_rules_file_is_a_json_error_naming_it(client, tmp_path, monkeypatch) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("rules:\n  - {name: cooling, series: RUS-TJK, by: 2}\n")
    bad.write_text("rules:\n  - {name: cooling, series: RUS-TJK, by: lots}\n")
    monkeypatch.setenv("ALLEGIANCE_ALERT_RULES", str(good))
    assert client.get("/api/alerts").status_code == 200
    monkeypatch.setenv("ALLEGIANCE_ALERT_RULES", str(bad))  # edited while the server runs: not a stale answer
    error = error_of(client.get("/api/alerts"), 500)
    assert str(bad) in error["message"] and "cooling" in error["message"] and error["code"] == "configuration_error"


def test_repeated_requests_get_the_same_answer(client) -> None:
    first = client.get("/api/dyads/RUS/TJK/series?interval=week")
    again = client.get("/api/dyads/RUS/TJK/series?interval=week")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["content-type"] == again.headers["content-type"] == "application/json"
