"""The project's copy of its latest report (Project.latest_*) follows every saved report, makes no project
history, is left alone by a refused report, and gives the same indicators as looking the reports up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.models import Project
from blueledger.projects.selectors import project_indicators
from blueledger.projects.tests.factories import make_project, make_track
from blueledger.users.choices import Role

D = Decimal


@pytest.fixture
def city(shandong: dict[str, Any]) -> dict[str, Any]:
    admin = make_user(make_department(shandong["qingdao"]), Role.ADMIN)
    project = make_project(shandong["huangdao"], make_track(shandong["qingdao"]), annual_plan_wan=D(10000))
    return {**shandong, "admin": admin, "project": project}


def save(city: dict[str, Any], month: str, completed_wan: str) -> None:
    year, number = (int(part) for part in month.split("-"))
    services.report_save(
        actor=city["admin"],
        project=city["project"],
        period=date(year, number, 1),
        year_to_date_completed_wan=D(completed_wan),
    )


def latest(project: Project) -> tuple[date | None, Decimal | None]:
    return Project.objects.values_list("latest_report_period", "latest_completed_wan").get(pk=project.pk)


@pytest.mark.django_db
def test_the_copy_follows_the_latest_report_without_project_history(city: dict[str, Any]) -> None:
    project = city["project"]
    assert latest(project) == (None, None)
    save(city, "2023-05", "4000")
    assert latest(project) == (date(2023, 5, 1), D(4000))
    save(city, "2023-03", "2000")  # an earlier month: the latest stays
    assert latest(project) == (date(2023, 5, 1), D(4000))
    save(city, "2023-05", "4500.50")  # the latest replaced
    assert latest(project) == (date(2023, 5, 1), D("4500.50"))
    with pytest.raises(ValidationError):
        save(city, "2023-06", "100")  # refused: 1–N月累计 cannot decrease
    assert latest(project) == (date(2023, 5, 1), D("4500.50"))
    assert project.history.count() == 1  # its creation only: the copy makes no history row


@pytest.mark.django_db
def test_indicators_from_the_copy_agree_with_the_reports_at_every_month(city: dict[str, Any]) -> None:
    save(city, "2022-11", "9000")
    save(city, "2023-03", "2000")
    save(city, "2023-05", "4000")
    expected = {
        "2022-12": 9000,  # after the latest report of 2022 at the time: from the reports
        "2023-01": 0,
        "2023-02": 0,
        "2023-03": 2000,
        "2023-04": 2000,  # before the latest report: looked up
        "2023-05": 4000,  # at the latest report: the copy
        "2023-12": 4000,  # after it, same year: the copy
        "2024-01": 0,  # the copy is of last year
    }
    for month, completed in expected.items():
        as_of = date(int(month[:4]), int(month[5:]), 1)
        totals = project_indicators(user=city["admin"], as_of=as_of).overall.totals
        assert (month, totals.completed_wan) == (month, completed)
    june = project_indicators(user=city["admin"], as_of=date(2023, 6, 1)).overall.totals
    assert (june.completed_planned_wan, june.lagging) == (4000, 1)  # 40% < 50%
