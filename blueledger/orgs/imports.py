"""Departments from an Excel workbook (the layout of exports.py). Every row is checked before anything is
written; one bad row means nothing is imported, and each problem names its row, column and value."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from blueledger.core.history import attribute_change
from blueledger.core.permissions import can_edit_reference_data, require
from blueledger.orgs.choices import DepartmentKind
from blueledger.orgs.exports import DEPARTMENT_COLUMNS, DEPARTMENT_SHEET
from blueledger.orgs.models import Department, DepartmentAlias, Region

KIND_BY_LABEL = {label: value for value, label in DepartmentKind.choices}


class ImportRejected(Exception):
    """The file was refused; `problems` lists every reason, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    line: int
    region: Region
    name: str
    short_name: str
    kind: str
    aliases: tuple[str, ...]
    is_active: bool
    notes: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    aliases_added: int


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _read_rows(data: bytes) -> list[DepartmentRow]:
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError):
        raise ImportRejected(["文件不是有效的 Excel (.xlsx) 文件, 请用 Excel 或 WPS 另存为 .xlsx 后再上传。"]) from None
    if DEPARTMENT_SHEET not in workbook.sheetnames:
        raise ImportRejected([f"找不到工作表“{DEPARTMENT_SHEET}”。请使用导出的模板。"])
    sheet = workbook[DEPARTMENT_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or tuple(_text(cell) for cell in rows[0][: len(DEPARTMENT_COLUMNS)]) != DEPARTMENT_COLUMNS:
        raise ImportRejected([f"工作表“{DEPARTMENT_SHEET}”第1行应为表头: {'、'.join(DEPARTMENT_COLUMNS)}。"])
    regions = {region.code: region for region in Region.objects.all()}
    problems: list[str] = []
    parsed: list[DepartmentRow] = []

    def problem(line: int, column: int, message: str) -> None:
        letter = get_column_letter(column + 1)
        problems.append(f"{DEPARTMENT_SHEET} 第{line}行 {letter}列({DEPARTMENT_COLUMNS[column]}): {message}")

    for line, row in enumerate(rows[1:], start=2):
        cells = [_text(cell) for cell in (list(row) + [None] * len(DEPARTMENT_COLUMNS))[: len(DEPARTMENT_COLUMNS)]]
        if not any(cells):
            continue
        code, _region_name, name, short_name, kind_label, aliases, active, notes = cells
        region = regions.get(code)
        if region is None:
            problem(line, 0, f"未知的区划代码“{code}”")
        if not name:
            problem(line, 2, "全称不能为空")
        if kind_label not in KIND_BY_LABEL:
            problem(line, 4, f"应为 {'/'.join(KIND_BY_LABEL)} 之一, 实为“{kind_label}”")
        if active not in ("是", "否", ""):
            problem(line, 6, f"应为“是”或“否”, 实为“{active}”")
        if region is not None and name and kind_label in KIND_BY_LABEL:
            parsed.append(
                DepartmentRow(
                    line=line,
                    region=region,
                    name=name,
                    short_name=short_name or name,
                    kind=KIND_BY_LABEL[kind_label],
                    aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
                    is_active=active != "否",
                    notes=notes,
                )
            )
    problems.extend(_name_collisions(parsed))
    if problems:
        raise ImportRejected(problems)
    return parsed


def _name_collisions(rows: list[DepartmentRow]) -> list[str]:
    """Names used twice within the file, or used by another department of the same region."""
    problems = []
    owner: dict[tuple[str, str], tuple[int, str]] = {}
    existing_owner: dict[tuple[str, str], str] = {}
    for department in Department.objects.select_related("region").prefetch_related("aliases"):
        for written in {department.name, department.short_name, *(a.alias for a in department.aliases.all())}:
            existing_owner[(department.region.code, written)] = department.name
    for row in rows:
        for written in {row.name, row.short_name, *row.aliases}:
            key = (row.region.code, written)
            if key in owner and owner[key][1] != row.name:
                problems.append(f"第{row.line}行: 名称“{written}”与第{owner[key][0]}行重复")
            owner[key] = (row.line, row.name)
            other = existing_owner.get(key)
            if other is not None and other != row.name:
                problems.append(f"第{row.line}行: 名称“{written}”已是{row.region.name}“{other}”的名称或别名")
    return problems


@transaction.atomic
def departments_import(*, actor: Any, data: bytes, filename: str) -> ImportSummary:
    """Creates departments that are new (by region and full name) and updates the others."""
    require(can_edit_reference_data(actor))
    rows = _read_rows(data)
    created = updated = aliases_added = 0
    reason = f"Excel 导入 {filename}"
    for row in rows:
        department = Department.objects.filter(region=row.region, name=row.name).first()
        values = {"short_name": row.short_name, "kind": row.kind, "is_active": row.is_active, "notes": row.notes}
        if department is None:
            department = Department(region=row.region, name=row.name, **values)
            created += 1
            changed = True
        else:
            changed = any(getattr(department, field) != value for field, value in values.items())
            for field, value in values.items():
                setattr(department, field, value)
            updated += changed
        if changed:  # an unchanged row leaves no history row
            attribute_change(department, actor=actor, reason=reason)
            department.save()
        known = set(department.aliases.values_list("alias", flat=True))
        for alias in row.aliases:
            if alias not in known and alias not in (row.name, row.short_name):
                record = DepartmentAlias(region=row.region, department=department, alias=alias)
                attribute_change(record, actor=actor, reason=reason)
                record.save()
                aliases_added += 1
    return ImportSummary(created=created, updated=updated, aliases_added=aliases_added)
