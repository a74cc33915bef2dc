"""The dashboard (运行看板) before any figure is published says 暂无数据, never 0. Apart from
test_economy_dashboard, whose module shares published figures among its tests."""

from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_dashboard_without_figures_says_no_data(shandong: dict[str, Any]) -> None:
    response = page_client(make_user(make_department(shandong["qingdao"]), Role.VIEWER)).get("/economy/dashboard/")
    assert response.status_code == 200
    assert response.context["chart"]["regions"] == []
    assert "暂无数据。" in response.content.decode()
    assert Decimal(0) not in [v for r in response.context["board"].regions for v in r.figures.values()]
