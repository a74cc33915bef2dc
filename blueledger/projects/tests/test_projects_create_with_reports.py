"""projects_create_with_reports writes what project_create and report_save write one after another (rows, history
rows, the derived latest report) and refuses what they refuse, writing nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.models import MonthlyReport, Project
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role


def _entries(shandong: dict[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    track = make_track(shandong["qingdao"], "海洋渔业")
    department = make_department(shandong["huangdao"], "区海洋发展局")
    return [
        ({"region": shandong["huangdao"], "track": track, "name": "深远海养殖工船项目", "content": "养殖工船",
          "kind": "continuing", "status": "under_construction", "total_investment_wan": Decimal(300000),
          "plan_year": 2023, "annual_plan_wan": Decimal(50000), "planned_start": date(2022, 3, 1),
          "planned_end": date(2025, 6, 1), "is_listed": True, "responsible_department": department},
         [{"period": date(2023, 2, 15), "year_to_date_completed_wan": Decimal("8000.50"), "progress": "主体施工"},
          {"period": date(2023, 1, 1), "year_to_date_completed_wan": Decimal(3000), "progress": "基础施工",
           "reason": "补报"}]),
        ({"region": shandong["laoshan"], "track": track, "name": "海洋牧场项目", "total_investment_wan": Decimal(9000),
          "plan_year": 2023}, []),
    ]


def _written() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the projects, reports and their history, without keys and dates that differ by nature."""
    def rows(model: type[models.Model], left_out: set[str]) -> list[tuple[Any, ...]]:
        names = [field.attname for field in model._meta.concrete_fields if field.attname not in left_out]
        return sorted(tuple(str(value) for value in row) for row in model._default_manager.values_list(*names))

    keys = {"id", "history_id", "history_date", "project_id"}
    return {
        "projects": rows(Project, keys),
        "reports": [(*row, project) for row, project in zip(
            rows(MonthlyReport, keys),
            [name for _, name in sorted(MonthlyReport.objects.values_list("pk", "project__name"))], strict=True)],
        "project history": rows(Project.history.model, keys),  # type: ignore[attr-defined]
        "report history": rows(MonthlyReport.history.model, keys),  # type: ignore[attr-defined]
    }


@pytest.mark.django_db
def test_the_same_rows_and_history_as_the_services_one_by_one(shandong: dict[str, Any]) -> None:
    admin = make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin")
    entries = _entries(shandong)
    with transaction.atomic():
        for values, reports in entries:
            project = services.project_create(actor=admin, reason="载入", **values)
            for report in sorted(reports, key=lambda report: report["period"]):
                services.report_save(actor=admin, project=project, **report)
        one_by_one = _written()
        transaction.set_rollback(True)
    assert not Project.objects.exists()

    created = services.projects_create_with_reports(actor=admin, reason="载入", entries=entries)

    assert [project.name for project in created] == ["深远海养殖工船项目", "海洋牧场项目"]
    assert _written() == one_by_one
    assert len(one_by_one["report history"]) == 2 and len(one_by_one["project history"]) == 2
    latest = Project.objects.values_list("name", "latest_report_period", "latest_completed_wan")
    assert sorted(latest) == [
        ("海洋牧场项目", None, None), ("深远海养殖工船项目", date(2023, 2, 1), Decimal("8000.50"))]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "refusal"), [
    (lambda entries: entries[1][0].update(name="深远海养殖工船项目"), "本市已有同名项目“深远海养殖工船项目”。"),
    (lambda entries: entries[0][1][0].update(year_to_date_completed_wan=Decimal(2000)),
     "累计完成投资 2000 万元少于 2023-01 的 3000 万元 (1–N月累计不能减少)。"),
    (lambda entries: entries[0][1][0].update(period=date(2023, 1, 20)),
     "“深远海养殖工船项目”的 2023-01 月度调度重复。"),
    (lambda entries: entries[1][0].update(total_investment_wan=Decimal(-1)), "总投资不能为负数: -1。"),
])
def test_a_refused_entry_writes_nothing(shandong: dict[str, Any], change: Any, refusal: str) -> None:
    entries = _entries(shandong)
    change(entries)
    with pytest.raises(ValidationError) as refused:
        services.projects_create_with_reports(actor=None, reason="载入", entries=entries)
    assert refusal in refused.value.messages
    assert (Project.objects.count(), MonthlyReport.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_reporter_of_another_city_may_not_load(shandong: dict[str, Any]) -> None:
    reporter = make_user(make_department(shandong["weifang"], "市海洋发展局"), Role.REPORTER, "reporter")
    with pytest.raises(PermissionDenied):
        services.projects_create_with_reports(actor=reporter, entries=_entries(shandong))
    assert not Project.objects.exists()
