"""The registry from Excel: every row checked first; one bad cell and nothing is written, each problem with
sheet, row, column and value; --dry-run writes nothing; history names the import."""

from __future__ import annotations

import io
from io import BytesIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from blueledger.fisheries.imports import ImportRejected, vessels_import
from blueledger.fisheries.models import Certificate, Vessel
from blueledger.fisheries.tests.factories import make_vessel

HEADER = ["船名", "区市代码", "船籍港", "依港港口", "依港锚地代码", "MMSI", "北斗终端号", "作业类型", "主机功率(kW)",
          "船长(米)", "总吨位", "船东", "捕捞许可证号", "捕捞许可证有效期至"]  # fmt: skip
GOOD = [
    ["鲁荣渔58001", "370200", "石岛", "石岛", "WEIHAI", "412000001", "BD-0001", "拖网", 220, 36.5, 180, "王某",
     "(鲁荣)船捕(2026)HY-000101号", "2028-12-31"],
    ["鲁荣渔58002", "370200", "石岛", "石岛", "WEIHAI", "", "BD-0002", "钓具", 88, 18, 40, "李某", "", ""],
]  # fmt: skip


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "渔船"
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_clean_sheet_creates_vessels_and_licences_with_history(shandong: dict[str, Any]) -> None:
    summary = vessels_import(actor=None, data=_xlsx(GOOD))
    assert (summary.created, summary.updated) == (2, 0)
    vessel = Vessel.objects.get(name="鲁荣渔58001")
    assert (vessel.mmsi, vessel.gear, str(vessel.power_kw), vessel.region.code) == ("412000001", "拖网", "220.00",
                                                                                    "370200")
    assert vessel.history.get().history_change_reason == "Excel 导入"
    assert Certificate.objects.get(vessel=vessel).number == "(鲁荣)船捕(2026)HY-000101号"
    again = vessels_import(actor=None, data=_xlsx(GOOD))
    assert (again.created, again.updated) == (0, 2)


def test_bad_cells_are_all_named_and_nothing_is_written(shandong: dict[str, Any]) -> None:
    rows = [
        GOOD[0],
        ["鲁荣58003", "370200", "石岛", "石岛", "", "41200000", "", "拖网", "大", -1, "", "", "", ""],
        ["鲁荣渔58004", "999999", "石岛", "石岛", "", "412000001", "", "飞网", "", "", "", "", "X1", "明年"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        vessels_import(actor=None, data=_xlsx(rows))
    assert rejected.value.problems == [
        "渔船 第3行 A列(船名) “鲁荣58003”: 船名“鲁荣58003”不符合船名规定: 省简称 + 县（市、区）简称 + "
        "渔/渔养/渔运等 + 5 位编号 (如“鲁荣渔58001”)。",
        "渔船 第3行 F列(MMSI) “41200000”: MMSI 应为 9 位数字, 现为“41200000”。",
        "渔船 第3行 I列(主机功率(kW)) “大”: 应为数字",
        "渔船 第3行 J列(船长(米)) “-1”: 应大于 0",
        "渔船 第4行 B列(区市代码) “999999”: 不是您范围内的区市代码 (GB/T 2260)",
        "渔船 第4行 H列(作业类型) “飞网”: 应为 拖网/围网/刺网/张网/钓具/笼壶/定置/桁杆拖虾/灯光围网/运输/养殖 之一",
        "渔船 第4行 N列(捕捞许可证有效期至) “明年”: 应为日期, 如 2023-06-15",
        "渔船 第4行 F列(MMSI) “412000001”: 与第2行重复",
    ]
    assert Vessel.objects.count() == 0
    assert Certificate.objects.count() == 0


def test_ids_of_other_vessels_and_out_of_range_cells_refuse_the_file(shandong: dict[str, Any]) -> None:
    make_vessel(shandong["qingdao"], name="鲁荣渔59999", mmsi="412000001", beidou_terminal="BD-0002")
    kept = Vessel.objects.get(name="鲁荣渔59999")
    rows = [
        [*GOOD[0][:8], "1e400", *GOOD[0][9:12], "(鲁荣)船捕(2026)HY-000101号", ""],
        [*GOOD[1][:11], "王" * 61, "", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        vessels_import(actor=None, data=_xlsx(rows))
    assert rejected.value.problems == [
        "渔船 第2行 I列(主机功率(kW)) “1e400”: 数值超出范围 (整数部分最多 8 位)",
        "渔船 第2行 N列(捕捞许可证有效期至): 填写了捕捞许可证号, 请填写有效期",
        f"渔船 第3行 L列(船东) “{'王' * 50}”: 长度为 61 个字, 超过 60 个字的上限",
        "渔船 第2行 F列(MMSI) “412000001”: 已登记在渔船“鲁荣渔59999”上",
        "渔船 第3行 G列(北斗终端号) “BD-0002”: 已登记在渔船“鲁荣渔59999”上",
    ]
    assert list(Vessel.objects.values_list("name", flat=True)) == ["鲁荣渔59999"]
    assert kept.history.count() == 1


def test_missing_columns_refuse_the_file(shandong: dict[str, Any]) -> None:
    workbook = Workbook()
    workbook.active.append(["船名", "MMSI"])
    out = BytesIO()
    workbook.save(out)
    with pytest.raises(ImportRejected) as rejected:
        vessels_import(actor=None, data=out.getvalue())
    assert rejected.value.problems == ["Sheet 第1行 (表头) 缺少列: 区市代码、船籍港、依港港口、作业类型。"]


def test_command_dry_run_writes_nothing_and_errors_end_the_command(shandong: dict[str, Any], tmp_path: Any) -> None:
    path = tmp_path / "渔船.xlsx"
    path.write_bytes(_xlsx(GOOD))
    text = io.StringIO()
    call_command("fisheries", "vessels", "import", str(path), "--dry-run", stdout=text)
    assert text.getvalue().strip() == "可导入: 新建 2 艘, 更新 0 艘。"
    assert Vessel.objects.count() == 0
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_xlsx([[*GOOD[0][:5], "123", *GOOD[0][6:]]]))
    with pytest.raises(CommandError) as error:
        call_command("fisheries", "vessels", "import", str(bad))
    assert "MMSI 应为 9 位数字" in str(error.value)
    assert Vessel.objects.count() == 0
