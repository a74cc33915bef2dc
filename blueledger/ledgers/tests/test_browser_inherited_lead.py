"""In a browser: the dispatcher gives the unled targets one lead (统一指定), sees the sub-tasks take it (沿用)
on the review page and on the published ledger, and downloads the Excel 台账."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.ledgers.tests.test_inherited_lead import PLAN
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dispatcher_assigns_one_lead_and_sees_it_inherited(browser_page: Any, live_server: Any,
                                                          shandong: dict[str, Any]) -> None:
    weifang = shandong["weifang"]
    bureau = make_department(weifang, "市海渔局", name="潍坊市海洋发展和渔业局")
    for name in ("市发改委", "市交通局"):
        make_department(weifang, name)
    make_user(make_department(weifang, "调度办"), Role.DISPATCHER, "office")
    ledger = make_ledger(weifang, text=PLAN)
    page = browser_page

    log_in(page, live_server, "office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/ledgers/{ledger.pk}/")
    assert "3 项任务的目标没有牵头单位" in page.inner_text("#unassigned")
    page.select_option("#unassigned select[name=department]", str(bureau.pk))
    page.click("#assign-unassigned")
    page.wait_for_selector(".messages li.success")
    assert page.inner_text(".messages li.success") == (
        "统一指定: 任务 一、二 由市海渔局牵头, 下级任务 一.(一)、一.(三) 沿用。")
    assert page.locator("[data-task='一.(三)'] .inherited-lead").inner_text() == "沿用 市海渔局"

    page.click("#publish")
    page.wait_for_selector("table.published-tasks")
    assert page.locator("tr[data-task='一.(一)'] td.leads").inner_text() == "沿用 市海渔局"
    assert page.locator("tr[data-task='一.(二)'] td.leads").inner_text() == "市发改委"
    with page.expect_download() as download:
        page.click("#ledger-export")
    assert download.value.suggested_filename == "潍坊市海洋发展和渔业局2025年工作要点-台账.xlsx"
