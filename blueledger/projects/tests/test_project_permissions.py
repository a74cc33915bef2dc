"""Each role × projects of its scope and of another region, through pages and API: out-of-scope is 404,
forbidden writes write nothing; 填报员 reports only for its own department's projects. The list pages keep a
fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from blueledger.core.testing import make_department, make_user
from blueledger.projects.models import MonthlyReport
from blueledger.projects.tests.factories import make_project, make_track
from blueledger.users.choices import Role


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    departments = {
        "qingdao": make_department(shandong["qingdao"], "市海洋发展局"),
        "huangdao": make_department(shandong["huangdao"], "区海洋发展局"),
        "weifang": make_department(shandong["weifang"], "市海渔局"),
    }
    users = {
        "admin": make_user(departments["qingdao"], Role.ADMIN),
        "dispatcher": make_user(departments["qingdao"], Role.DISPATCHER),
        "reporter": make_user(departments["huangdao"], Role.REPORTER),
        "viewer": make_user(departments["qingdao"], Role.VIEWER),
        "weifang_dispatcher": make_user(departments["weifang"], Role.DISPATCHER),
    }
    projects = {
        "huangdao": make_project(
            shandong["huangdao"], make_track(shandong["qingdao"]), responsible_department=departments["huangdao"]
        ),
        "weifang": make_project(shandong["weifang"], make_track(shandong["weifang"])),
    }
    return {"users": users, "projects": projects}


READS = {
    "admin": {"huangdao", "weifang"},
    "dispatcher": {"huangdao"},
    "reporter": {"huangdao"},
    "viewer": {"huangdao"},
    "weifang_dispatcher": {"weifang"},
}
REPORTS = {
    "admin": {"huangdao", "weifang"},
    "dispatcher": {"huangdao"},
    "reporter": {"huangdao"},
    "viewer": set(),
    "weifang_dispatcher": {"weifang"},
}


def clients(user: Any) -> tuple[Client, APIClient]:
    page, api = Client(), APIClient()
    page.force_login(user)
    api.force_authenticate(user)
    return page, api


@pytest.mark.parametrize("role", list(READS))
@pytest.mark.parametrize("target", ["huangdao", "weifang"])
def test_read_and_report_through_page_and_api(world: dict[str, Any], role: str, target: str) -> None:
    page, api = clients(world["users"][role])
    project = world["projects"][target]
    readable = target in READS[role]
    assert page.get(f"/projects/{project.pk}/").status_code == (200 if readable else 404)
    assert api.get(f"/api/projects/{project.pk}/").status_code == (200 if readable else 404)
    form = {"period": "2023-06", "year_to_date_completed_wan": "100"}
    response = page.post(f"/projects/{project.pk}/reports/", form)
    api_response = api.post(
        f"/api/projects/{project.pk}/reports/", {"period": "2023-07", "year_to_date_completed_wan": "200"}
    )
    count = MonthlyReport.objects.filter(project=project).count()
    if target in REPORTS[role]:
        assert (response.status_code, api_response.status_code, count) == (302, 201, 2)
    else:
        assert response.status_code == (403 if readable else 404)
        assert api_response.status_code == (403 if readable else 404)
        assert count == 0


@pytest.mark.parametrize("role", list(READS))
def test_project_edit_only_by_managers_of_the_scope(world: dict[str, Any], role: str) -> None:
    page, _ = clients(world["users"][role])
    project = world["projects"]["huangdao"]
    response = page.post(f"/projects/{project.pk}/edit/", {"name": "改名"})
    expected = 200 if role in ("admin", "dispatcher") else (404 if role == "weifang_dispatcher" else 403)
    assert response.status_code == expected  # 200: the form comes back with its errors
    project.refresh_from_db()
    assert project.name != "改名"


def test_list_pages_keep_their_query_count(world: dict[str, Any], shandong: dict[str, Any]) -> None:
    page, api = clients(world["users"]["admin"])
    track = make_track(shandong["qingdao"])

    def counts() -> tuple[int, ...]:
        result = []
        for url, client in (("/projects/registry/", page), ("/api/projects/", api), ("/projects/?as_of=2023-06", page)):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return tuple(result)

    before = counts()
    for _ in range(15):
        make_project(shandong["laoshan"], track)
    assert counts() == before
