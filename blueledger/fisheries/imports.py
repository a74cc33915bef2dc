"""The vessel registry from Excel (渔船档案导入). Every row is checked before anything is written; one bad cell
means nothing is imported, and each problem names sheet, row, column and value in Chinese. Rows create vessels
or update the vessel of the same 船名. (The shared Excel scaffold, lib/xlsx.py, is being built; this module keeps
the shape of projects.imports until it lands.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from blueledger.core.permissions import region_prefix, require
from blueledger.core.uploads import xlsx_limits
from blueledger.fisheries import services
from blueledger.fisheries.choices import CertificateKind, Gear
from blueledger.fisheries.models import Vessel
from blueledger.fisheries.naming import VesselNameError, mmsi_problem, parse_vessel_name
from blueledger.fisheries.permissions import can_manage_fisheries
from blueledger.lib import xlsx
from blueledger.orgs.models import Region

# key, header, required
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("name", "船名", True),
    ("region", "区市代码", True),
    ("registry_port", "船籍港", True),
    ("home_port", "依港港口", True),
    ("home_port_code", "依港锚地代码", False),
    ("mmsi", "MMSI", False),
    ("beidou_terminal", "北斗终端号", False),
    ("gear", "作业类型", True),
    ("power_kw", "主机功率(kW)", False),
    ("length_m", "船长(米)", False),
    ("gross_tonnage", "总吨位", False),
    ("owner", "船东", False),
    ("licence_number", "捕捞许可证号", False),
    ("licence_expires", "捕捞许可证有效期至", False),
)
HEADERS = {header: key for key, header, _ in COLUMNS}


class ImportRejected(Exception):
    """The file was refused; `problems` lists every reason, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    dry_run: bool


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(str(value).split()) if not isinstance(value, str) else " ".join(value.split())


def _decimal(value: Any) -> Decimal | None:
    text = _text(value).replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number.quantize(Decimal("0.01"))


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    if not text:
        return None
    return date.fromisoformat(text)


def vessels_import(*, actor: Any, data: bytes, dry_run: bool = False) -> ImportSummary:
    """Reads the first sheet; raises ImportRejected with every problem, or writes all rows in one transaction."""
    require(can_manage_fisheries(actor))
    try:  # size, zip bombs, DTDs and the row limit are checked before openpyxl parses anything
        workbook = xlsx.open_workbook(data, xlsx_limits())
    except xlsx.ImportRejected as refused:
        raise ImportRejected(refused.problems) from None
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ImportRejected([f"工作表“{sheet.title}”是空的。"])
    header_row = ["".join(str(v or "").split()).replace("（", "(").replace("）", ")") for v in rows[0]]
    columns = {HEADERS[h]: i for i, h in enumerate(header_row) if h in HEADERS}
    missing = [header for key, header, required in COLUMNS if required and key not in columns]
    if missing:
        raise ImportRejected([f"工作表“{sheet.title}”缺少列: {'、'.join(missing)}。"])
    prefix = "" if actor is None else (region_prefix(actor) or "")
    regions = {r.code: r for r in Region.objects.filter(code__startswith=prefix)}
    existing = {v.name: v for v in Vessel.objects.select_related("region")}
    problems: list[str] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    names_in_file: dict[str, int] = {}
    ids_in_file: dict[str, int] = {}

    def problem(line: int, key: str, value: Any, message: str) -> None:
        column = get_column_letter(columns[key] + 1)
        header = next(h for k, h, _ in COLUMNS if k == key)
        problems.append(f"工作表“{sheet.title}”第 {line} 行 {column} 列 ({header}) “{_text(value)}”: {message}")

    for line, row in enumerate(rows[1:], start=2):
        cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        values: dict[str, Any] = {}
        for key, header, required in COLUMNS:
            if key in cells and required and not _text(cells[key]):
                problem(line, key, "", f"{header}不能为空。")
        name = _text(cells["name"])
        if name:
            try:
                parse_vessel_name(name)
            except VesselNameError as error:
                problem(line, "name", name, str(error))
            if name in names_in_file:
                problem(line, "name", name, f"与第 {names_in_file[name]} 行重复。")
            names_in_file.setdefault(name, line)
        values["name"] = name
        code = _text(cells["region"])
        if code:
            if code not in regions:
                problem(line, "region", code, "不是您范围内的区市代码 (GB/T 2260)。")
            else:
                values["region"] = regions[code]
        gear = _text(cells["gear"])
        gear_value = {label: value for value, label in Gear.choices}.get(gear, gear)
        if gear and gear_value not in {value for value, _ in Gear.choices}:
            problem(line, "gear", gear, f"作业类型应为: {'、'.join(v for v, _ in Gear.choices)}。")
        values["gear"] = gear_value
        for key in ("registry_port", "home_port", "home_port_code", "owner", "beidou_terminal"):
            values[key] = _text(cells.get(key))
        mmsi = _text(cells.get("mmsi"))
        if mmsi and (message := mmsi_problem(mmsi)):
            problem(line, "mmsi", mmsi, message)
        values["mmsi"] = mmsi
        for track_id, key in ((mmsi, "mmsi"), (values["beidou_terminal"], "beidou_terminal")):
            if track_id:
                if track_id in ids_in_file:
                    problem(line, key, track_id, f"与第 {ids_in_file[track_id]} 行重复。")
                ids_in_file.setdefault(track_id, line)
        for key in ("power_kw", "length_m", "gross_tonnage"):
            if key not in cells:
                continue
            try:
                number = _decimal(cells[key])
            except ValueError:
                problem(line, key, cells[key], "应为数字。")
                continue
            if number is not None and number <= 0:
                problem(line, key, cells[key], "应大于 0。")
            values[key] = number
        licence = _text(cells.get("licence_number"))
        try:
            expires = _date(cells.get("licence_expires"))
        except ValueError:
            problem(line, "licence_expires", cells.get("licence_expires"), "应为日期 (如 2026-12-31)。")
            expires = None
        if licence and expires is None and "licence_expires" in columns:
            problem(line, "licence_expires", "", "填写了捕捞许可证号, 请填写有效期。")
        values["_licence"] = (licence, expires)
        parsed.append((line, values))
    if problems:
        raise ImportRejected(problems)

    created = updated = 0
    current_line = 0
    try:
        with transaction.atomic():
            for line, values in parsed:
                current_line = line
                licence, expires = values.pop("_licence")
                fields = {k: v for k, v in values.items() if k in services.VESSEL_FIELDS}
                current = existing.get(values["name"])
                if current is None:
                    vessel = services.vessel_create(actor=actor, reason="Excel 导入", **fields)
                    created += 1
                else:
                    vessel = services.vessel_update(actor=actor, vessel=current, reason="Excel 导入", **fields)
                    updated += 1
                if licence and expires:
                    services.certificate_save(
                        actor=actor, vessel=vessel, kind=CertificateKind.FISHING_LICENCE, number=licence,
                        expires_on=expires,
                    )
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        raise ImportRejected(
            [f"工作表“{sheet.title}”第 {current_line} 行: {message}" for message in error.messages]
        ) from None
    return ImportSummary(created=created, updated=updated, dry_run=dry_run)
