"""Departments to an Excel workbook in the layout that imports.py reads back."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from blueledger.lib.xlsx import append_row
from blueledger.orgs.choices import DepartmentKind
from blueledger.orgs.models import Department

DEPARTMENT_SHEET = "部门单位"
DEPARTMENT_COLUMNS = ("区划代码", "所属区划", "全称", "简称", "类别", "别名", "在用", "备注")


def departments_workbook(departments: Iterable[Department]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DEPARTMENT_SHEET
    append_row(sheet, DEPARTMENT_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for department in departments:
        append_row(
            sheet,
            (
                department.region.code,
                department.region.name,
                department.name,
                department.short_name,
                department.get_kind_display(),
                "|".join(alias.alias for alias in department.aliases.all()),
                "是" if department.is_active else "否",
                department.notes,
            )
        )
    kinds = DataValidation(type="list", formula1='"' + ",".join(DepartmentKind.labels) + '"', allow_blank=False)
    kinds.add("E2:E5000")
    sheet.add_data_validation(kinds)
    for letter, width in zip("ABCDEFGH", (10, 12, 36, 20, 14, 40, 6, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
