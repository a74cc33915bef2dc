"""The dashboard (运行看板): the year's figures by region and value added by region and industry, scoped,
with a missing figure written 暂无数据 (never 0) and units that have not reported listed as 未报送; numbers
printed by lib.numbers; a bounded number of queries."""

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.economy.choices import FormFrequency
from blueledger.economy.demo import published_load
from blueledger.economy.services import form_define, form_round_open, submission_save
from blueledger.economy.tests.factories import load_classification, make_unit
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Published figures and a month's form, built once for the module; what each test writes is rolled back.
    The dashboard without any figure is in test_economy_dashboard_empty."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        published_load()
        units = [make_unit(shandong["weifang"], name=f"潍坊看板单位{n}有限公司") for n in range(3)]
        form = form_define(actor=None, name="看板月报", frequency=FormFrequency.MONTH,
                           fields=[{"key": "revenue", "label": "营业收入", "unit": "万元"}])
        form_round = form_round_open(actor=None, form=form, region=shandong["weifang"], year=2025, period=9,
                                     due_date=datetime.date(2025, 10, 5), units=units)
        submission_save(actor=None, form_round=form_round, unit=units[0], written={"revenue": "1200"})
        yield {**shandong, "units": units,
               "province_dispatcher": make_user(make_department(shandong["province"]), Role.DISPATCHER),
               "weifang_viewer": make_user(make_department(shandong["weifang"]), Role.VIEWER)}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def test_dashboard_shows_missing_as_no_data_never_zero(world: dict[str, Any]) -> None:
    client = page_client(world["province_dispatcher"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/economy/dashboard/", {"year": "2024"})
    assert response.status_code == 200
    assert len(queries) <= 12
    chart = response.context["chart"]
    assert chart["year"] == 2024
    assert chart["regions"] == ["山东省", "青岛市", "潍坊市"]
    assert chart["gdp"] == [18011.8, 5513.2, 1703.4]
    assert chart["gdp_text"] == ["18011.8亿元", "5513.2亿元", "1703.4亿元"]
    assert chart["share_text"] == ["18.3%", "33%", "21%"]
    # 青岛 has 15个主要海洋产业 for 2024; 山东 and 潍坊 have no value added for 2024: 暂无数据, not 0.
    assert chart["industries"] == ["海洋产业", "海洋上游相关产业", "海洋下游相关产业", "海洋渔业",
                                   "海洋化工业", "海洋交通运输业", "海洋旅游业"]
    assert chart["cells"] == [[0, 1, 2524.3, "2524.3亿元"]]
    assert [gap for gap in chart["gaps"] if gap[1] == 1] == [[x, 1, "暂无数据"] for x in range(1, 7)]
    assert len(chart["gaps"]) == 3 * 7 - 1
    assert 0 not in chart["gdp"]
    rows = response.context["rows"]
    assert rows[2] == {"name": "潍坊市", "gdp": "1703.4亿元", "growth": "6.8%", "share": "21%"}
    assert rows[1]["growth"] == "暂无数据"
    assert chart["rounds"] == ["看板月报 潍坊市 2025年9月"]
    assert (chart["submitted"], chart["returned"], chart["missing"]) == ([1], [0], [2])
    page = response.content.decode()
    assert "潍坊看板单位1有限公司、潍坊看板单位2有限公司" in page
    assert 'src="/static/economy/dashboard.js"' in page
    assert "<script>" not in page
    assert json.loads(page.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0]) == chart


def test_dashboard_year_defaults_to_latest_ocean_gdp_and_is_scoped(world: dict[str, Any]) -> None:
    response = page_client(world["weifang_viewer"]).get("/economy/dashboard/", {"year": "abc"})
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart["year"] == 2024
    assert chart["regions"] == ["潍坊市"]
    assert chart["industries"] == [] and chart["cells"] == []
    assert response.context["board"].years == (2024,)
