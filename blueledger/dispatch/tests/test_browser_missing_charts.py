"""In Chromium, the dashboard's charts draw an unreported unit as 未报送 (no 0 bar) and an empty chart as 暂无数据."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unreported_bars_and_empty_charts(browser_page: Any, live_server: Any, shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    make_office(shandong["weifang"])
    page = browser_page
    log_in(page, live_server, "office", TEST_PASSWORD)

    page.goto(f"{live_server.url}/dispatch/rounds/{october.pk}/dashboard/")
    page.wait_for_selector("#chart-sections svg")
    assert "暂无数据" in page.inner_text("#chart-sections")
    assert "暂无数据" in page.inner_text("#chart-trend")

    report_all(october, departments["市发改委"], ["600"])
    page.goto(f"{live_server.url}/dispatch/rounds/{october.pk}/dashboard/")
    page.wait_for_selector("#chart-departments svg")
    departments_chart = page.inner_text("#chart-departments")
    assert "50%" in departments_chart
    assert departments_chart.count("未报送") == 2  # 市海渔局 and 市生态环境局
    assert departments_chart.split("\n").count("0%") == 1  # the axis' tick; no bar labelled 0%
