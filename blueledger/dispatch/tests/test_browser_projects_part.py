"""In a real browser, a round's dashboard loads its region's 重点项目 part after the page, with its chart,
and a target read from the registry shows as such on the department's report page."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.dispatch.services.registry import registry_binding_set
from blueledger.dispatch.tests.factories import make_round
from blueledger.ledgers.services import ledger_publish
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = """青岛市海洋发展局2023年工作要点

一、聚焦大项目
(一)推进重点项目。推动重点项目建设3个。(牵头单位:市海洋发展局)
"""


def test_the_dashboard_loads_the_projects_part_and_the_report_page_shows_the_registry_figure(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    qingdao = shandong["qingdao"]
    bureau = make_department(qingdao, "市海洋发展局")
    make_user(make_department(qingdao, "调度办"), Role.DISPATCHER, "office")
    track = make_track(qingdao, "海洋装备")
    for district, done in ((shandong["huangdao"], 2000), (shandong["laoshan"], 14000)):
        make_report(make_project(district, track, annual_plan_wan=Decimal(20000)), "2023-06", done)
    ledger = make_ledger(qingdao, text=PLAN)
    ledger_publish(actor=None, ledger=ledger)
    reporting_round = make_round(ledger, (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30)))
    registry_binding_set(actor=None, quantity=ledger.quantities.get(), indicator="projects", filters={})
    page = browser_page

    log_in(page, live_server, "office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{reporting_round.pk}/dashboard/")
    page.wait_for_selector("#projects-count")
    assert page.inner_text("#projects-count") == "2"
    assert page.inner_text("#projects-completion-rate") == "40.00%"
    page.wait_for_selector("#chart-projects canvas")
    assert "黄岛区" in page.inner_text("#projects-lagging")  # 10% done against 序时进度 50%

    page.goto(f"{live_server.url}/dispatch/rounds/{reporting_round.pk}/departments/{bureau.pk}/")
    row = page.locator(f"[data-slot='{reporting_round.slots.get().pk}']")
    assert "取自重点项目库" in row.inner_text()
    assert row.locator("input").count() == 0
