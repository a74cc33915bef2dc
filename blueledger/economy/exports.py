"""The unit directory as Excel, in the import's columns, so an export edited and uploaded again round-trips."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook

from blueledger.economy.imports import UNIT_COLUMNS
from blueledger.economy.models import StatisticalUnit
from blueledger.lib.numbers import plain_decimal


def units_workbook(units: Iterable[StatisticalUnit]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计单位名录")
    sheet.append([header for _, header, _ in UNIT_COLUMNS])
    for unit in units:
        share = "" if unit.sea_share is None else f"{plain_decimal(unit.sea_share * 100)}%"
        sheet.append([
            unit.uscc, unit.name, unit.region.code, unit.industry_4754,
            unit.ocean_industry.name if unit.ocean_industry else "", share,
            unit.get_size_class_display(), unit.get_status_display(), unit.get_source_display(),
        ])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
