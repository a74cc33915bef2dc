"""Every economy table exports to Excel under a Chinese file name: figures, trajectories, composite index
with contributions, cluster evaluation and a round's submissions (the unit directory's own round trip is in
test_units_import). Each file is opened back: headers, a value, missing written as text (never 0), and
formula-like text kept as text."""

import datetime
from collections.abc import Iterator
from io import BytesIO, StringIO
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from blueledger.core.testing import kept_for_module, make_department, make_user, page_client
from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.choices import FormFrequency, Indicator
from blueledger.economy.demo import (
    CLUSTER_INDEX,
    DEMO_INDEX,
    clusters_load,
    demo_index_load,
    published_load,
    units_load,
)
from blueledger.economy.models import CompositeIndex, StatisticalUnit
from blueledger.economy.services import form_define, form_round_open, submission_save, target_bind, unit_update
from blueledger.economy.tests.factories import load_classification
from blueledger.ledgers.models import LedgerQuantity
from blueledger.orgs.models import Region
from blueledger.users.choices import Role
from blueledger.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Every economy table's demo rows and a bound target, built once for the module; what each test writes is
    rolled back."""
    with kept_for_module(django_db_blocker):
        call_command("refdata", stdout=StringIO())
        load_classification()
        published_load()
        units_load()
        clusters_load()
        demo_index_load()
        weifang = Region.objects.get(code="370700")
        ledger, _ = make_published_ledger(weifang)
        target_bind(actor=None, quantity=LedgerQuantity.objects.get(ledger=ledger, unit="亿元"),
                    indicator=Indicator.OCEAN_GDP, region=weifang)
        office = make_user(make_department(Region.objects.get(code="370000")), Role.DISPATCHER)
        yield {"weifang": weifang, "office": office}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return {"weifang": Region.objects.get(pk=world_rows["weifang"].pk),
            "client": page_client(User.objects.get(pk=world_rows["office"].pk))}


def _open(response: Any, filename: str) -> Any:
    assert response.status_code == 200
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{quote(filename)}"
    return load_workbook(BytesIO(response.content))


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_figures_export_with_sources_and_methods(world: dict[str, Any]) -> None:
    workbook = _open(world["client"].get("/economy/figures.xlsx", {"region": "370700"}), "海洋经济指标值.xlsx")
    rows = _rows(workbook["经济指标值"])
    assert rows[0] == ("指标", "区划", "海洋产业", "年度", "季度", "数值", "单位", "价格口径", "来源类型", "出处",
                       "计算方法", "说明")
    gdp = next(row for row in rows if row[0] == "海洋生产总值")
    assert gdp == ("海洋生产总值", "潍坊市", None, 2024, "全年", 1703.4, "亿元", "现价", "公开发布",
                   "chaxiaohao.com (二手来源)", None, "全省第三")
    computed = [row for row in rows if row[8] == "平台计算"]
    assert computed and all(row[10] for row in computed)


def test_trajectory_export_with_each_period(world: dict[str, Any]) -> None:
    workbook = _open(world["client"].get("/economy/trajectories/export.xlsx", {"region": "370700"}),
                     "潍坊市目标轨迹.xlsx")
    rows = _rows(workbook["目标轨迹"])
    assert rows[0] == ("目标", "区划", "取数指标", "目标值", "单位", "完成时限", "最新值", "最新年度",
                       "年均所需增速(%)", "判断")
    assert rows[1][1:5] == ("潍坊市", "海洋生产总值", 1200, "亿元")
    assert rows[1][6:] == (1703.4, 2024, 0, "按进度")
    assert _rows(workbook["逐年判断"])[1][1:4] == (2024, 1703.4, 6.8)
    assert world["client"].get("/economy/trajectories/export.xlsx", {"region": "370200"}).status_code == 404


def test_composite_export_with_contributions(world: dict[str, Any]) -> None:
    index = CompositeIndex.objects.get(name=DEMO_INDEX)
    workbook = _open(world["client"].get("/economy/index/export.xlsx", {"index": index.pk, "region": "370000"}),
                     f"{DEMO_INDEX}山东省.xlsx")
    values = _rows(workbook["指数值"])
    assert values[0] == ("年度", "综合指数", "经济规模")
    assert values[1] == (2019, 100, 100)
    contributions = _rows(workbook["指标贡献"])
    assert contributions[0] == ("年度", "指标", "领域", "得分", "对综合指数的贡献(点)")
    assert {row[1] for row in contributions[1:]} == {"海洋生产总值", "海洋生产总值占地区生产总值比重"}
    latest = [row for row in contributions if row[0] == 2024]
    assert round(sum(row[4] for row in latest), 2) == round(values[-1][1] - 100, 2)
    assert "基期=100" in _rows(workbook["计算方法"])[1][3]


def test_composite_export_of_a_malformed_index_is_404_not_500(world: dict[str, Any]) -> None:
    response = world["client"].get("/economy/index/export.xlsx", {"index": "1®ion=370000", "region": "370000"})
    assert response.status_code == 404


def test_cluster_export_with_breakdown(world: dict[str, Any]) -> None:
    index = CompositeIndex.objects.get(name=CLUSTER_INDEX)
    workbook = _open(world["client"].get("/economy/clusters/export.xlsx", {"index": index.pk, "year": "2024"}),
                     "产业集聚区综合评价2024年.xlsx")
    ranking = _rows(workbook["综合评价"])
    assert ranking[0] == ("排名", "集聚区", "级别", "所在区划", "综合得分", "营业收入贡献", "研发投入强度贡献",
                          "单位产值能耗贡献")
    assert ranking[1][:4] == (1, "寿光海洋化工集聚区 (演示)", "省级", "寿光市")
    assert round(ranking[1][4], 1) == 169.5
    registry = _rows(workbook["集聚区名录"])
    assert ("潍城海洋文旅集聚区 (演示)", "市级", "潍城区", "海洋旅游业", "培育中", 0) in registry


def test_submission_export_says_not_submitted_and_keeps_formulas_as_text(world: dict[str, Any]) -> None:
    units = list(StatisticalUnit.objects.filter(region__code__startswith="3707").order_by("uscc"))
    unit_update(actor=None, unit=units[0], name="=HYPERLINK(\"x\")公司")
    form = form_define(actor=None, name="导出月报", frequency=FormFrequency.MONTH,
                       fields=[{"key": "revenue", "label": "营业收入", "unit": "万元"},
                               {"key": "remark", "label": "备注", "kind": "text", "required": False}])
    form_round = form_round_open(actor=None, form=form, region=world["weifang"], year=2025, period=9,
                                 due_date=datetime.date(2025, 10, 5), units=units)
    submission_save(actor=None, form_round=form_round, unit=units[0], written={"revenue": "1200.5", "remark": "=1+1"})
    workbook = _open(world["client"].get(f"/economy/forms/{form_round.pk}/submissions.xlsx"),
                     "导出月报2025-09填报情况.xlsx")
    sheet = workbook["填报情况"]
    rows = _rows(sheet)
    assert rows[0] == ("统一社会信用代码", "单位名称", "报告期", "营业收入(万元)", "备注", "状态", "报送时间",
                       "说明", "提示", "退回意见")
    assert rows[1][1:6] == ("=HYPERLINK(\"x\")公司", "2025-09", 1200.5, "=1+1", "已报送")
    assert sheet.cell(row=2, column=2).data_type == "s" and sheet.cell(row=2, column=5).data_type == "s"
    assert rows[2][3:6] == ("—", "—", "未报送")
    assert len(rows) == 1 + len(units)
