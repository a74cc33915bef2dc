"""403, 404, 500 and a failed CSRF check answer in Chinese inside the site's frame (never Django's English
"Server Error"); the 500 page renders without a request context."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), path("", include("blueledger.urls"))]

FRAME = '<a class="brand" href="/">蓝色台账<small>blueledger</small></a>'


def _reporter(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"]), Role.REPORTER, "reporter")


def test_404_in_chinese_in_the_frame(shandong: dict[str, Any]) -> None:
    response = page_client(_reporter(shandong)).get("/no/such/page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>页面不存在 (404)</h1>" in body
    assert FRAME in body and 'class="mainnav"' in body  # signed in: the navigation stays


def test_403_names_what_was_refused(shandong: dict[str, Any]) -> None:
    response = page_client(_reporter(shandong)).get("/users/new/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>无权访问 (403)</h1>" in body
    assert "<p>您的角色无权执行此操作。</p>" in body
    assert FRAME in body


@pytest.mark.urls("blueledger.core.tests.test_error_pages")
def test_500_in_chinese_in_the_frame(shandong: dict[str, Any]) -> None:
    client = page_client(_reporter(shandong))
    client.raise_request_exception = False
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>服务器出错 (500)</h1>" in body
    assert "您填写的内容没有保存" in body and FRAME in body
    assert "Server Error" not in body


def test_a_failed_csrf_check_says_to_submit_again() -> None:
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>页面已过期, 请重新提交 (403)</h1>" in body
    assert FRAME in body
    assert "CSRF verification failed" not in body
