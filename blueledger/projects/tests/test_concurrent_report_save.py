"""Four people saving one project's report for the same month at once, with real HTTP from threads against
the live server: one report for the month, every save in its history, no 500 (the unique constraint on
project and month used to answer 500 on PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

import pytest

from blueledger.core.racing import LiveSession, at_once, page_messages
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.projects.models import MonthlyReport, Project
from blueledger.projects.tests.factories import make_project, make_track
from blueledger.users.choices import Role

pytestmark = [pytest.mark.concurrent, pytest.mark.django_db(transaction=True)]

SAVERS = 4
TRIALS = 3


def test_four_saves_of_one_month_make_one_report_with_four_history_rows(
    shandong: dict[str, Any], live_server: Any
) -> None:
    department = make_department(shandong["huangdao"], "区海洋发展局")
    projects = [make_project(shandong["huangdao"], make_track(shandong["qingdao"]), responsible_department=department)
                for _ in range(TRIALS)]
    reporters = [make_user(department, Role.REPORTER, f"reporter{n}") for n in range(SAVERS)]
    sessions = [LiveSession(live_server.url, user.username, TEST_PASSWORD) for user in reporters]
    for project in projects:
        answers = at_once(*[
            partial(session.post, f"/projects/{project.pk}/reports/",
                    {"period": "2023-06", "year_to_date_completed_wan": str(1000 + n), "progress": f"进度{n}"})
            for n, session in enumerate(sessions)
        ])

        assert [a.status for a in answers] == [200] * SAVERS
        assert [set(page_messages(a.text)) for a in answers] == [{"已保存 2023-06 月度调度。"}] * SAVERS
        report = MonthlyReport.objects.get(project=project)
        assert report.period == date(2023, 6, 1)
        history = list(report.history.order_by("history_id"))  # type: ignore[attr-defined]
        assert [h.history_type for h in history] == ["+", "~", "~", "~"]
        assert sorted(h.history_user.username for h in history) == [u.username for u in reporters]
        last = history[-1]
        assert (report.year_to_date_completed_wan, report.progress) == (last.year_to_date_completed_wan,
                                                                        last.progress)
        project = Project.objects.get(pk=project.pk)
        assert (project.latest_report_period, project.latest_completed_wan) == (date(2023, 6, 1),
                                                                                 report.year_to_date_completed_wan)
        assert report.year_to_date_completed_wan in {Decimal(1000 + n) for n in range(SAVERS)}
