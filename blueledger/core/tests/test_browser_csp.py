"""In a real browser, every main page runs under the enforced content security policy with no violation: no
inline script is refused (there is none), no script error is thrown, and every chart is drawn (ECharts needs
no eval). A page that broke the policy would lose its charts silently, so this test is the proof."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in, settle
from blueledger.core.testing import TEST_PASSWORD
from blueledger.core.tests.marked_world import main_pages, seed_marked_world
from blueledger.economy.demo import demo_index_load, published_load
from blueledger.economy.tests.factories import load_classification
from blueledger.fisheries.tests.factories import make_vessel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});"""

# Chart containers with no canvas (ECharts' canvas renderer) or svg (its svg renderer) inside: charts not drawn.
UNDRAWN_CHARTS = """Array.from(document.querySelectorAll("div[id^='chart-']"))
  .filter(function (e) { return !e.querySelector("canvas, svg"); }).map(function (e) { return e.id; })"""

CHARTED = {"/projects/?as_of=2023-06": 2, "/projects/pipeline/": 1, "/economy/": 2, "/economy/index/?region=370000": 1}


def test_every_main_page_passes_the_enforced_csp_and_draws_its_charts(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    world = seed_marked_world(shandong)
    load_classification()
    published_load()
    demo_index_load()
    vessel = make_vessel(shandong["qingdao"])
    round_pk = world["round"].pk
    pages = [*main_pages(world), "/economy/", "/economy/index/?region=370000", "/economy/trajectories/",
             "/fisheries/", f"/fisheries/vessels/{vessel.pk}/map/", "/api/docs/", "/admin/",
             "/accounts/password_change/"]
    page = browser_page
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    page.add_init_script(LISTEN)
    violations: dict[str, list[str]] = {}
    undrawn: dict[str, list[str]] = {}
    drawn: dict[str, int] = {}

    response = page.goto(f"{live_server.url}/accounts/login/")
    assert response is not None
    assert "script-src 'self';" in response.headers["content-security-policy"]
    log_in(page, live_server, "admin", TEST_PASSWORD)
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self';" in response.headers["content-security-policy"], path
        settle(page)
        if path == f"/dispatch/rounds/{round_pk}/dashboard/":
            page.wait_for_selector("#chart-trend svg")
        if path in CHARTED:
            # A locator wait: wait_for_function's polling evaluates a string, which the enforced CSP refuses.
            page.locator("div[id^='chart-'] canvas").nth(CHARTED[path] - 1).wait_for(state="attached")
        if path == "/api/docs/":
            page.wait_for_selector(".swagger-ui .info")
        if found := page.evaluate("window.__csp"):
            violations[path] = found
        if missing := page.evaluate(UNDRAWN_CHARTS):
            undrawn[path] = missing
        drawn[path] = page.locator("div[id^='chart-'] canvas, div[id^='chart-'] svg").count()

    assert violations == {}
    assert problems == []
    assert undrawn == {}
    assert drawn[f"/dispatch/rounds/{round_pk}/dashboard/"] >= 4
    assert all(drawn[path] >= count for path, count in CHARTED.items()), drawn
