"""Departments from an Excel workbook (the layout of exports.py). Every row is checked before anything is
written; one bad row means nothing is imported, and each problem names its row, column and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from blueledger.core.history import attribute_change
from blueledger.core.permissions import can_edit_reference_data, require
from blueledger.core.uploads import xlsx_limits
from blueledger.lib import xlsx
from blueledger.lib.xlsx import ImportRejected
from blueledger.orgs.choices import DepartmentKind
from blueledger.orgs.exports import DEPARTMENT_COLUMNS, DEPARTMENT_SHEET
from blueledger.orgs.models import Department, DepartmentAlias, Region

__all__ = ["ImportRejected", "ImportSummary", "departments_import"]

KIND_BY_LABEL = {label: value for value, label in DepartmentKind.choices}
# Columns whose text is stored, with the model field that bounds its length.
LENGTHS = {
    2: Department._meta.get_field("name").max_length,
    3: Department._meta.get_field("short_name").max_length,
    7: Department._meta.get_field("notes").max_length,
}
ALIAS_MAX_LENGTH = DepartmentAlias._meta.get_field("alias").max_length


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
    return xlsx.cell_text(value)


def _read_rows(data: bytes) -> list[DepartmentRow]:
    limits = xlsx_limits()
    workbook = xlsx.open_workbook(data, limits)
    if DEPARTMENT_SHEET not in workbook.sheetnames:
        raise ImportRejected([f"找不到工作表“{DEPARTMENT_SHEET}”。请使用导出的模板。"])
    rows = xlsx.read_rows(workbook, DEPARTMENT_SHEET, max_rows=limits.max_rows + 1)
    if not rows or tuple(_text(cell) for cell in rows[0][: len(DEPARTMENT_COLUMNS)]) != DEPARTMENT_COLUMNS:
        raise ImportRejected([f"工作表“{DEPARTMENT_SHEET}”第1行应为表头: {'、'.join(DEPARTMENT_COLUMNS)}。"])
    regions = {region.code: region for region in Region.objects.all()}
    errors = xlsx.RowErrors(DEPARTMENT_SHEET)
    parsed: list[DepartmentRow] = []

    def problem(line: int, column: int, message: str, *value: Any) -> None:
        errors.add(line, column + 1, DEPARTMENT_COLUMNS[column], message, *value)

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
        too_long = False
        for column, max_length in LENGTHS.items():
            if len(cells[column]) > max_length:
                problem(line, column, f"长度为 {len(cells[column])} 个字, 超过 {max_length} 个字的上限", cells[column])
                too_long = True
        if not short_name and len(name) > LENGTHS[3] and len(name) <= LENGTHS[2]:
            problem(line, 3, f"简称为空时取全称, 但全称超过简称 {LENGTHS[3]} 个字的上限, 请填写简称")
            too_long = True
        for alias in aliases.split("|"):
            if len(alias.strip()) > ALIAS_MAX_LENGTH:
                problem(line, 5, f"别名长度超过 {ALIAS_MAX_LENGTH} 个字的上限", alias.strip())
                too_long = True
        if region is not None and name and kind_label in KIND_BY_LABEL and not too_long:
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
    errors.extend(_name_collisions(parsed))
    errors.raise_if_any()
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
