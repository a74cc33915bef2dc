"""The monthly dispatch table (重点项目调度表) as Excel, in the layout that imports.py reads back: the city's
own layout (DispatchTableLayout) when it has one, blueledger's default otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from blueledger.lib.numbers import json_number
from blueledger.lib.xlsx import write_cell
from blueledger.projects.choices import ProjectKind, ProjectStatus
from blueledger.projects.models import DispatchTableLayout, MonthlyReport, Project

DISPATCH_SHEET = "重点项目调度表"
# (field, default header, required on import)
DISPATCH_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("index", "序号", False),
    ("name", "项目名称", True),
    ("content", "建设内容", False),
    ("district", "区市", True),
    ("track", "所属赛道", True),
    ("kind", "项目类型", True),
    ("total_investment_wan", "总投资(万元)", True),
    ("annual_plan_wan", "年度计划投资(万元)", False),
    ("planned_start", "计划开工", False),
    ("planned_end", "计划竣工", False),
    ("status", "状态", False),
    ("is_listed", "是否入统", False),
    ("department", "责任单位", False),
    ("contact", "联系人", False),
    ("contact_phone", "联系电话", False),
    ("period", "报告期", False),
    ("completed_wan", "1-N月累计完成投资(万元)", False),
    ("progress", "形象进度", False),
    ("problems", "存在问题", False),
    ("coordination", "需协调事项", False),
)
DEFAULT_COLUMNS = {key: header for key, header, _ in DISPATCH_FIELDS}


def layout_columns(layout: DispatchTableLayout | None) -> tuple[str, int, list[tuple[str, str]]]:
    """(sheet name, header row, [(field, header)…]) of a city's layout, or of the default."""
    if layout is None or not layout.columns:
        return DISPATCH_SHEET, 1, list(DEFAULT_COLUMNS.items())
    order = [key for key, _, _ in DISPATCH_FIELDS]
    columns = sorted(layout.columns.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    return layout.sheet_name or DISPATCH_SHEET, layout.header_row, columns


def _month(value: date | None) -> str:
    return f"{value:%Y-%m}" if value else ""


def dispatch_workbook(
    projects: Iterable[Project], *, period: date | None, layout: DispatchTableLayout | None = None
) -> bytes:
    """One row per project with its report of `period` (blank report cells when it has none)."""
    projects = list(projects)
    reports: dict[int, MonthlyReport] = {}
    if period is not None:
        reports = {
            report.project_id: report
            for report in MonthlyReport.objects.filter(project__in=[p.pk for p in projects], period=period)
        }
    sheet_name, header_row, columns = layout_columns(layout)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name
    for column, (_, header) in enumerate(columns, start=1):
        cell = write_cell(sheet, header_row, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, project in enumerate(projects, start=1):
        report = reports.get(project.pk)
        values: dict[str, Any] = {
            "index": number,
            "name": project.name,
            "content": project.content,
            "district": project.region.name,
            "track": project.track.name,
            "kind": project.get_kind_display(),
            "total_investment_wan": json_number(project.total_investment_wan),
            "annual_plan_wan": json_number(project.annual_plan_wan),
            "planned_start": _month(project.planned_start),
            "planned_end": _month(project.planned_end),
            "status": project.get_status_display(),
            "is_listed": "是" if project.is_listed else "否",
            "department": project.responsible_department.name if project.responsible_department else "",
            "contact": project.contact,
            "contact_phone": project.contact_phone,
            "period": _month(period) if period else "",
            "completed_wan": json_number(report.year_to_date_completed_wan) if report else None,
            "progress": report.progress if report else "",
            "problems": report.problems if report else "",
            "coordination": report.coordination if report else "",
        }
        row = header_row + number
        for column, (key, _) in enumerate(columns, start=1):
            write_cell(sheet, row, column, values.get(key) if values.get(key) != "" else None)
    for key, choices in (("kind", ProjectKind.labels), ("status", ProjectStatus.labels), ("is_listed", ["是", "否"])):
        keys = [column_key for column_key, _ in columns]
        if key in keys:
            letter = get_column_letter(keys.index(key) + 1)
            validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            validation.add(f"{letter}{header_row + 1}:{letter}{header_row + 5000}")
            sheet.add_data_validation(validation)
    for column, (key, _) in enumerate(columns, start=1):
        wide = key in ("name", "content", "progress", "problems", "coordination", "department")
        sheet.column_dimensions[get_column_letter(column)].width = 30 if wide else 14
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
