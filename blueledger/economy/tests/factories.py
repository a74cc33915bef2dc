"""Plain factories of the economy tests."""

from __future__ import annotations

import itertools
from io import BytesIO
from typing import Any

from openpyxl import Workbook

from blueledger.economy.imports import UNIT_COLUMNS
from blueledger.economy.models import StatisticalUnit
from blueledger.economy.services import classification_load_reference, unit_create
from blueledger.lib.uscc import uscc_check_character
from blueledger.orgs.models import Region

_sequence = itertools.count(1)
UNIT_HEADER = [header for _, header, _ in UNIT_COLUMNS]


def make_uscc(region_code: str = "370211", number: int | None = None) -> str:
    """A code built by the GB 32100-2015 rule: 91 + region + 9-character subject + check character."""
    head = f"91{region_code}MA{(number if number is not None else next(_sequence)):07d}"
    return head + uscc_check_character(head)


def load_classification() -> None:
    classification_load_reference(actor=None)


def make_unit(region: Region, **fields: Any) -> StatisticalUnit:
    number = next(_sequence)
    values: dict[str, Any] = {"uscc": make_uscc(region.code, number), "name": f"测试海洋单位{number}有限公司"}
    values.update(fields)
    return unit_create(actor=None, region=region, **values)


def units_workbook(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header or UNIT_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
