"""In a real browser: the economy indicators page draws its charts from the vendored ECharts, and the
trajectory page shows 潍坊's bound target with the growth it needs."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.choices import Indicator
from blueledger.economy.demo import published_load
from blueledger.economy.services import target_bind
from blueledger.economy.tests.factories import load_classification
from blueledger.ledgers.models import LedgerQuantity
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_indicator_charts_and_trajectory_page(browser_page: Any, live_server: Any, shandong: dict[str, Any]) -> None:
    load_classification()
    published_load()
    ledger, _ = make_published_ledger(shandong["weifang"])
    target_bind(actor=None, quantity=LedgerQuantity.objects.get(ledger=ledger, unit="亿元"),
                indicator=Indicator.OCEAN_GDP, region=shandong["weifang"])
    make_user(make_department(shandong["weifang"]), Role.DISPATCHER, "wf-office")
    page = browser_page
    log_in(page, live_server, "wf-office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/economy/")
    page.wait_for_selector("body[data-charts-ready='1']")
    page.wait_for_selector("#chart-series canvas")
    page.wait_for_selector("#chart-industry canvas")
    assert "潍坊市" in page.inner_text("#series-table")
    page.goto(f"{live_server.url}/economy/trajectories/")
    assert page.inner_text(".required-growth") == "0.0%"  # the test plan's 1200亿元 is already passed
    assert "1703.4亿元 (2024年)" in page.inner_text(".trajectory")


def test_dashboard_charts_render_and_write_missing_as_no_data(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    load_classification()
    published_load()
    make_user(make_department(shandong["province"]), Role.DISPATCHER, "sd-office")
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, "sd-office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/economy/dashboard/?year=2024")
    page.wait_for_selector("body[data-charts-ready='1']")
    for chart in ("#chart-regions", "#chart-industries", "#chart-rounds"):
        page.wait_for_selector(f"{chart} svg")
    regions = page.text_content("#chart-regions svg") or ""
    assert "1703.4亿元" in regions and "5513.2亿元" in regions
    industries = page.text_content("#chart-industries svg") or ""
    assert "2524.3亿元" in industries
    assert industries.count("暂无数据") == 20
    assert errors == []
