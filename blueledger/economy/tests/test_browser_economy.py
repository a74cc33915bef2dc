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
