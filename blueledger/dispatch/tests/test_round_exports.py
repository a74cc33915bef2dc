"""Excel exports of a round — its reports, its ranking with each unit's score item by item, its dashboard
tables — opened back with openpyxl; downloaded under Chinese names that say what they are (RFC 5987)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.choices import TaskState
from blueledger.dispatch.models import ReportSlot
from blueledger.dispatch.services.objections import objection_file
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_office, make_qualitative_ledger, make_reporter, make_round
from blueledger.users.choices import Role


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_qualitative_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    ecology = departments["市生态环境局"]
    slots = {s.is_task: s for s in ReportSlot.objects.filter(round=reporting_round, department=ecology)}
    reporter = make_reporter(ecology, "shengtai")
    reports_save(actor=reporter, reporting_round=reporting_round, department=ecology, submit=True, entries={
        slots[False].pk: ReportEntry(value=Decimal("6.25"), progress="岸线整治过半"),
        slots[True].pk: ReportEntry(value=None, progress="完成需求调研", task_state=TaskState.IN_PROGRESS),
    })
    objection_file(actor=reporter, reporting_round=reporting_round, department=ecology, text="岸线口径不同")
    return {"round": reporting_round, "office": make_office(shandong["weifang"]), "reporter": reporter,
            **departments}


def _download(client: Any, url: str) -> tuple[Any, Any]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return response, load_workbook(BytesIO(response.content))


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_rounds_reports_export_lists_every_item_with_its_state(world: dict[str, Any]) -> None:
    response, workbook = _download(page_client(world["office"]), f"/dispatch/rounds/{world['round'].pk}/reports.xlsx")
    name = "潍坊市海洋发展和渔业局2025年工作要点-2025年10月调度-报送明细.xlsx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"round-{world['round'].pk}-reports.xlsx\"; filename*=UTF-8''{quote(name)}")
    rows = _rows(workbook["报送明细"])
    assert rows[0][:8] == ["单位", "责任", "任务编号", "任务", "指标", "目标", "计量单位", "累计完成值/完成状态"]
    ecology = [row for row in rows if row[0] == "市生态环境局"]
    assert [row[:12] for row in ecology] == [
        ["市生态环境局", "牵头", "二", "保护海洋生态", "整治岸线", "不低于 12.5", "公里", 6.25, "岸线整治过半", None,
         None, "已报送"],
        ["市生态环境局", "配合", "二.(三)", "推进智慧海洋建设", "定性任务", None, None, "推进中", "完成需求调研", None,
         None, "已报送"],
    ]
    unreported = [row for row in rows if row[0] == "市发改委"]
    assert [(row[4], row[7], row[11]) for row in unreported] == [("海洋生产总值", "未报送", "未报送")]


def test_the_ranking_export_breaks_each_score_down_item_by_item(world: dict[str, Any]) -> None:
    response, workbook = _download(page_client(world["reporter"]), f"/dispatch/rounds/{world['round'].pk}/ranking.xlsx")
    name = "潍坊市海洋发展和渔业局2025年工作要点-2025年10月调度-单位排名及得分明细.xlsx"
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{quote(name)}")
    assert workbook.sheetnames == ["排名", "得分明细", "异议"]
    ranking = _rows(workbook["排名"])
    assert ranking[0] == ["名次", "单位", "得分", "上期名次", "较上期"]
    assert ranking[1][:2] == [1, "市生态环境局"]
    detail = _rows(workbook["得分明细"])
    ecology = [row for row in detail if row[1] == "市生态环境局"]
    assert len(ecology) == 1 and ecology[0][2:6] == ["二 保护海洋生态", "整治岸线 ≥12.5公里", "未注明", 1]
    assert ecology[0][8] == ranking[1][2]  # one item: its contribution is the whole score
    fagai = [row for row in detail if row[1] == "市发改委"]
    assert [(row[6], row[7], row[8]) for row in fagai] == [("未报送", "未报送", 0.0)]
    objection = _rows(workbook["异议"])[1]
    assert (objection[0], objection[2], objection[3], objection[4]) == ("市生态环境局", "岸线口径不同", "待答复", None)


def test_the_dashboard_export_keeps_missing_apart_from_zero(world: dict[str, Any]) -> None:
    response, workbook = _download(page_client(world["office"]), f"/dispatch/rounds/{world['round'].pk}/dashboard.xlsx")
    assert response["Content-Disposition"].endswith(
        quote("潍坊市海洋发展和渔业局2025年工作要点-2025年10月调度-调度看板.xlsx"))
    assert workbook.sheetnames == ["总体", "按部分", "按任务", "按单位", "按区县", "滞后事项", "定性任务", "三色督办"]
    assert _rows(workbook["定性任务"])[1:] == [
        ["二.(三)", "推进智慧海洋建设", "市海渔局", "牵头", "未报送", None],
        ["二.(三)", "推进智慧海洋建设", "市生态环境局", "配合", "推进中", "完成需求调研"],
    ]
    overall = dict((row[0], row[1]) for row in _rows(workbook["总体"])[1:])
    assert (overall["调度目标(填报项)"], overall["已报送"], overall["报送率"], overall["未报送"]) == (4, 1, 0.25, 3)
    assert workbook["总体"]["B4"].number_format == "0.0%"
    units = {row[0]: row for row in _rows(workbook["按单位"])[1:]}
    assert units["市发改委"] == ["市发改委", 1, 0, 0.0, "未报送", 0, 1]  # 报送率 0, completion not 0 but 未报送
    assert {row[0]: row[1] for row in _rows(workbook["三色督办"])[1:]}["市发改委"] == "未报送"


def test_a_reporter_cannot_export_other_departments_reports(world: dict[str, Any], shandong: Any) -> None:
    url = f"/dispatch/rounds/{world['round'].pk}/reports.xlsx"
    assert page_client(world["reporter"]).get(url).status_code == 403
    qingdao = make_user(make_department(shandong["qingdao"], "调度办"), Role.DISPATCHER)
    for export in ("reports", "ranking", "dashboard"):
        assert page_client(qingdao).get(f"/dispatch/rounds/{world['round'].pk}/{export}.xlsx").status_code == 404
