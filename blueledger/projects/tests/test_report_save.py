"""Monthly reports: saved with history; negative, decreasing or above-total figures are refused, nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.models import MonthlyReport
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role


@pytest.fixture
def project(shandong: dict[str, Any]) -> Any:
    department = make_department(shandong["huangdao"], "区海洋发展局")
    return make_project(shandong["huangdao"], make_track(shandong["qingdao"]), responsible_department=department)


def test_reporter_of_the_responsible_department_saves_with_history(project: Any) -> None:
    reporter = make_user(project.responsible_department, Role.REPORTER)
    report = services.report_save(
        actor=reporter,
        project=project,
        period=date(2023, 6, 15),
        year_to_date_completed_wan=Decimal("1234.50"),
        progress="主体施工",
    )
    assert (report.period, report.year_to_date_completed_wan) == (date(2023, 6, 1), Decimal("1234.50"))
    assert report.history.get().history_user == reporter


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "不能为负数"),
        ("1999", "少于 2023-05 的 2000"),
        ("5001", "多于 2023-07 的 5000"),
        ("100001", "超过总投资 100000"),
    ],
)
def test_bad_figures_are_refused(project: Any, shandong: dict[str, Any], value: str, message: str) -> None:
    make_report(project, "2023-05", 2000)
    make_report(project, "2023-07", 5000)
    dispatcher = make_user(make_department(shandong["qingdao"]), Role.DISPATCHER)
    with pytest.raises(ValidationError, match=message):
        services.report_save(
            actor=dispatcher, project=project, period=date(2023, 6, 1), year_to_date_completed_wan=Decimal(value)
        )
    assert MonthlyReport.objects.count() == 2


def test_a_new_year_starts_again_from_zero(project: Any) -> None:
    make_report(project, "2022-12", 9000)
    services.report_save(actor=None, project=project, period=date(2023, 1, 1), year_to_date_completed_wan=Decimal(100))
    assert project.reports.count() == 2


def test_other_reporters_and_viewers_may_not_report(project: Any, shandong: dict[str, Any]) -> None:
    for user in (
        make_user(make_department(shandong["laoshan"]), Role.REPORTER),
        make_user(project.responsible_department, Role.VIEWER),
    ):
        with pytest.raises(PermissionDenied):
            services.report_save(
                actor=user, project=project, period=date(2023, 6, 1), year_to_date_completed_wan=Decimal(1)
            )
    assert not MonthlyReport.objects.exists()
