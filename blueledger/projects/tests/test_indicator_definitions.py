"""Each indicator on small hand-made cases: first the engine's definition, then the database agrees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.indicators import ProjectRow, figures_of, is_lagging, percent_text, schedule_rate, totals_of
from blueledger.projects.models import Project
from blueledger.projects.selectors import lagging_projects, project_indicators
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

D = Decimal


def row(
    started: bool = True, listed: bool = True, total: int = 100000, plan: int | None = 20000, done: int = 0
) -> ProjectRow:
    return ProjectRow(
        status_started=started,
        is_listed=listed,
        total_investment_wan=D(total),
        annual_plan_wan=None if plan is None else D(plan),
        year_to_date_completed_wan=D(done),
    )


def test_started_rate_counts_started_over_all() -> None:
    figures = figures_of(totals_of([row(), row(), row(started=False)]), month=6)
    assert figures.started_rate == D(2) / D(3)
    assert percent_text(figures.started_rate) == "66.67%"


def test_a_project_without_annual_plan_counts_in_completed_but_not_in_the_rate() -> None:
    figures = figures_of(totals_of([row(plan=10000, done=5000), row(plan=None, done=7000)]), month=6)
    assert figures.totals.completed_wan == 12000
    assert figures.totals.annual_plan_wan == 10000
    assert figures.annual_completion_rate == D("0.5")


def test_rates_without_denominator_are_none_and_shown_as_dash() -> None:
    figures = figures_of(totals_of([row(started=False, plan=None)]), month=3)
    assert (figures.annual_completion_rate, figures.listed_rate) == (None, None)
    assert percent_text(figures.listed_rate) == "—"
    assert figures_of(totals_of([]), month=1).started_rate is None


def test_listed_rate_is_listed_started_over_started() -> None:
    figures = figures_of(totals_of([row(listed=True), row(listed=False), row(started=False, listed=True)]), month=6)
    assert figures.listed_rate == D("0.5")


def test_schedule_rate_and_lagging() -> None:
    assert schedule_rate(6) == D("0.5") and percent_text(schedule_rate(8)) == "66.67%"
    assert is_lagging(row(plan=10000, done=4999), month=6)
    assert not is_lagging(row(plan=10000, done=5000), month=6)
    assert not is_lagging(row(plan=None, done=0), month=6)


def test_size_classes_are_cumulative() -> None:
    figures = figures_of(totals_of([row(total=600000), row(total=350000), row(total=120000), row(total=5000)]), month=1)
    assert [count for _, _, count in figures.size_counts] == [1, 2, 3, 3]


@pytest.fixture
def city(shandong: dict[str, Any]) -> dict[str, Any]:
    track = make_track(shandong["qingdao"], "海洋渔业")
    other = make_track(shandong["qingdao"], "海洋装备", 1)
    return {**shandong, "fishery": track, "equipment": other}


@pytest.mark.django_db
def test_database_uses_the_latest_report_of_the_year_up_to_the_month(city: dict[str, Any]) -> None:
    project = make_project(city["huangdao"], city["fishery"], annual_plan_wan=D(10000))
    make_report(project, "2022-12", 9000)  # last year: not counted
    make_report(project, "2023-03", 2000)
    make_report(project, "2023-05", 4000)
    make_report(project, "2023-07", 8000)  # after the month: not counted
    planless = make_project(city["laoshan"], city["equipment"], annual_plan_wan=None, status="preparing")
    make_report(planless, "2023-06", 1500)
    admin = make_user(make_department(city["qingdao"]), Role.ADMIN)
    assert [f.label for f in project_indicators(user=admin, as_of=date(2023, 6, 1)).by_district] == ["青岛市"]
    result = project_indicators(user=admin, as_of=date(2023, 6, 1), district="370200")
    totals = result.overall.totals
    assert (totals.projects, totals.started, totals.completed_wan, totals.annual_plan_wan) == (2, 1, 5500, 10000)
    assert result.overall.annual_completion_rate == D("0.4")
    assert [(f.label, f.totals.projects) for f in result.by_district] == [("黄岛区", 1), ("崂山区", 1)]
    lagging = lagging_projects(Project.objects.all(), date(2023, 6, 1))
    assert [(item.name, item.completion_rate) for item in lagging] == [(project.name, D("0.4"))]
    assert totals.lagging == 1


@pytest.mark.django_db
def test_a_project_moved_between_districts_counts_where_it_is_now(city: dict[str, Any]) -> None:
    admin = make_user(make_department(city["qingdao"]), Role.ADMIN)
    project = make_project(city["huangdao"], city["fishery"])
    make_report(project, "2023-06", 3000)
    services.project_update(actor=admin, project=project, region=city["laoshan"], reason="调整属地")
    result = project_indicators(user=admin, as_of=date(2023, 6, 1), district="370200")
    assert [(f.label, f.totals.completed_wan) for f in result.by_district] == [("崂山区", 3000)]
    assert project_indicators(user=admin, as_of=date(2023, 6, 1), district="370211").overall.totals.projects == 0
    latest = project.history.first()
    assert (latest.history_user, latest.history_change_reason, latest.region_id) == (
        admin,
        "调整属地",
        city["laoshan"].pk,
    )


@pytest.mark.django_db
def test_lagging_projects_are_ordered_by_their_completion_rate(city: dict[str, Any]) -> None:
    # Whole-万元 amounts: SQLite divided them as integers, so every rate under 100% sorted as 0.
    rates = {"甲项目": (10000, 4726), "乙项目": (10000, 0), "丙项目": (20000, 4000)}
    for name, (plan, done) in rates.items():
        make_report(make_project(city["huangdao"], city["fishery"], name=name, annual_plan_wan=D(plan)), "2023-06",
                    done)
    lagging = lagging_projects(Project.objects.all(), date(2023, 6, 1))
    assert [(item.name, item.completion_rate) for item in lagging] == [
        ("乙项目", D(0)), ("丙项目", D("0.2")), ("甲项目", D("0.4726")),
    ]
