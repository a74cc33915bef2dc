"""The shared layout: Chinese only (no half-translated English), the six parts, plain pages for unbuilt parts,
and list pages whose query count does not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from blueledger.core.navigation import PRODUCT_PARTS
from blueledger.core.testing import make_department, make_user
from blueledger.orgs import services
from blueledger.users.choices import Role


@pytest.fixture
def dispatcher_client(shandong: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER))
    return client


def test_dashboard_is_chinese_with_the_six_parts(dispatcher_client: Client) -> None:
    page = dispatcher_client.get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "工作台" in page
    for label in ("计划台账", "调度通报", "重点项目", "海洋经济", "渔船监管", "专项台账"):
        assert label in page


def test_a_browser_asking_for_english_gets_chinese_and_no_language_switch(dispatcher_client: Client) -> None:
    page = dispatcher_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "工作台" in page and "English" not in page


@pytest.mark.parametrize("part", [part for part in PRODUCT_PARTS if part.url_name is None], ids=lambda p: p.slug)
def test_unbuilt_part_says_so(dispatcher_client: Client, part: Any) -> None:
    response = dispatcher_client.get(f"/parts/{part.slug}/")
    assert response.status_code == 200
    assert "本板块尚未建成" in response.content.decode()


def test_unknown_part_is_404(dispatcher_client: Client) -> None:
    assert dispatcher_client.get("/parts/nothing/").status_code == 404


def test_login_page_is_chinese() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "登录蓝色台账" in page and "用户名" in page and "密码" in page


def test_wrong_password_is_refused_in_chinese(shandong: dict[str, Any]) -> None:
    make_user(make_department(shandong["qingdao"]), Role.VIEWER, "wang")
    response = Client().post("/accounts/login/", {"username": "wang", "password": "wrong-password"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_department_list_query_count_does_not_grow(
    shandong: dict[str, Any], dispatcher_client: Client, django_assert_max_num_queries: Any
) -> None:
    admin = make_user(make_department(shandong["qingdao"], "市政府办"), Role.ADMIN)
    for number in range(30):
        services.department_create(
            actor=admin,
            region=shandong["huangdao"],
            name=f"部门{number}全称",
            short_name=f"部门{number}",
            kind="bureau",
            aliases=[f"别名{number}"],
        )
    with django_assert_max_num_queries(8):
        response = dispatcher_client.get("/orgs/departments/")
    assert response.content.decode().count("/orgs/departments/") >= 30


def test_region_list_query_count(dispatcher_client: Client, django_assert_max_num_queries: Any) -> None:
    from blueledger.orgs.services import regions_load_reference

    regions_load_reference(actor=None)
    with django_assert_max_num_queries(6):
        response = dispatcher_client.get("/orgs/regions/")
    assert "370211" in response.content.decode()


def test_api_schema_is_served(dispatcher_client: Client) -> None:
    response = dispatcher_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/departments/" in response.content.decode()


def test_vendored_assets_are_served_without_a_cdn(dispatcher_client: Client) -> None:
    page = dispatcher_client.get("/").content.decode()
    assert "//cdn" not in page and "https://" not in page
    for asset in ("/static/blueledger/site.css", "/static/vendor/htmx-2.0.11/htmx.min.js"):
        assert asset in page
        response = dispatcher_client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 1000


def test_an_empty_choice_reads_in_chinese(db: Any) -> None:
    from django import forms

    from blueledger.orgs.models import Region

    field = forms.ModelChoiceField(queryset=Region.objects.all())
    assert str(field.empty_label) == "- 请选择 -"
    assert '<option value="" selected>- 请选择 -</option>' in field.widget.render("region", "")
