"""The economy pages: scoped unit directory with the shared filters and a bounded number of queries, unit
history, indicators with sources, trajectories, classification, import refusing bad rows; and the API with
the same scope."""

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from blueledger.core.testing import (
    api_client,
    fresh,
    kept_for_module,
    make_department,
    make_shandong,
    make_user,
    page_client,
)
from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.choices import Indicator
from blueledger.economy.demo import published_load
from blueledger.economy.models import OceanIndustry, StatisticalUnit
from blueledger.economy.services import target_bind, unit_update
from blueledger.economy.tests.factories import (
    load_classification,
    make_unit,
    make_uscc,
    units_workbook,
)
from blueledger.ledgers.models import LedgerQuantity
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Published figures, units and a bound target, built once for the module; what each test writes is rolled
    back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        published_load()
        shipbuilding = OceanIndustry.objects.get(key="shipbuilding")
        qingdao_units = [make_unit(shandong["huangdao"], ocean_industry=shipbuilding, sea_share=Decimal("0.5"))
                         for _ in range(3)]
        weifang_unit = make_unit(shandong["weifang"], name="潍坊示例化工有限公司")
        ledger, _ = make_published_ledger(shandong["weifang"])
        target_bind(actor=None, quantity=LedgerQuantity.objects.get(ledger=ledger, unit="亿元"),
                    indicator=Indicator.OCEAN_GDP, region=shandong["weifang"])
        yield {**shandong, "qingdao_units": qingdao_units, "weifang_unit": weifang_unit,
               "qingdao_viewer": make_user(make_department(shandong["qingdao"]), Role.VIEWER),
               "weifang_dispatcher": make_user(make_department(shandong["weifang"]), Role.DISPATCHER)}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def test_unit_list_is_scoped_filtered_and_bounded_in_queries(world: dict[str, Any]) -> None:
    client = page_client(world["qingdao_viewer"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/economy/units/", {"industry": "marine_industries", "size": "below"})
    assert response.status_code == 200
    assert [unit.pk for unit in response.context["page"]] == sorted(u.pk for u in world["qingdao_units"])
    assert len(queries) <= 10
    with CaptureQueriesContext(connection) as few:
        client.get("/economy/units/")
    for _ in range(20):
        make_unit(world["huangdao"])
    with CaptureQueriesContext(connection) as more:
        client.get("/economy/units/")
    assert len(more) == len(few)  # no query per row
    assert "潍坊示例化工有限公司" not in client.get("/economy/units/").content.decode()


def test_unit_detail_shows_history_and_other_scopes_get_404(world: dict[str, Any]) -> None:
    unit = world["qingdao_units"][0]
    unit_update(actor=None, unit=unit, sea_share=Decimal("0.8"), reason="核实涉海比例")
    client = page_client(world["qingdao_viewer"])
    page = client.get(f"/economy/units/{unit.pk}/", {"tab": "history"}).content.decode()
    assert "核实涉海比例" in page and "50.0%" not in page
    assert client.get(f"/economy/units/{world['weifang_unit'].pk}/").status_code == 404


def test_indicators_page_shows_series_with_sources_and_chart(world: dict[str, Any]) -> None:
    response = page_client(world["qingdao_viewer"]).get("/economy/")
    page = response.content.decode()
    assert response.status_code == 200
    table = response.context["table"]
    assert [row.name for row in table.rows] == ["全国", "山东省", "青岛市", "潍坊市"]
    assert table.years == (2017, 2019, 2020, 2021, 2022, 2023, 2024)
    assert "chaxiaohao.com (二手来源)" in page
    assert "echarts.min.js" in page and "cdn" not in page.lower()
    assert response.context["chart"]["industries"][:2] == ["海洋渔业", "海洋船舶工业"]  # 全国 2024 first


def test_trajectory_page_lists_the_bound_target(world: dict[str, Any]) -> None:
    page = page_client(world["weifang_dispatcher"]).get("/economy/trajectories/").content.decode()
    assert "海洋生产总值" in page and "1703.4亿元 (2024年)" in page
    assert "没有与经济指标绑定" in page_client(world["qingdao_viewer"]).get("/economy/trajectories/").content.decode()


def test_import_page_lists_errors_and_writes_nothing(world: dict[str, Any]) -> None:
    client = page_client(world["weifang_dispatcher"])
    bad = make_uscc("370700")[:17] + "I"
    upload = SimpleUploadedFile("名录.xlsx", units_workbook([[bad, "潍坊新单位有限公司", "370700"]]))
    before = StatisticalUnit.objects.count()
    response = client.post("/economy/units/import/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<table class="grid import-problems" id="job-problems">' in page  # row, column, reason as before
    assert "含有不允许的字符“I”" in page
    assert StatisticalUnit.objects.count() == before
    assert page_client(world["qingdao_viewer"]).get("/economy/units/import/").status_code == 403


def test_export_round_trips_the_import_columns(world: dict[str, Any]) -> None:
    response = page_client(world["qingdao_viewer"]).get("/economy/units/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("统一社会信用代码", "单位名称", "所在区划")
    assert len(rows) == 4 and rows[1][5] == "50%"


def test_classification_page_marks_unconfirmed(world: dict[str, Any]) -> None:
    page = page_client(world["qingdao_viewer"]).get("/economy/classification/").content.decode()
    assert "C3737 海洋工程装备制造" in page and "A0411 海水养殖 <span class=\"badge\">未核实</span>" in page


def test_api_units_scoped_figures_and_trajectory(world: dict[str, Any]) -> None:
    client = api_client(world["qingdao_viewer"])
    units = client.get("/api/economy-units/").json()
    assert units["count"] == 3 and {u["region_code"] for u in units["results"]} == {"370211"}
    figures = client.get("/api/economy-figures/", {"indicator": "ocean_gdp", "region": "370700"}).json()
    assert [(f["year"], f["value"], f["source"]) for f in figures["results"]] == [
        (2024, "1703.4000", "chaxiaohao.com (二手来源)")
    ]
    assert client.get("/api/economy-trajectories/", {"region": "370700"}).status_code == 404
    trajectories = api_client(world["weifang_dispatcher"]).get("/api/economy-trajectories/", {"region": "370700"})
    assert [(t["indicator"], t["latest_value"], t["latest_period"]) for t in trajectories.json()] == [
        ("海洋生产总值", 1703.4, "2024")
    ]
    schema = client.get("/api/schema/").content.decode()
    assert "/api/economy-units/" in schema and "/api/economy-trajectories/" in schema
