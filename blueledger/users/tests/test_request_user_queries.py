"""A request reads its user with the user's department and region in one query (session and API token alike):
every page's header names the department and every scope check reads the region, which cost two more queries
on each request before."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.users.choices import Role
from blueledger.users.services import api_token_issue

pytestmark = pytest.mark.django_db


def _queries(client: Any, url: str, **headers: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def _by_primary_key(sqls: list[str], table: str) -> list[str]:
    return [sql for sql in sqls if f'FROM "{table}" WHERE "{table}"."id" =' in sql]


@pytest.fixture
def reporter(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["huangdao"], "区海洋局"), Role.REPORTER)


def test_a_page_reads_the_user_department_and_region_in_one_query(reporter: Any) -> None:
    sqls = _queries(page_client(reporter), "/projects/registry/")

    user_reads = [sql for sql in sqls if 'FROM "users_user"' in sql]
    assert len(user_reads) == 1
    assert 'JOIN "orgs_department"' in user_reads[0] and 'JOIN "orgs_region"' in user_reads[0]
    assert _by_primary_key(sqls, "orgs_department") == _by_primary_key(sqls, "orgs_region") == []
    assert "区海洋局" in page_client(reporter).get("/projects/registry/").content.decode()  # the header's name
    assert len(sqls) == 5  # session, user, and the page's own three


def test_an_api_token_reads_the_user_department_and_region_in_one_query(reporter: Any) -> None:
    token = api_token_issue(user=reporter).key
    sqls = _queries(APIClient(), "/api/projects/", HTTP_AUTHORIZATION=f"Token {token}")

    token_reads = [sql for sql in sqls if 'FROM "authtoken_token"' in sql]
    assert len(token_reads) == 1
    assert 'JOIN "orgs_department"' in token_reads[0] and 'JOIN "orgs_region"' in token_reads[0]
    assert _by_primary_key(sqls, "orgs_department") == _by_primary_key(sqls, "orgs_region") == []


def test_an_unknown_token_is_still_refused_in_drf_words(reporter: Any) -> None:
    # 403, not 401: the first authentication class (the session) names no WWW-Authenticate scheme.
    response = APIClient().get("/api/projects/", HTTP_AUTHORIZATION="Token 0123456789abcdef")

    assert (response.status_code, response.json()) == (403, {"detail": "认证令牌无效。"})


def test_an_inactive_user_s_token_is_refused_in_drf_words(reporter: Any) -> None:
    token = api_token_issue(user=reporter).key
    reporter.is_active = False
    reporter.save(update_fields=["is_active"])

    response = APIClient().get("/api/projects/", HTTP_AUTHORIZATION=f"Token {token}")

    assert (response.status_code, response.json()) == (403, {"detail": "用户未激活或者已删除。"})
