"""After BLUELEDGER_LOGIN_FAILURE_LIMIT failed sign-ins of one user name the right password is refused too, on
the login page, /api/token/ and /admin/login/, until the lock-out ends (there was no throttle: 100 failures,
then the right password worked)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.test import APIClient

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.users.choices import Role

LOCKED = "登录失败次数过多, 该账号已暂时锁定, 请15分钟后再试。"


@pytest.fixture(autouse=True)
def fresh_counts() -> Any:
    caches["login_throttle"].clear()
    yield
    caches["login_throttle"].clear()


@pytest.fixture
def account(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN, "wang")


def _fail(client: Client, times: int, path: str = "/accounts/login/") -> None:
    for _ in range(times):
        client.post(path, {"username": "wang", "password": "wrong-password"})


def test_five_failures_lock_the_login_page_even_for_the_right_password(account: Any) -> None:
    client = Client()
    _fail(client, 4)
    assert client.post("/accounts/login/", {"username": "wang", "password": TEST_PASSWORD}).status_code == 302
    client.post("/accounts/logout/")

    _fail(client, 5)
    response = client.post("/accounts/login/", {"username": "wang", "password": TEST_PASSWORD})

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_on_the_api_token_and_the_admin_login(account: Any, settings: Any) -> None:
    _fail(Client(), 5)
    api = APIClient()
    assert api.post("/api/token/", {"username": "wang", "password": TEST_PASSWORD}).status_code == 400
    admin = Client()
    admin.post("/admin/login/", {"username": "wang", "password": TEST_PASSWORD})
    assert "_auth_user_id" not in admin.session


def test_the_lock_ends_after_the_window(account: Any) -> None:
    _fail(Client(), 5)
    caches["login_throttle"].clear()  # what the end of BLUELEDGER_LOGIN_LOCKOUT_MINUTES does
    assert Client().post("/accounts/login/", {"username": "wang", "password": TEST_PASSWORD}).status_code == 302
