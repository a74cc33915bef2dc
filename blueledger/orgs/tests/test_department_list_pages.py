"""`/orgs/departments/` is paged (50 a page) with a constant number of queries, keeps its filters across pages,
offers in its region filter only the regions that hold a department the user sees, and filters as its Excel
export and /api/departments/ do (one DepartmentFilterSet)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from blueledger.core.testing import api_client, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.orgs import services
from blueledger.orgs.views import DEPARTMENTS_PER_PAGE
from blueledger.users.choices import Role
from blueledger.users.models import User

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<a href="/orgs/departments/(\d+)/">')


@pytest.fixture(scope="module")
def admin(django_db_setup: Any, django_db_blocker: Any) -> Iterator[User]:
    """An admin and 60 departments of Huangdao, built once for the module (the tests only read them)."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        admin = make_user(make_department(shandong["qingdao"], "市政府办"), Role.ADMIN)
        for number in range(60):
            services.department_create(actor=admin, region=shandong["huangdao"], name=f"部门{number:02d}全称",
                                       short_name=f"部门{number:02d}", kind="bureau", aliases=[f"别名{number}"])
        yield admin


@pytest.fixture
def admin_client(admin: User) -> Client:
    return page_client(admin)


def test_each_page_shows_fifty_departments_with_a_constant_number_of_queries(
    admin_client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(6):
        first = admin_client.get("/orgs/departments/").content.decode()
    with django_assert_num_queries(6):
        second = admin_client.get("/orgs/departments/?page=2").content.decode()

    assert DEPARTMENTS_PER_PAGE == 50
    assert len(ROW.findall(first)) == 50
    assert len(ROW.findall(second)) == 11  # 60 made here and the admin's own 市政府办
    assert set(ROW.findall(first)).isdisjoint(ROW.findall(second))
    assert "第 1 / 2 页, 共 61 个" in first and 'href="?&page=2">下一页' in first
    assert "第 2 / 2 页, 共 61 个" in second and "上一页" in second


def test_the_filters_travel_with_the_page_links(admin_client: Client) -> None:
    page = admin_client.get("/orgs/departments/?region=370211&q=%E9%83%A8%E9%97%A8").content.decode()

    assert len(ROW.findall(page)) == 50
    assert 'href="?region=370211&amp;q=%E9%83%A8%E9%97%A8&page=2">下一页' in page


def test_the_region_filter_lists_the_regions_holding_departments_in_scope(
    shandong: dict[str, Any], admin_client: Client
) -> None:
    make_department(shandong["weifang"], "市海渔局")
    admin_page = admin_client.get("/orgs/departments/").content.decode()
    reporter = make_user(make_department(shandong["huangdao"], "区海洋发展局"), Role.REPORTER)
    huangdao_page = page_client(reporter).get("/orgs/departments/").content.decode()

    options = re.compile(r'<option value="(\d+)"')
    assert options.findall(admin_page) == ["370200", "370211", "370700"]
    assert options.findall(huangdao_page) == ["370211"]


def test_page_export_and_api_filter_alike(shandong: dict[str, Any], admin_client: Client) -> None:
    admin = User.objects.get(role=Role.ADMIN)  # admin_client's user
    query = "region=370211&q=%E5%88%AB%E5%90%8D1"  # 别名1: 别名1 and 别名10–19 of Huangdao
    page = admin_client.get(f"/orgs/departments/?{query}").content.decode()
    sheet = load_workbook(BytesIO(admin_client.get(f"/orgs/departments/export.xlsx?{query}").content)).active
    api = api_client(admin).get(f"/api/departments/?{query}&limit=100").json()

    expected = {f"部门{number:02d}" for number in (1, *range(10, 20))}
    assert {re.sub(r"<.*?>", "", cell) for cell in re.findall(r'<a href="/orgs/departments/\d+/">(.*?)</a>', page)} \
        == expected
    assert {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected
    assert {row["short_name"] for row in api["results"]} == expected
