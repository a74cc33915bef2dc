"""Each role × each kind of object × read/write, through pages and API, including other organisations'
objects reached by changing an id in the URL. Out-of-scope reads are 404; forbidden writes write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from blueledger.core.testing import (
    api_client,
    fresh,
    kept_for_module,
    make_department,
    make_shandong,
    make_user,
    page_client,
)
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, dict[str, Any]]]:
    """The departments and accounts, built once for the module."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        departments = {
            "qingdao": make_department(shandong["qingdao"], "市海洋发展局"),
            "huangdao": make_department(shandong["huangdao"], "区海洋发展局"),
            "laoshan": make_department(shandong["laoshan"], "区海洋局"),
            "weifang": make_department(shandong["weifang"], "市海渔局"),
        }
        users = {
            "admin": make_user(departments["qingdao"], Role.ADMIN, "admin"),
            "dispatcher": make_user(departments["qingdao"], Role.DISPATCHER, "dispatcher"),
            "reporter": make_user(departments["huangdao"], Role.REPORTER, "reporter"),
            "other_reporter": make_user(departments["laoshan"], Role.REPORTER, "other_reporter"),
            "viewer": make_user(departments["weifang"], Role.VIEWER, "viewer"),
        }
        yield {"departments": departments, "users": users}


@pytest.fixture
def world(world_rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The module's departments and accounts read afresh for each test (tests edit and refresh them)."""
    return fresh(world_rows)


# Which departments (by key) each role may read; everything else must look missing.
DEPARTMENT_READS = {
    "admin": {"qingdao", "huangdao", "laoshan", "weifang"},
    "dispatcher": {"qingdao", "huangdao", "laoshan"},
    "reporter": {"huangdao"},
    "viewer": {"weifang"},
}
# Which accounts each role may read.
USER_READS = {
    "admin": {"admin", "dispatcher", "reporter", "other_reporter", "viewer"},
    "dispatcher": {"admin", "dispatcher", "reporter", "other_reporter"},
    "reporter": {"reporter"},
    "viewer": {"viewer"},
}
ROLES = list(DEPARTMENT_READS)



@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["qingdao", "huangdao", "laoshan", "weifang"])
def test_department_read_through_page_and_api(world: dict[str, Any], role: str, target: str) -> None:
    user = world["users"][role]
    department = world["departments"][target]
    expected = 200 if target in DEPARTMENT_READS[role] else 404
    assert page_client(user).get(f"/orgs/departments/{department.pk}/").status_code == expected
    assert api_client(user).get(f"/api/departments/{department.pk}/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_department_lists_show_only_the_scope(world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    expected = {world["departments"][key].short_name for key in DEPARTMENT_READS[role]}
    response = api_client(user).get("/api/departments/")
    assert {row["short_name"] for row in response.json()["results"]} == expected
    page = page_client(user).get("/orgs/departments/").content.decode()
    for key, department in world["departments"].items():
        assert (f"/orgs/departments/{department.pk}/" in page) == (key in DEPARTMENT_READS[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["qingdao", "weifang"])
def test_department_write_through_page_and_api(world: dict[str, Any], role: str, target: str) -> None:
    user = world["users"][role]
    department = world["departments"][target]
    history_before = department.history.count()
    form = {"name": "改名后的全称", "short_name": department.short_name, "kind": "bureau", "is_active": "on"}
    page = page_client(user).post(f"/orgs/departments/{department.pk}/edit/", form)
    api = api_client(user).patch(f"/api/departments/{department.pk}/", {"notes": "API 修改"}, format="json")
    department.refresh_from_db()
    if role == "admin":
        assert page.status_code == 302
        assert api.status_code == 200
        assert (department.name, department.notes) == ("改名后的全称", "API 修改")
    else:
        assert page.status_code == 403
        assert api.status_code == 403  # refused by role before any lookup, so ids cannot be probed
        assert department.name != "改名后的全称" and department.notes == ""
        assert department.history.count() == history_before


@pytest.mark.parametrize("role", ROLES)
def test_department_create_and_alias_write(world: dict[str, Any], role: str, shandong: dict[str, Any]) -> None:
    user = world["users"][role]
    count_before = Department.objects.count()
    target = world["departments"]["huangdao"]
    page = page_client(user).post(
        "/orgs/departments/new/",
        {"region": shandong["huangdao"].pk, "name": "新部门全称", "short_name": "新部门", "kind": "bureau"},
    )
    api = api_client(user).post(
        "/api/departments/", {"region_code": "370211", "name": "接口部门", "short_name": "接口"}, format="json"
    )
    alias = page_client(user).post(f"/orgs/departments/{target.pk}/aliases/", {"alias": "海发局"})
    if role == "admin":
        assert (page.status_code, api.status_code) == (302, 201)
        assert Department.objects.count() == count_before + 2
    else:
        assert (page.status_code, api.status_code) == (403, 403)
        assert Department.objects.count() == count_before
    # Aliases are remembered during ledger review, so the dispatch office of the region may add them too.
    if role in ("admin", "dispatcher"):
        assert alias.status_code == 302
        assert list(target.aliases.values_list("alias", flat=True)) == ["海发局"]
    else:
        assert alias.status_code in (403, 404)
        assert not target.aliases.exists()


def test_dispatcher_cannot_add_an_alias_outside_the_scope(world: dict[str, Any]) -> None:
    target = world["departments"]["weifang"]
    response = page_client(world["users"]["dispatcher"]).post(
        f"/orgs/departments/{target.pk}/aliases/", {"alias": "海渔局"}
    )
    assert response.status_code == 404
    assert not target.aliases.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["admin", "reporter", "other_reporter", "viewer"])
def test_user_read_through_page_and_api(world: dict[str, Any], role: str, target: str) -> None:
    user = world["users"][role]
    account = world["users"][target]
    expected = 200 if target in USER_READS[role] else 404
    assert page_client(user).get(f"/users/{account.pk}/").status_code == expected
    assert api_client(user).get(f"/api/users/{account.pk}/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_user_write(world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    account = world["users"]["other_reporter"]
    form = {"username": account.username, "role": Role.DISPATCHER, "department": account.department_id}
    response = page_client(user).post(f"/users/{account.pk}/edit/", form)
    account.refresh_from_db()
    if role == "admin":
        assert response.status_code == 302
        assert account.role == Role.DISPATCHER
    else:
        assert response.status_code == 403
        assert account.role == Role.REPORTER


@pytest.mark.parametrize("role", ROLES)
def test_regions_are_readable_reference_data_not_writable(world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    assert page_client(user).get("/orgs/regions/370700/").status_code == 200
    assert api_client(user).get("/api/regions/370700/").status_code == 200
    response = api_client(user).patch("/api/regions/370700/", {"name": "改名"}, format="json")
    assert response.status_code == 405


def test_anonymous_gets_login_page_and_api_refusal(world: dict[str, Any]) -> None:
    department = world["departments"]["qingdao"]
    response = Client().get(f"/orgs/departments/{department.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert APIClient().get(f"/api/departments/{department.pk}/").status_code in (401, 403)
    assert APIClient().get("/api/departments/").status_code in (401, 403)


def test_token_authentication_has_the_same_scope(world: dict[str, Any]) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world["users"]["viewer"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/departments/{world['departments']['weifang'].pk}/").status_code == 200
    assert client.get(f"/api/departments/{world['departments']['qingdao'].pk}/").status_code == 404
