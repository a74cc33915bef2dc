"""Out-of-range, negative and non-numeric limit/offset on every /api list endpoint: 200 with a clamped or
default page, never a 500 (`?limit=9223372036854775808` overflowed the database's integer)."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.api_urls import router
from blueledger.core.api import Pagination
from blueledger.core.testing import api_client, make_department, make_user
from blueledger.users.choices import Role

HUGE = "9223372036854775808"
QUERIES = [
    {"limit": HUGE}, {"limit": "-1"}, {"limit": "abc"}, {"limit": "0"}, {"offset": HUGE}, {"offset": "-5"},
    {"offset": "abc"}, {"limit": HUGE, "offset": HUGE}, {"limit": "2", "offset": "-1"},
]
LIST_PATHS = sorted(f"/api/{prefix}/" for prefix, _viewset, _basename in router.registry)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_no_limit_or_offset_gives_a_500(path: str, shandong: dict[str, Any]) -> None:
    client = api_client(make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN))
    for query in QUERIES:
        response = client.get(path, query)
        assert response.status_code == 200, (query, response.status_code)
        assert len(response.json()["results"]) <= Pagination.MAX_LIMIT


def test_a_huge_limit_is_cut_to_the_maximum(shandong: dict[str, Any]) -> None:
    client = api_client(make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN))
    body = client.get("/api/regions/", {"limit": HUGE}).json()
    assert (body["count"], len(body["results"]), body["next"]) == (5, 5, None)
    assert client.get("/api/regions/", {"offset": HUGE}).json()["results"] == []
