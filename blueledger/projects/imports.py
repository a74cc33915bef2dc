"""The monthly dispatch table from Excel, in the city's layout (DispatchTableLayout) or the default one. Every
row is checked before anything is written; one bad cell means nothing is imported, and each problem names its
sheet, row, column and value. Rows create or update projects (matched by name within the city) and, when the
row carries 1–N月累计完成投资, save that month's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.permissions import region_prefix, require
from blueledger.core.uploads import xlsx_limits
from blueledger.lib import xlsx
from blueledger.lib.gbt2260 import city_code, city_prefix, same_city
from blueledger.lib.xlsx import ImportRejected
from blueledger.orgs.models import Department, Region
from blueledger.orgs.selectors import department_resolve
from blueledger.projects import services
from blueledger.projects.choices import ProjectKind, ProjectStatus
from blueledger.projects.exports import DISPATCH_FIELDS, layout_columns
from blueledger.projects.models import DispatchTableLayout, MonthlyReport, Project, Track
from blueledger.projects.permissions import can_manage_projects

__all__ = ["ImportRejected", "ImportSummary", "dispatch_import"]

KIND_BY_LABEL = {label: value for value, label in ProjectKind.choices}
STATUS_BY_LABEL = {label: value for value, label in ProjectStatus.choices}
REQUIRED = {key for key, _, required in DISPATCH_FIELDS if required}
LABELS = {key: header for key, header, _ in DISPATCH_FIELDS}
AMOUNT_FIELD = Project._meta.get_field("total_investment_wan")
# Text columns stored in a bounded field, with that field's max_length.
MAX_LENGTHS = {
    "name": Project._meta.get_field("name").max_length,
    "contact": Project._meta.get_field("contact").max_length,
    "contact_phone": Project._meta.get_field("contact_phone").max_length,
    "progress": MonthlyReport._meta.get_field("progress").max_length,
}


@dataclass(slots=True)
class DispatchRow:
    line: int
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    period: date | None = None
    report: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    reports_saved: int


def _header(text: Any) -> str:
    cleaned = "".join(str(text or "").split())
    return cleaned.replace("（", "(").replace("）", ")").replace("–", "-").replace("—", "-").replace("~", "-")


def _text(value: Any) -> str:
    return xlsx.cell_text(value)


def _amount(value: Any) -> Decimal:
    if isinstance(value, str):
        value = _text(value)
    amount = xlsx.read_decimal(
        value, max_digits=AMOUNT_FIELD.max_digits, decimal_places=AMOUNT_FIELD.decimal_places
    )
    return amount.quantize(Decimal(1).scaleb(-AMOUNT_FIELD.decimal_places))


def _amount_problem(error: xlsx.CellError) -> str:
    return "应为数字 (万元)" if error.message == "应为数字" else error.message


def _month(value: Any) -> date:
    return xlsx.read_date(value, month_only=True)


class _Reader:
    def __init__(self, *, actor: Any, sheet_name: str, headers: dict[str, int]) -> None:
        self.actor = actor
        self.sheet_name = sheet_name
        self.headers = headers
        self.errors = xlsx.RowErrors(sheet_name)
        prefix = "" if actor is None else (region_prefix(actor) or "")
        self.regions = list(Region.objects.filter(code__startswith=prefix))
        self.tracks = list(Track.objects.select_related("region"))

    def problem(self, line: int, key: str, value: Any, message: str) -> None:
        self.errors.add(line, self.headers[key] + 1, LABELS[key], message, value)

    def district(self, written: str) -> Region | None:
        for region in self.regions:
            if written in (region.code, region.name, region.short_name, *region.aliases):
                return region
        return None

    def track(self, district: Region, written: str) -> Track | None:
        return next((t for t in self.tracks if t.name == written and same_city(district.code, t.region.code)), None)


def _read(actor: Any, data: bytes, period: date | None, layout_region: Region | None) -> list[DispatchRow]:
    limits = xlsx_limits()
    workbook = xlsx.open_workbook(data, limits)
    layout = DispatchTableLayout.objects.filter(region=layout_region).first() if layout_region else None
    sheet_name, header_row, columns = layout_columns(layout)
    if sheet_name not in workbook.sheetnames:
        if layout is None and len(workbook.sheetnames) == 1:
            sheet_name = workbook.sheetnames[0]
        else:
            raise ImportRejected([f"找不到工作表“{sheet_name}”。"])
    rows = xlsx.read_rows(workbook, sheet_name, max_rows=limits.max_rows + header_row)
    header_cells = [_header(cell) for cell in (rows[header_row - 1] if len(rows) >= header_row else ())]
    headers: dict[str, int] = {}
    missing = []
    for key, header in columns:
        wanted = _header(header)
        if wanted in header_cells:
            headers[key] = header_cells.index(wanted)
        elif key in REQUIRED:
            missing.append(header)
    if missing:
        raise ImportRejected([f"{sheet_name} 第{header_row}行 (表头) 缺少列: {'、'.join(missing)}。"])
    reader = _Reader(actor=actor, sheet_name=sheet_name, headers=headers)
    parsed: list[DispatchRow] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(rows[header_row:], start=header_row + 1):
        cells = {key: (raw[index] if index < len(raw) else None) for key, index in headers.items()}
        if not any(_text(cells[key]) for key in headers if key != "index"):
            continue
        row = _parse_row(reader, line, cells, period)
        if row.name in seen:
            reader.problem(line, "name", row.name, f"与第{seen[row.name]}行项目名称重复")
        seen.setdefault(row.name, line)
        parsed.append(row)
    _check_against_registry(reader, parsed)
    reader.errors.raise_if_any()
    return parsed


def _parse_row(reader: _Reader, line: int, cells: dict[str, Any], period: date | None) -> DispatchRow:
    problem = reader.problem
    name = _text(cells.get("name"))
    if not name:
        problem(line, "name", "", "项目名称不能为空")
    for key, max_length in MAX_LENGTHS.items():
        if key not in cells:
            continue
        stored = str(cells[key] or "").strip() if key == "progress" else _text(cells[key])
        if len(stored) > max_length:
            problem(line, key, cells[key], f"长度为 {len(stored)} 个字, 超过 {max_length} 个字的上限")
    row = DispatchRow(line=line, name=name)
    written_district = _text(cells.get("district"))
    district = reader.district(written_district)
    if district is None:
        problem(line, "district", written_district, "未知的区市, 或不在您的范围内")
    else:
        row.values["region"] = district
        written_track = _text(cells.get("track"))
        track = reader.track(district, written_track)
        if track is None:
            problem(line, "track", written_track, "未知的赛道 (请先在赛道列表中添加)")
        row.values["track"] = track
    kind = _text(cells.get("kind"))
    if kind not in KIND_BY_LABEL:
        problem(line, "kind", kind, f"应为 {'/'.join(KIND_BY_LABEL)} 之一")
    row.values["kind"] = KIND_BY_LABEL.get(kind)
    for key in ("total_investment_wan", "annual_plan_wan"):
        if key not in cells:
            continue
        raw = cells[key]
        if key == "annual_plan_wan" and _text(raw) == "":
            row.values[key] = None
            continue
        try:
            amount = _amount(raw)
        except xlsx.CellError as error:
            problem(line, key, raw, _amount_problem(error))
            continue
        if amount < 0:
            problem(line, key, raw, "投资额不能为负数")
        row.values[key] = amount
    total = row.values.get("total_investment_wan")
    plan = row.values.get("annual_plan_wan")
    if total is not None and plan is not None and plan > total:
        problem(line, "annual_plan_wan", plan, f"年度计划投资超过总投资 {total} 万元")
    for key in ("planned_start", "planned_end"):
        if key in cells:
            if _text(cells[key]) == "":
                row.values[key] = None
            else:
                try:
                    row.values[key] = _month(cells[key])
                except ValueError:
                    problem(line, key, cells[key], "应为年月, 如 2023-06")
    if "status" in cells and _text(cells["status"]):
        status = _text(cells["status"])
        if status not in STATUS_BY_LABEL:
            problem(line, "status", status, f"应为 {'/'.join(STATUS_BY_LABEL)} 之一")
        row.values["status"] = STATUS_BY_LABEL.get(status)
    if "is_listed" in cells:
        listed = _text(cells["is_listed"])
        if listed not in ("是", "否", ""):
            problem(line, "is_listed", listed, "应为“是”或“否”")
        row.values["is_listed"] = listed == "是"
    if "department" in cells and district is not None:
        written = _text(cells["department"])
        department: Department | None = None
        if written:
            department = department_resolve(region=district, written_name=written)
            if department is None:
                problem(line, "department", written, f"{district.name}及其上级城市没有这个部门")
        row.values["responsible_department"] = department
    for key in ("content", "contact", "contact_phone"):
        if key in cells:
            row.values[key] = _text(cells[key]) if key != "content" else str(cells[key] or "").strip()
    row_period = period
    if "period" in cells and _text(cells["period"]):
        try:
            row_period = _month(cells["period"])
        except ValueError:
            problem(line, "period", cells["period"], "应为年月, 如 2023-06")
    row.period = row_period
    if "completed_wan" in cells and _text(cells["completed_wan"]):
        try:
            completed = _amount(cells["completed_wan"])
        except xlsx.CellError as error:
            problem(line, "completed_wan", cells["completed_wan"], _amount_problem(error))
        else:
            if completed < 0:
                problem(line, "completed_wan", cells["completed_wan"], "累计完成投资不能为负数")
            elif total is not None and completed > total:
                problem(line, "completed_wan", cells["completed_wan"], f"累计完成投资超过总投资 {total} 万元")
            if row_period is None:
                problem(line, "completed_wan", cells["completed_wan"], "没有报告期: 请填写“报告期”列或在导入时指定")
            row.report = {
                "year_to_date_completed_wan": completed,
                **{key: str(cells.get(key) or "").strip() for key in ("progress", "problems", "coordination")},
            }
    if row.period is not None:
        row.values["plan_year"] = row.period.year
    return row


def _check_against_registry(reader: _Reader, rows: list[DispatchRow]) -> None:
    """Names taken by another project of the city, and 1–N月累计 going down against the saved reports."""
    existing: dict[tuple[str, str], Project] = {}
    names = [row.name for row in rows]
    for project in Project.objects.filter(name__in=names).select_related("region"):
        existing[(city_prefix(project.region.code), project.name)] = project
    for row in rows:
        region = row.values.get("region")
        if region is None:
            continue
        project = existing.get((city_prefix(region.code), row.name))
        if project is not None and not can_manage_projects(reader.actor, project.region.code):
            reader.problem(row.line, "name", row.name, "该项目不在您的范围内")
        if project is None or row.report is None or row.period is None:
            continue
        previous, following = services.report_neighbours(project, row.period)
        for message in services.report_problems(
            period=row.period,
            completed_wan=row.report["year_to_date_completed_wan"],
            total_investment_wan=row.values.get("total_investment_wan", project.total_investment_wan),
            previous=previous,
            following=following,
        ):
            if "少于" in message or "多于" in message:
                reader.problem(
                    row.line, "completed_wan", row.report["year_to_date_completed_wan"], message.rstrip("。")
                )


@transaction.atomic
def dispatch_import(
    *, actor: Any, data: bytes, filename: str, period: date | None = None, layout_region: Region | None = None
) -> ImportSummary:
    """Imports a dispatch table; `period` is the report month for rows without a 报告期 cell; `layout_region`
    is the city whose column layout the file follows (default: the actor's city)."""
    require(can_manage_projects(actor))
    if layout_region is None and actor is not None and actor.department_id:
        department_region = actor.department.region
        layout_region = Region.objects.filter(code=city_code(department_region.code)).first()
    rows = _read(actor, data, period, layout_region)
    reason = f"Excel 导入 {filename}"
    created = updated = unchanged = reports_saved = 0
    try:
        for row in rows:
            region = row.values["region"]
            project = Project.objects.filter(name=row.name, region__code__startswith=city_prefix(region.code)).first()
            if project is None:
                values = {
                    key: value for key, value in row.values.items() if value is not None or key == "annual_plan_wan"
                }
                values.setdefault("plan_year", timezone.localdate().year)
                project = services.project_create(actor=actor, reason=reason, name=row.name, **values)
                created += 1
            else:
                changes = {key: value for key, value in row.values.items() if getattr(project, key) != value}
                if changes:
                    services.project_update(actor=actor, project=project, reason=reason, **changes)
                    updated += 1
                else:
                    unchanged += 1
            if row.report is not None and row.period is not None:
                saved = project.reports.filter(period=row.period).first()
                same = saved is not None and all(getattr(saved, key) == value for key, value in row.report.items())
                if not same:
                    services.report_save(actor=actor, project=project, period=row.period, reason=reason, **row.report)
                    reports_saved += 1
    except ValidationError as error:
        # A rule only the services check (e.g. a district and track that do not belong together).
        raise ImportRejected([f"第{row.line}行“{row.name}”: {message}" for message in error.messages]) from None
    return ImportSummary(created=created, updated=updated, unchanged=unchanged, reports_saved=reports_saved)
