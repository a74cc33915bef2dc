"""A dispatcher moves a lead from 在谈 to 签约 in the browser, converts it to a project and finds it in the
registry."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.projects import services
from blueledger.projects.models import Project
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_signed_lead_is_converted_and_seen_in_the_registry(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER, "dispatcher")
    lead = services.lead_create(
        actor=None,
        region=shandong["huangdao"],
        track=make_track(shandong["qingdao"]),
        name="深远海养殖工船项目",
        entered_on=date(2023, 3, 1),
    )

    log_in(browser_page, live_server, "dispatcher", TEST_PASSWORD)
    browser_page.goto(f"{live_server.url}/projects/pipeline/{lead.pk}/")
    browser_page.select_option("#id_stage", "signed")
    browser_page.fill("#id_changed_on", "2023-05-10")
    browser_page.fill("#id_signed_amount_wan", "560000")
    browser_page.click("form[action$='/stage/'] button[type=submit]")
    browser_page.wait_for_selector("h1 .badge:has-text('签约')")

    browser_page.fill("#id_plan_year", "2023")
    browser_page.fill("#id_annual_plan_wan", "80000")
    browser_page.click("#convert")
    browser_page.wait_for_url(re.compile(r".*/projects/\d+/$"))
    project = Project.objects.get(name="深远海养殖工船项目")
    assert browser_page.url == f"{live_server.url}/projects/{project.pk}/"
    assert (project.total_investment_wan, project.annual_plan_wan) == (560000, 80000)

    browser_page.goto(f"{live_server.url}/projects/registry/")
    assert "深远海养殖工船项目" in browser_page.inner_text("main")
    browser_page.goto(f"{live_server.url}/projects/pipeline/?stage=signed")
    assert "已转入" in browser_page.inner_text("main")
