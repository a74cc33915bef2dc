"""Everyone changes their own password at /accounts/password_change/ (it was 404): the change is in the history,
similar or weak passwords are refused in Chinese, and the user's API tokens stop working."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user, page_client
from blueledger.users.choices import Role


def test_a_reporter_changes_the_password_and_the_token_is_deleted(shandong: dict[str, Any]) -> None:
    user = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.REPORTER, "zhang")
    token = APIClient().post("/api/token/", {"username": "zhang", "password": TEST_PASSWORD}).json()["token"]
    client = page_client(user)
    assert "修改密码" in client.get("/accounts/password_change/").content.decode()

    response = client.post("/accounts/password_change/", {
        "old_password": TEST_PASSWORD, "new_password1": "Lanse-taizhang-2025", "new_password2": "Lanse-taizhang-2025",
    })

    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password("Lanse-taizhang-2025")
    assert user.history.latest().history_change_reason == "修改密码"
    assert user.history.latest().history_user == user
    assert not Token.objects.filter(user=user).exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/users/me/").status_code == 403
    assert client.get("/").status_code == 200  # the session stays signed in


def test_a_password_like_the_user_name_is_refused(shandong: dict[str, Any]) -> None:
    user = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.REPORTER, "zhangweiguo")
    response = page_client(user).post("/accounts/password_change/", {
        "old_password": TEST_PASSWORD, "new_password1": "zhangweiguo1", "new_password2": "zhangweiguo1",
    })
    assert response.status_code == 400
    assert "太相似" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
