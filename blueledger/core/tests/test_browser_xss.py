"""In a real browser, user text holding markup stays text on every main page: an `<img onerror>` seeded into
every user-editable text field (ledger and task titles, department, project, track and lead names, report
progress, objections) never runs, also when the charts draw their tooltips over it."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in, settle
from blueledger.core.testing import TEST_PASSWORD
from blueledger.core.tests.marked_world import PAYLOAD, main_pages, seed_marked_world
from blueledger.projects.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hover_charts(page: Any) -> None:
    """Moves the mouse across every chart, so that ECharts draws its tooltips (HTML) for what is under it."""
    for canvas in page.locator("canvas").all():
        box = canvas.bounding_box()
        if not box:
            continue
        for fx in (0.2, 0.35, 0.5, 0.65, 0.8):
            for fy in (0.3, 0.5, 0.7):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
                page.wait_for_timeout(20)


def test_seeded_markup_never_runs_on_the_main_pages(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    world = seed_marked_world(shandong)
    page = browser_page
    pages = main_pages(world)
    log_in(page, live_server, "admin", TEST_PASSWORD)
    ran: list[str] = []
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        settle(page)
        _hover_charts(page)
        if page.evaluate("typeof window.__xss") != "undefined":
            ran.append(path)
    assert ran == []
    assert Lead.objects.filter(name__startswith=PAYLOAD).count() == 1
