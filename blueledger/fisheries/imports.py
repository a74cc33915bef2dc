"""The vessel registry from Excel (渔船档案导入), on the shared scaffold `lib/xlsx.py`. Every row is checked
before anything is written; one bad cell means nothing is imported, and each problem names sheet, row, column
and value in Chinese (``渔船 第3行 F列(MMSI) “41200000”: …``). Rows create vessels or update the vessel of the
same 船名; a row's 捕捞许可证 is recorded with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from blueledger.core.permissions import region_prefix, require
from blueledger.core.uploads import xlsx_limits
from blueledger.fisheries import services
from blueledger.fisheries.choices import CertificateKind, Gear
from blueledger.fisheries.models import Certificate, Vessel
from blueledger.fisheries.naming import VesselNameError, mmsi_problem, parse_vessel_name
from blueledger.fisheries.permissions import can_manage_fisheries
from blueledger.lib import xlsx
from blueledger.lib.xlsx import ImportRejected
from blueledger.orgs.models import Region

__all__ = ["COLUMNS", "ImportRejected", "ImportSummary", "vessels_import"]

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
LABELS = {key: header for key, header, _ in COLUMNS}
TEXT_KEYS = ("name", "region", "registry_port", "home_port", "home_port_code", "mmsi", "beidou_terminal", "owner")
MEASURE_KEYS = ("power_kw", "length_m", "gross_tonnage")
GEARS = {value: value for value in Gear.values}
# A gear may also be written as its longer label (灯光围（敷）网 for 灯光围网).
GEAR_BY_LABEL = {label: value for value, label in Gear.choices}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    dry_run: bool


@dataclass(slots=True)
class _Row:
    line: int
    values: dict[str, Any]
    licence: tuple[str, date] | None


def _header(value: Any) -> str:
    return "".join(str(value or "").split()).replace("（", "(").replace("）", ")")


class _Reader:
    """One sheet's problems, each against the cell's column and header."""

    def __init__(self, sheet_name: str, columns: dict[str, int]) -> None:
        self.columns = columns
        self.errors = xlsx.RowErrors(sheet_name)

    def problem(self, line: int, key: str, message: str, *value: Any) -> None:
        """`value`, when given, is quoted after the cell's name."""
        self.errors.add(line, self.columns[key] + 1, LABELS[key], message, *value)

    def read(self, line: int, key: str, value: Any, reader: Any, **options: Any) -> Any:
        return self.errors.read(line, self.columns[key] + 1, LABELS[key], value, reader, **options)


def _read(actor: Any, data: bytes) -> tuple[str, list[_Row]]:
    limits = xlsx_limits()
    workbook = xlsx.open_workbook(data, limits)  # size, zip bombs, DTDs and the row limit, before parsing
    sheet_name = workbook.sheetnames[0]
    rows = xlsx.read_rows(workbook, sheet_name, max_rows=limits.max_rows + 1)
    if not rows:
        raise ImportRejected([f"工作表“{sheet_name}”是空的。"])
    header_cells = [_header(cell) for cell in rows[0]]
    columns = {HEADERS[h]: i for i, h in enumerate(header_cells) if h in HEADERS}
    missing = [header for key, header, required in COLUMNS if required and key not in columns]
    if missing:
        raise ImportRejected([f"{sheet_name} 第1行 (表头) 缺少列: {'、'.join(missing)}。"])
    reader = _Reader(sheet_name, columns)
    prefix = "" if actor is None else (region_prefix(actor) or "")
    regions = {r.code: r for r in Region.objects.filter(code__startswith=prefix)}
    parsed: list[_Row] = []
    for line, raw in enumerate(rows[1:], start=2):
        cells = {key: (raw[i] if i < len(raw) else None) for key, i in columns.items()}
        if not any(xlsx.cell_text(v) for v in cells.values()):
            continue
        parsed.append(_parse_row(reader, line, cells, regions))
    _check_ids(reader, parsed)
    reader.errors.raise_if_any()
    return sheet_name, parsed


def _parse_row(reader: _Reader, line: int, cells: dict[str, Any], regions: dict[str, Region]) -> _Row:
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if key not in cells:
            values[key] = ""
            continue
        # a GB/T 2260 code has 6 digits
        max_length = 6 if key == "region" else int(Vessel._meta.get_field(key).max_length or 0)
        text = reader.read(line, key, cells[key], xlsx.read_text, max_length=max_length,
                           required=key in ("name", "region", "registry_port", "home_port"))
        values[key] = text
    name = values["name"]
    if name:
        name = values["name"] = "".join(name.split())
        try:
            parse_vessel_name(name)
        except VesselNameError as error:
            reader.problem(line, "name", str(error), name)
    code = values.pop("region")
    if code:
        if code in regions:
            values["region"] = regions[code]
        else:
            reader.problem(line, "region", "不是您范围内的区市代码 (GB/T 2260)", code)
    if values["mmsi"] and (message := mmsi_problem(values["mmsi"])):
        reader.problem(line, "mmsi", message, values["mmsi"])
    gear = cells["gear"]
    values["gear"] = GEAR_BY_LABEL.get(xlsx.cell_text(gear)) or reader.read(
        line, "gear", gear, xlsx.read_choice, choices=GEARS)
    for key in MEASURE_KEYS:
        if key not in cells:
            continue
        field = Vessel._meta.get_field(key)
        number = (
            None if xlsx.cell_text(cells[key]) == "" else reader.read(
                line, key, cells[key], xlsx.read_decimal, max_digits=field.max_digits,  # type: ignore[attr-defined]
                decimal_places=field.decimal_places)  # type: ignore[attr-defined]
        )
        if number is not None and number <= Decimal(0):
            reader.problem(line, key, "应大于 0", cells[key])
            number = None
        values[key] = number
    return _Row(line=line, values=values, licence=_licence(reader, line, cells))


def _licence(reader: _Reader, line: int, cells: dict[str, Any]) -> tuple[str, date] | None:
    if "licence_number" not in cells:
        return None
    number = reader.read(line, "licence_number", cells["licence_number"], xlsx.read_text,
                         max_length=int(Certificate._meta.get_field("number").max_length or 0))
    written = cells.get("licence_expires")
    expires = None if xlsx.cell_text(written) == "" else reader.read(line, "licence_expires", written, xlsx.read_date)
    if number and xlsx.cell_text(written) == "":
        if "licence_expires" in reader.columns:
            reader.problem(line, "licence_expires", "填写了捕捞许可证号, 请填写有效期")
        else:
            reader.problem(line, "licence_number", "表中没有“捕捞许可证有效期至”列, 无法登记有效期", number)
    if expires is not None and not number:
        reader.problem(line, "licence_number", "填写了有效期, 请填写捕捞许可证号")
    return (number, expires) if number and expires else None


def _check_ids(reader: _Reader, rows: list[_Row]) -> None:
    """A 船名, MMSI or 北斗终端号 twice in the file, or an id already registered on another vessel."""
    first_line: dict[tuple[str, str], int] = {}
    keys = ("name", "mmsi", "beidou_terminal")
    for row in rows:
        for key in keys:
            written = row.values.get(key)
            if not written:
                continue
            seen = first_line.setdefault((key, written), row.line)
            if seen != row.line:
                reader.problem(row.line, key, f"与第{seen}行重复", written)
    owners = {(key, value): name for name, *ids in Vessel.objects.values_list("name", *keys[1:])
              for key, value in zip(keys[1:], ids, strict=True) if value}
    for row in rows:
        for key in keys[1:]:
            owner = owners.get((key, row.values.get(key) or ""))
            if owner is not None and owner != row.values["name"]:
                reader.problem(row.line, key, f"已登记在渔船“{owner}”上", row.values[key])


def vessels_import(*, actor: Any, data: bytes, dry_run: bool = False) -> ImportSummary:
    """Reads the first sheet; raises ImportRejected with every problem, or writes all rows in one transaction
    (and rolls them back when `dry_run`, so a dry run meets every check a real import meets)."""
    require(can_manage_fisheries(actor))
    sheet_name, rows = _read(actor, data)
    existing = {v.name: v for v in Vessel.objects.select_related("region").filter(name__in=[r.values["name"]
                                                                                          for r in rows])}
    created = updated = 0
    current_line = 0
    try:
        with transaction.atomic():
            for row in rows:
                current_line = row.line
                certificates = {CertificateKind.FISHING_LICENCE.value: row.licence} if row.licence else {}
                current = existing.get(row.values["name"])
                if current is None:
                    services.vessel_create(actor=actor, reason="Excel 导入", certificates=certificates, **row.values)
                    created += 1
                else:
                    services.vessel_update(actor=actor, vessel=current, reason="Excel 导入", certificates=certificates,
                                           **row.values)
                    updated += 1
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        raise ImportRejected([f"{sheet_name} 第{current_line}行: {message}" for message in error.messages]) from None
    return ImportSummary(created=created, updated=updated, dry_run=dry_run)
