"""API tokens expire after BLUELEDGER_API_TOKEN_HOURS and are deleted on logout (they never expired and
survived logout and a password change); /api/schema/ and /api/docs/ need a signed-in user."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user


def _token(client: APIClient) -> str:
    return client.post("/api/token/", {"username": "li", "password": TEST_PASSWORD}).json()["token"]


def test_an_expired_token_is_refused_and_a_new_one_issued(shandong: dict[str, Any], settings: Any) -> None:
    user = make_user(make_department(shandong["qingdao"], "市海洋发展局"), username="li")
    api = APIClient()
    key = _token(api)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/users/me/").status_code == 200

    Token.objects.filter(key=key).update(created=Token.objects.get(key=key).created - datetime.timedelta(
        hours=settings.API_TOKEN_HOURS, seconds=1))

    response = api.get("/api/users/me/")
    assert (response.status_code, response.json()["detail"]) == (403, "令牌已过期, 请重新获取 (/api/token/)。")
    fresh = _token(APIClient())
    assert fresh != key and list(Token.objects.filter(user=user).values_list("key", flat=True)) == [fresh]


def test_logout_deletes_the_users_tokens(shandong: dict[str, Any]) -> None:
    user = make_user(make_department(shandong["qingdao"], "市海洋发展局"), username="li")
    _token(APIClient())
    client = Client()
    client.force_login(user)
    client.post("/accounts/logout/")
    assert not Token.objects.filter(user=user).exists()


def test_the_schema_and_the_docs_need_a_signed_in_user(shandong: dict[str, Any]) -> None:
    assert Client().get("/api/schema/").status_code in (401, 403)
    assert Client().get("/api/docs/").status_code in (401, 403)
    client = Client()
    client.force_login(make_user(make_department(shandong["qingdao"], "市海洋发展局"), username="li"))
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
