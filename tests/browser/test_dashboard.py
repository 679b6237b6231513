"""Every dashboard page in real headless Chromium, and the click path network → profile → dyad → event → article."""

from __future__ import annotations

import pytest
from screenshots import shot

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "/",
    "network": "/network",
    "actor": "/actor/TJK",
    "dyad": "/dyad/RUS/TJK",
    "bloc": "/bloc/CSTO",
    "events": "/events?actor=TJK",
    "search": "/search?q=embargo",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_loads_without_errors(page, base_url: str, name: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(base_url + PAGES[name], wait_until="networkidle")
    assert response is not None and response.status == 200
    twin = page.get_attribute("#json-twin", "href")
    assert twin and twin.startswith("/api/")
    assert page.request.get(base_url + twin).status == 200
    if name in ("overview", "actor", "dyad", "bloc"):
        page.wait_for_selector(".main-svg")  # plotly drew its chart
    if name == "network":
        page.wait_for_selector("#network canvas")
    shot(page, name)


def test_missing_page_shows_an_error_page(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.on("console", lambda msg: None)
    response = page.goto(base_url + "/actor/ZZZ")
    assert response is not None and response.status == 404
    assert "no stored events" in page.inner_text("#error-message")
    page.problems.clear()  # the browser logs the 404 itself


def test_click_through_network_profile_dyad_event_article(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/network", wait_until="networkidle")
    page.wait_for_selector("#network[data-ready='1']", timeout=20000)
    box = page.locator("#network").bounding_box()
    x, y = page.evaluate(
        """() => { const n = window.allegianceNetwork; const p = n.getPositions(['s:TJK'])['s:TJK'];
                   const d = n.canvasToDOM(p); return [d.x, d.y]; }""")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(lambda url: "/actor/s%3ATJK" in url or "/actor/s:TJK" in url)
    assert "Tajikistan" in page.inner_text("h1")
    shot(page, "click-1-profile")

    page.click("#partners a.dyad-link >> nth=0")
    page.wait_for_url("**/dyad/**")
    page.wait_for_selector("#dyad-chart[data-ready='1']")
    page.locator("#dyad-chart .barlayer .point path").first.click(force=True)
    page.wait_for_selector("#period-list a.event-link")
    assert page.locator("#period-list mark.trigger").count() > 0  # evidence highlighted
    shot(page, "click-2-dyad")

    page.click("#period-list a.event-link >> nth=0")
    page.wait_for_url("**/event/**")
    assert page.locator("#evidence mark.trigger").count() == 1
    shot(page, "click-3-event")

    page.click("#article-link")
    page.wait_for_url("**/article/**")
    assert page.locator("#article-text mark.trigger").count() >= 1
    shot(page, "click-4-article")
