"""A dispatcher enters one month of a project's report in the browser and sees the indicators change."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_entry_changes_the_indicators(browser_page: Any, live_server: Any, shandong: dict[str, Any]) -> None:
    department = make_department(shandong["qingdao"], "市海洋发展局")
    make_user(department, Role.DISPATCHER, "dispatcher")
    track = make_track(shandong["qingdao"])
    project = make_project(shandong["huangdao"], track, name="黄岛海洋牧场项目", annual_plan_wan=20000)
    other = make_project(shandong["laoshan"], track, name="崂山渔港项目", annual_plan_wan=20000)
    make_report(other, "2023-06", 10000)

    log_in(browser_page, live_server, "dispatcher", TEST_PASSWORD)
    browser_page.goto(f"{live_server.url}/projects/?as_of=2023-06")
    assert browser_page.inner_text("#figure-completed .figure") == "1.00"
    assert browser_page.inner_text("#figure-completion-rate .figure") == "25.00%"
    browser_page.locator("body[data-charts-ready='1']").wait_for(state="attached")  # no string eval under the CSP

    browser_page.goto(f"{live_server.url}/projects/{project.pk}/?tab=reports")
    browser_page.fill("#id_period", "2023-06")
    browser_page.fill("#id_year_to_date_completed_wan", "10000")
    browser_page.fill("#id_progress", "主体施工")
    browser_page.click(".report-form button[type=submit]")
    browser_page.wait_for_selector("#reports td:has-text('主体施工')")

    browser_page.goto(f"{live_server.url}/projects/?as_of=2023-06")
    assert browser_page.inner_text("#figure-completed .figure") == "2.00"
    assert browser_page.inner_text("#figure-completion-rate .figure") == "50.00%"
    browser_page.click("#figure-started-rate")
    assert "黄岛海洋牧场项目" in browser_page.inner_text("main")
