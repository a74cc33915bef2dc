"""A page request reads its user with the user's department and region in one query: every page's header names
the department and every scope check reads the region, which cost two more queries on each page before. (API
tokens keep DRF's lookup: an administrator's API call reads neither, and the joins would cost it more than the
queries they save.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def _queries(client: Any, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
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
