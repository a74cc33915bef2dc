"""The dispatch table out to Excel and back: the round trip changes nothing; a city's own layout is read; one
bad cell (negative, decreasing, above total, unknown district or track, duplicated name) imports nothing."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from blueledger.core.testing import make_department, make_user
from blueledger.projects import services
from blueledger.projects.exports import DEFAULT_COLUMNS, DISPATCH_SHEET, dispatch_workbook
from blueledger.projects.imports import ImportRejected, dispatch_import
from blueledger.projects.models import MonthlyReport, Project
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

HEADERS = list(DEFAULT_COLUMNS.values())


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    department = make_department(shandong["qingdao"], "市海洋发展局")
    track = make_track(shandong["qingdao"], "海洋渔业")
    return {**shandong, "dispatcher": make_user(department, Role.DISPATCHER), "track": track}


def workbook(rows: list[dict[str, Any]], headers: list[str] = HEADERS, sheet: str = DISPATCH_SHEET) -> bytes:
    book = Workbook()
    page = book.active
    page.title = sheet
    page.append(headers)
    for row in rows:
        page.append([row.get(header) for header in headers])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def good_row(**changes: Any) -> dict[str, Any]:
    row = {
        "项目名称": "黄岛深远海养殖项目",
        "区市": "黄岛区",
        "所属赛道": "海洋渔业",
        "项目类型": "新开工",
        "总投资(万元)": 80000,
        "年度计划投资(万元)": 12000,
        "状态": "开工在建",
        "是否入统": "是",
        "报告期": "2023-06",
        "1-N月累计完成投资(万元)": 6500,
        "形象进度": "主体施工",
    }
    row.update(changes)
    return row


def test_export_reopens_and_round_trip_changes_nothing(world: dict[str, Any], tmp_path: Any) -> None:
    project = make_project(world["huangdao"], world["track"], name="西海岸海洋牧场项目", contact="王工")
    make_report(project, "2023-06", "4321.5")
    data = dispatch_workbook(Project.objects.all(), period=date(2023, 6, 1))
    sheet = load_workbook(BytesIO(data))[DISPATCH_SHEET]
    assert [cell.value for cell in sheet[1]] == HEADERS
    values = dict(zip(HEADERS, [cell.value for cell in sheet[2]], strict=True))
    assert (values["项目名称"], values["区市"], values["总投资(万元)"], values["1-N月累计完成投资(万元)"]) == (
        "西海岸海洋牧场项目",
        "黄岛区",
        100000,
        4321.5,
    )
    history = Project.history.count() + MonthlyReport.history.count()
    summary = dispatch_import(actor=world["dispatcher"], data=data, filename="round.xlsx")
    assert (summary.created, summary.updated, summary.unchanged, summary.reports_saved) == (0, 0, 1, 0)
    assert Project.history.count() + MonthlyReport.history.count() == history

    path = tmp_path / "out.xlsx"
    call_command("projects", "export", str(path), "--region", "370200", "--as-of", "2023-06")
    assert load_workbook(path)[DISPATCH_SHEET]["B2"].value == "西海岸海洋牧场项目"


def test_new_rows_create_projects_and_reports(world: dict[str, Any]) -> None:
    summary = dispatch_import(actor=world["dispatcher"], data=workbook([good_row()]), filename="new.xlsx")
    assert (summary.created, summary.reports_saved) == (1, 1)
    project = Project.objects.get(name="黄岛深远海养殖项目")
    assert (project.region, project.plan_year, project.reports.get().year_to_date_completed_wan) == (
        world["huangdao"],
        2023,
        6500,
    )
    assert project.history.get().history_change_reason == "Excel 导入 new.xlsx"


def test_bad_cells_import_nothing_and_are_named(world: dict[str, Any]) -> None:
    existing = make_project(world["laoshan"], world["track"], name="崂山海洋药物项目")
    make_report(existing, "2023-05", 3000)
    rows = [
        good_row(**{"总投资(万元)": -5}),
        good_row(项目名称="二号项目", 区市="火星区"),
        good_row(项目名称="三号项目", 所属赛道="太空赛道"),
        good_row(项目名称="二号项目"),
        good_row(项目名称="崂山海洋药物项目", 区市="崂山区", **{"1-N月累计完成投资(万元)": 2000}),
        good_row(项目名称="五号项目", **{"1-N月累计完成投资(万元)": 90000}),
    ]
    with pytest.raises(ImportRejected) as rejected:
        dispatch_import(actor=world["dispatcher"], data=workbook(rows), filename="bad.xlsx")
    problems = rejected.value.problems
    assert problems[0] == "重点项目调度表 第2行 G列(总投资(万元)) “-5”: 投资额不能为负数"
    assert "重点项目调度表 第3行 D列(区市) “火星区”: 未知的区市, 或不在您的范围内" in problems
    assert "重点项目调度表 第4行 E列(所属赛道) “太空赛道”: 未知的赛道 (请先在赛道列表中添加)" in problems
    assert "重点项目调度表 第5行 B列(项目名称) “二号项目”: 与第3行项目名称重复" in problems
    assert any(p.startswith("重点项目调度表 第6行 Q列") and "少于 2023-05 的 3000.00" in p for p in problems)
    assert "重点项目调度表 第7行 Q列(1-N月累计完成投资(万元)) “90000”: 累计完成投资超过总投资 80000.00 万元" in problems
    assert Project.objects.count() == 1 and MonthlyReport.objects.count() == 1


def test_a_city_layout_maps_its_own_headers(world: dict[str, Any]) -> None:
    services.dispatch_layout_save(
        actor=world["dispatcher"],
        region=world["qingdao"],
        sheet_name="6月调度",
        columns={
            "name": "项目全称",
            "district": "所在区（市）",
            "track": "产业赛道",
            "kind": "项目类别",
            "total_investment_wan": "总投资",
            "annual_plan_wan": "年度计划投资",
            "completed_wan": "1-6月累计完成投资",
        },
    )
    headers = ["项目全称", "所在区（市）", "产业赛道", "项目类别", "总投资", "年度计划投资", "1-6月累计完成投资"]
    row = dict(zip(headers, ["崂山冷链物流项目", "崂山区", "海洋渔业", "续建", 30000, 5000, 2600], strict=True))
    data = workbook([row], headers=headers, sheet="6月调度")
    summary = dispatch_import(actor=world["dispatcher"], data=data, filename="city.xlsx", period=date(2023, 6, 1))
    assert (summary.created, summary.reports_saved) == (1, 1)
    assert Project.objects.get().reports.get().period == date(2023, 6, 1)
