"""A bureau extends the GB/T 4754 → GB/T 20794 crosswalk by Excel; a bad row writes nothing."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from blueledger.economy.imports import ImportRejected, RowError, crosswalk_import
from blueledger.economy.models import IndustryCrosswalk
from blueledger.economy.tests.factories import load_classification

pytestmark = pytest.mark.django_db
HEADER = ["国民经济行业代码", "国民经济行业名称", "海洋产业", "是否已核实", "来源", "说明"]


def _workbook(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rows_add_and_update_mappings() -> None:
    load_classification()
    data = _workbook([["G5531", "港口", "海洋交通运输业", "否", "本局整理", ""],
                      ["A0411", "海水养殖", "海洋渔业", "是", "本局核对附录C", ""]])
    summary = crosswalk_import(actor=None, data=data, filename="对照.xlsx")
    assert (summary.rows, summary.created, summary.updated) == (2, 1, 1)
    added = IndustryCrosswalk.objects.get(gbt4754_code="G5531")
    assert (added.industry.name, added.confirmed, added.history.get().history_change_reason) == (
        "海洋交通运输业", False, "Excel 导入 对照.xlsx"
    )
    assert IndustryCrosswalk.objects.get(gbt4754_code="A0411").confirmed is True


def test_bad_rows_are_named_and_nothing_is_written() -> None:
    load_classification()
    before = IndustryCrosswalk.objects.count()
    data = _workbook([["G5531", "港口", "海洋交通运输业", "否", "", ""], ["55", "", "海洋港口业", "也许", "", ""]])
    with pytest.raises(ImportRejected) as rejected:
        crosswalk_import(actor=None, data=data, filename="x.xlsx")
    assert rejected.value.errors == [
        RowError(3, "国民经济行业代码", "“55”应为门类字母加 2–4 位数字, 如 C3731"),
        RowError(3, "国民经济行业名称", "不能为空"),
        RowError(3, "海洋产业", "“海洋港口业”不是 GB/T 20794-2021 的海洋产业或类别"),
        RowError(3, "是否已核实", "“也许”应为“是”或“否”"),
    ]
    assert IndustryCrosswalk.objects.count() == before
