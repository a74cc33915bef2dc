"""A month only a few projects have reported for does not become the default 报告期, and the page says how
many reported the month it shows (3 of 91 looked like a collapse of every figure)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.projects import selectors
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    track = make_track(shandong["qingdao"])
    projects = [make_project(shandong["huangdao"], track) for _ in range(4)]
    make_project(shandong["laoshan"], track)  # never reported: not among the reporting projects
    for project in projects:
        make_report(project, "2023-11", 1000)
    make_report(projects[0], "2023-12", 2000)  # December: 1 of 4 so far
    user = make_user(make_department(shandong["qingdao"]), Role.VIEWER, "viewer")
    return {"user": user, "projects": projects}


def test_the_default_period_is_the_latest_month_half_the_projects_reported(world: dict[str, Any]) -> None:
    assert selectors.default_report_month(user=world["user"]) == datetime.date(2023, 11, 1)
    december = selectors.month_reporting(user=world["user"], period=datetime.date(2023, 12, 1))
    assert (december.reported, december.reporting, december.complete_enough) == (1, 4, False)


def test_the_default_moves_once_half_have_reported(world: dict[str, Any]) -> None:
    make_report(world["projects"][1], "2023-12", 2000)
    assert selectors.default_report_month(user=world["user"]) == datetime.date(2023, 12, 1)


def test_the_page_says_how_many_reported_its_month(world: dict[str, Any]) -> None:
    client = page_client(world["user"])

    default = client.get("/projects/").content.decode()
    assert "2023年11月已报送 4/4 个项目 (默认报告期: 最近一个至少一半项目已报送的月份)" in default

    december = client.get("/projects/?as_of=2023-12").content.decode()
    assert "2023年12月已报送 1/4 个项目: 不足一半, 本月数字尚不完整" in december
