"""The unit directory (统计单位名录库) and the GB/T 4754 crosswalk from Excel. Every row is checked before
anything is written; one bad cell means nothing is imported, and each problem names its row, column and
reason in Chinese (`RowError`). Units are matched by 统一社会信用代码: a known code updates the unit, a new
one creates it. Same shape as projects.imports (read → validate all → write in one transaction), ready to
move onto the shared Excel scaffold."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from blueledger.core.permissions import region_prefix, require
from blueledger.core.uploads import xlsx_limits
from blueledger.economy import services
from blueledger.economy.choices import UnitSize, UnitSource, UnitStatus
from blueledger.economy.directory import gbt4754_code_problem, share_parse, unit_name_normalise
from blueledger.economy.models import FormRound, OceanIndustry, ReportingForm, StatisticalUnit
from blueledger.economy.permissions import can_manage_economy
from blueledger.lib import xlsx
from blueledger.lib.uscc import uscc_normalise, uscc_problem
from blueledger.orgs.models import Region

# (field, header, required)
UNIT_COLUMNS = (
    ("uscc", "统一社会信用代码", True),
    ("name", "单位名称", True),
    ("region", "所在区划", True),
    ("industry_4754", "国民经济行业代码", False),
    ("ocean_industry", "海洋产业", False),
    ("sea_share", "涉海比例", False),
    ("size_class", "规模", False),
    ("status", "状态", False),
    ("source", "来源", False),
)
UNIT_HEADERS = {key: header for key, header, _ in UNIT_COLUMNS}
SIZE_BY_LABEL = {label: value for value, label in UnitSize.choices}
STATUS_BY_LABEL = {label: value for value, label in UnitStatus.choices}
SOURCE_BY_LABEL = {label: value for value, label in UnitSource.choices}
CROSSWALK_COLUMNS = (
    ("gbt4754_code", "国民经济行业代码", True),
    ("gbt4754_name", "国民经济行业名称", True),
    ("industry", "海洋产业", True),
    ("confirmed", "是否已核实", False),
    ("source", "来源", False),
    ("note", "说明", False),
)


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str


class ImportRejected(Exception):
    """The file was refused; `errors` lists every reason, nothing was written."""

    def __init__(self, errors: list[RowError], rows: int = 0) -> None:
        super().__init__("; ".join(f"第{error.row}行 {error.column}: {error.message}" for error in errors))
        self.errors = errors
        self.rows = rows


@dataclass(frozen=True, slots=True)
class ImportSummary:
    rows: int
    created: int
    updated: int
    unchanged: int


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


Columns = tuple[tuple[str, str, bool], ...]


def _sheet_rows(data: bytes, columns: Columns) -> tuple[dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    """The header map (field → column index) and the non-empty data rows with their sheet line numbers."""
    try:  # size, zip bombs, DTDs and the row limit are checked before openpyxl parses anything
        workbook = xlsx.open_workbook(data, xlsx_limits())
    except xlsx.ImportRejected as refused:
        raise ImportRejected([RowError(0, "文件", problem) for problem in refused.problems]) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_cells = ["".join(str(cell or "").split()) for cell in next(rows, ())]
    headers: dict[str, int] = {}
    missing = []
    for key, header, required in columns:
        if header in header_cells:
            headers[key] = header_cells.index(header)
        elif required:
            missing.append(header)
    if missing:
        raise ImportRejected([RowError(1, header, "表头缺少该列") for header in missing])
    body = [(line, raw) for line, raw in enumerate(rows, start=2) if any(_text(cell) for cell in raw)]
    workbook.close()
    return headers, body


@dataclass(slots=True)
class _UnitRow:
    line: int
    uscc: str
    values: dict[str, Any] = field(default_factory=dict)


class _UnitReader:
    def __init__(self, actor: Any, headers: dict[str, int]) -> None:
        self.headers = headers
        self.errors: list[RowError] = []
        prefix = "" if actor is None else (region_prefix(actor) or "")
        self.regions: dict[str, Region] = {}
        for region in Region.objects.filter(code__startswith=prefix) if prefix is not None else ():
            for written in (region.code, region.name, region.short_name, *region.aliases):
                self.regions.setdefault(written, region)
        self.industries: dict[str, OceanIndustry] = {}
        for industry in OceanIndustry.objects.all():
            self.industries[industry.name] = industry
            if industry.code:
                self.industries[industry.code] = industry

    def error(self, line: int, key: str, message: str) -> None:
        self.errors.append(RowError(line, UNIT_HEADERS[key], message))

    def cell(self, raw: tuple[Any, ...], key: str) -> Any:
        index = self.headers.get(key)
        return raw[index] if index is not None and index < len(raw) else None

    def parse(self, line: int, raw: tuple[Any, ...]) -> _UnitRow:
        written_code = _text(self.cell(raw, "uscc"))
        uscc = uscc_normalise(written_code)
        row = _UnitRow(line=line, uscc=uscc)
        if not uscc:
            self.error(line, "uscc", "不能为空")
        else:
            problem = uscc_problem(uscc)
            if problem:
                self.error(line, "uscc", f"“{written_code}”{problem}")
        name = _text(self.cell(raw, "name"))
        if not name:
            self.error(line, "name", "不能为空")
        row.values["name"] = name
        written_region = _text(self.cell(raw, "region"))
        region = self.regions.get(written_region)
        if region is None:
            self.error(line, "region", f"“{written_region}”不是已知的区划, 或不在您的范围内")
        row.values["region"] = region
        if "industry_4754" in self.headers:
            code = _text(self.cell(raw, "industry_4754")).upper()
            if code and (problem := gbt4754_code_problem(code)):
                self.error(line, "industry_4754", f"“{code}”{problem}")
            row.values["industry_4754"] = code
        if "ocean_industry" in self.headers:
            written = _text(self.cell(raw, "ocean_industry"))
            industry = self.industries.get(written) if written else None
            if written and industry is None:
                self.error(line, "ocean_industry", f"“{written}”不是 GB/T 20794-2021 的海洋产业或类别")
            row.values["ocean_industry"] = industry
        if "sea_share" in self.headers:
            cell = self.cell(raw, "sea_share")
            written = _text(cell)
            share: Decimal | None = None
            if written:
                try:
                    share = share_parse(written)
                except ValueError:
                    self.error(line, "sea_share", f"“{written}”应为 0–100% 的比例, 如 35% 或 0.35")
            row.values["sea_share"] = share
        for key, labels, default in (
            ("size_class", SIZE_BY_LABEL, UnitSize.BELOW),
            ("status", STATUS_BY_LABEL, UnitStatus.OPERATING),
            ("source", SOURCE_BY_LABEL, UnitSource.OTHER),
        ):
            if key not in self.headers:
                continue
            written = _text(self.cell(raw, key))
            if written and written not in labels:
                self.error(line, key, f"“{written}”应为 {'/'.join(labels)} 之一")
            row.values[key] = labels.get(written, default)
        return row


def _read_units(actor: Any, data: bytes) -> tuple[list[_UnitRow], dict[str, StatisticalUnit]]:
    headers, body = _sheet_rows(data, UNIT_COLUMNS)
    reader = _UnitReader(actor, headers)
    rows = [reader.parse(line, raw) for line, raw in body]
    codes = [row.uscc for row in rows]
    existing: dict[str, StatisticalUnit] = {}
    for start in range(0, len(codes), 500):  # SQLite caps the parameters of one query
        chunk = StatisticalUnit.objects.filter(uscc__in=codes[start : start + 500]).select_related("region")
        existing.update((unit.uscc, unit) for unit in chunk)
    # Duplicates: the same code twice in the file, or one name (folded) under two codes, in the file or
    # against the directory.
    code_lines: dict[str, int] = {}
    name_owner: dict[str, tuple[str, str]] = {
        normalised: (uscc, f"名录库中的“{name}”")
        for normalised, uscc, name in StatisticalUnit.objects.values_list("normalised_name", "uscc", "name")
    }
    for row in rows:
        if row.uscc in code_lines:
            reader.error(row.line, "uscc", f"与第{code_lines[row.uscc]}行重复")
            continue
        code_lines[row.uscc] = row.line
        normalised = unit_name_normalise(row.values["name"])
        owner = name_owner.get(normalised)
        if owner is not None and owner[0] != row.uscc:
            reader.error(row.line, "name", f"与{owner[1]} ({owner[0]}) 名称相同, 疑似重复单位")
        else:
            name_owner[normalised] = (row.uscc, f"第{row.line}行")
        unit = existing.get(row.uscc)
        if actor is not None and unit is not None and not can_manage_economy(actor, unit.region.code):
            reader.error(row.line, "uscc", "该单位不在您的范围内")
    if reader.errors:
        order = [header for _, header, _ in UNIT_COLUMNS]
        errors = sorted(reader.errors, key=lambda error: (error.row, order.index(error.column)))
        raise ImportRejected(errors, rows=len(rows))
    return rows, existing


def units_import(*, actor: Any, data: bytes, filename: str, dry_run: bool = False) -> ImportSummary:
    """Imports the directory sheet (first sheet, headers of UNIT_COLUMNS in row 1). With `dry_run` every row
    is checked and counted and nothing is written."""
    require(can_manage_economy(actor))
    rows, existing = _read_units(actor, data)
    created: list[StatisticalUnit] = []
    updated: list[StatisticalUnit] = []
    for row in rows:
        unit = existing.get(row.uscc)
        if unit is None:
            created.append(StatisticalUnit(uscc=row.uscc, **row.values))
            continue
        changes = {key: value for key, value in row.values.items() if getattr(unit, key) != value}
        if changes:
            for key, value in changes.items():
                setattr(unit, key, value)
            updated.append(unit)
    if not dry_run:
        with transaction.atomic():
            services.units_write(actor=actor, created=created, updated=updated, reason=f"Excel 导入 {filename}")
    return ImportSummary(rows=len(rows), created=len(created), updated=len(updated),
                         unchanged=len(rows) - len(created) - len(updated))


def crosswalk_import(*, actor: Any, data: bytes, filename: str) -> ImportSummary:
    """Adds or updates GB/T 4754 → GB/T 20794 rows a bureau keeps (headers of CROSSWALK_COLUMNS)."""
    require(actor is None or can_manage_economy(actor))
    headers, body = _sheet_rows(data, CROSSWALK_COLUMNS)
    labels = {key: header for key, header, _ in CROSSWALK_COLUMNS}
    industries = {industry.name: industry for industry in OceanIndustry.objects.all()}
    errors: list[RowError] = []
    parsed = []
    for line, raw in body:
        cells = {key: _text(raw[index]) if index < len(raw) else "" for key, index in headers.items()}
        code = cells["gbt4754_code"].upper()
        if problem := gbt4754_code_problem(code):
            errors.append(RowError(line, labels["gbt4754_code"], f"“{code}”{problem}"))
        if not cells["gbt4754_name"]:
            errors.append(RowError(line, labels["gbt4754_name"], "不能为空"))
        industry = industries.get(cells["industry"])
        if industry is None:
            message = f"“{cells['industry']}”不是 GB/T 20794-2021 的海洋产业或类别"
            errors.append(RowError(line, labels["industry"], message))
        confirmed = cells.get("confirmed", "")
        if confirmed not in ("是", "否", ""):
            errors.append(RowError(line, labels["confirmed"], f"“{confirmed}”应为“是”或“否”"))
        parsed.append((code, cells, industry, confirmed == "是"))
    if errors:
        raise ImportRejected(errors, rows=len(parsed))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for code, cells, industry, confirmed in parsed:
            assert industry is not None
            _, outcome = services.crosswalk_save(
                actor=actor, gbt4754_code=code, gbt4754_name=cells["gbt4754_name"], industry=industry,
                confirmed=confirmed, source=cells.get("source", ""), note=cells.get("note", ""),
                reason=f"Excel 导入 {filename}",
            )
            counts[outcome] += 1
    return ImportSummary(rows=len(parsed), **counts)


def _field_header(field: Mapping[str, Any]) -> str:
    return f"{field['label']}({field['unit']})" if field.get("unit") else str(field["label"])


def submission_headers(form: ReportingForm) -> list[str]:
    """The template's columns: the unit, the period, one column per field (with its unit), 说明."""
    return ["统一社会信用代码", "单位名称", "报告期", *(_field_header(f) for f in form.fields), "说明"]


def submissions_import(*, actor: Any, form_round: FormRound, data: bytes, filename: str) -> ImportSummary:
    """A round's submissions from its Excel template: every row checked (unit of the round, period of the
    round, the form's checks) before anything is written; one problem and nothing is saved. A pre-filled row
    left without values is skipped (that unit reports later)."""
    require(can_manage_economy(actor, form_round.region.code))
    form = form_round.form
    columns: tuple[tuple[str, str, bool], ...] = (
        ("uscc", "统一社会信用代码", True),
        ("period", "报告期", False),
        *((str(f["key"]), _field_header(f), False) for f in form.fields),
        ("explanation", "说明", False),
    )
    labels = {key: header for key, header, _ in columns}
    headers, body = _sheet_rows(data, columns)
    units = {unit.uscc: unit for unit in form_round.units.select_related("region")}
    previous = services.submission_previous_values(form_round)
    errors: list[RowError] = []
    parsed: list[tuple[StatisticalUnit, dict[str, Any], str, list[Any]]] = []
    seen: dict[str, int] = {}
    for line, raw in body:
        cells = {key: _text(raw[index]) if index < len(raw) else "" for key, index in headers.items()}
        if not any(cells.get(str(f["key"])) for f in form.fields) and not cells.get("explanation"):
            continue  # a pre-filled row the unit has not filled in yet: not part of this upload
        uscc = uscc_normalise(cells["uscc"])
        unit = units.get(uscc)
        if unit is None:
            errors.append(RowError(line, labels["uscc"], f"“{cells['uscc']}”不是本期的报送单位"))
            continue
        if uscc in seen:
            errors.append(RowError(line, labels["uscc"], f"与第{seen[uscc]}行重复"))
            continue
        seen[uscc] = line
        if cells.get("period") and cells["period"] != form_round.period_code:
            errors.append(RowError(line, labels["period"],
                                   f"“{cells['period']}”不是本期 ({form_round.period_code})"))
        written = {str(f["key"]): cells.get(str(f["key"]), "") for f in form.fields}
        explanation = cells.get("explanation", "")
        values, findings = services.submission_findings(form_round, unit, written, explanation, previous)
        by_label = {str(f["label"]): labels[str(f["key"])] for f in form.fields}
        for finding in findings:
            if finding.blocking:
                errors.append(RowError(line, by_label.get(finding.field, finding.field), finding.message))
        parsed.append((unit, values, explanation, findings))
    if errors:
        raise ImportRejected(errors, rows=len(body))
    with transaction.atomic():
        for unit, values, explanation, findings in parsed:
            services.submission_write(actor=actor, form_round=form_round, unit=unit, values=values,
                                      explanation=explanation, findings=findings, reason=f"Excel 导入 {filename}")
    return ImportSummary(rows=len(parsed), created=len(parsed), updated=0, unchanged=0)

