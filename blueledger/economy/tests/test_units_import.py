"""The directory from Excel: every row checked first, errors by row and column in Chinese, nothing written
on error, units matched by 统一社会信用代码, history for every write."""

import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user
from blueledger.economy.choices import UnitSize, UnitSource
from blueledger.economy.imports import ImportRejected, RowError, units_import
from blueledger.economy.models import StatisticalUnit
from blueledger.economy.tests.factories import (
    load_classification,
    make_unit,
    make_uscc,
    units_workbook,
)
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict]:
    """The regions and the classification, loaded once for the module; what each test writes is rolled back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        yield shandong


@pytest.fixture
def world(world_rows: dict) -> dict:
    return fresh(world_rows)


def _row(uscc: str, name: str, region: str = "黄岛区", **cells: str) -> list[str]:
    return [uscc, name, region, cells.get("code", "C3731"), cells.get("industry", "海洋船舶工业"),
            cells.get("share", "100%"), cells.get("size", "规上"), cells.get("status", "在营"),
            cells.get("source", "海洋经济调查")]


def test_rows_create_units_with_history(world: dict) -> None:
    first, second = make_uscc("370211"), make_uscc("370212")
    data = units_workbook([_row(first, "青岛甲船舶有限公司"), _row(second, "青岛乙渔业有限公司", "370212",
                                                                   code="", industry="海洋渔业", share="0.4", size="")])
    summary = units_import(actor=None, data=data, filename="名录.xlsx")
    assert (summary.rows, summary.created, summary.updated, summary.unchanged) == (2, 2, 0, 0)
    unit = StatisticalUnit.objects.get(uscc=second)
    assert (unit.name, unit.region.code, unit.ocean_industry.name, unit.sea_share, unit.size_class, unit.source) == (
        "青岛乙渔业有限公司", "370212", "海洋渔业", Decimal("0.4000"), UnitSize.BELOW, UnitSource.CENSUS,
    )
    record = unit.history.get()
    assert (record.history_type, record.history_change_reason) == ("+", "Excel 导入 名录.xlsx")


def test_known_code_updates_and_equal_rows_are_unchanged(world: dict) -> None:
    unit = make_unit(world["huangdao"], name="青岛丙船舶有限公司")
    data = units_workbook([_row(unit.uscc, "青岛丙船舶有限公司", share="50%")])
    summary = units_import(actor=None, data=data, filename="a.xlsx")
    assert (summary.created, summary.updated) == (0, 1)
    unit.refresh_from_db()
    assert unit.sea_share == Decimal("0.5000")
    assert unit.history.first().history_change_reason == "Excel 导入 a.xlsx"
    again = units_import(actor=None, data=data, filename="a.xlsx")
    assert (again.updated, again.unchanged) == (0, 1)


def test_every_bad_cell_is_named_and_nothing_is_written(world: dict) -> None:
    good = make_uscc("370211")
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    existing = make_unit(world["laoshan"], name="青岛丁海工有限公司")
    data = units_workbook([
        _row(good, "青岛戊船舶有限公司"),
        _row(wrong_check, "青岛己船舶有限公司"),
        _row(good, "青岛庚船舶有限公司"),
        _row(make_uscc("370211"), "青岛 丁海工 有限责任公司"),
        _row(make_uscc("370211"), "青岛辛公司", region="火星区", code="3731", industry="海洋养殖业", share="一半",
             size="大型"),
    ])
    before = StatisticalUnit.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        units_import(actor=None, data=data, filename="bad.xlsx")
    assert rejected.value.errors == [
        RowError(
            3, "统一社会信用代码", f"“{wrong_check}”校验码错误: 第 18 位应为“{good[17]}”, 实为“{wrong_check[17]}”"
        ),
        RowError(4, "统一社会信用代码", "与第2行重复"),
        RowError(5, "单位名称", f"与名录库中的“青岛丁海工有限公司” ({existing.uscc}) 名称相同, 疑似重复单位"),
        RowError(6, "所在区划", "“火星区”不是已知的区划, 或不在您的范围内"),
        RowError(6, "国民经济行业代码", "“3731”应为门类字母加 2–4 位数字, 如 C3731"),
        RowError(6, "海洋产业", "“海洋养殖业”不是 GB/T 20794-2021 的海洋产业或类别"),
        RowError(6, "涉海比例", "“一半”应为 0–100% 的比例, 如 35% 或 0.35"),
        RowError(6, "规模", "“大型”应为 规上/规下 之一"),
    ]
    assert StatisticalUnit.objects.count() == before
    assert StatisticalUnit.history.count() == before


def test_missing_header_is_refused(world: dict) -> None:
    data = units_workbook([["x"]], header=["单位名称", "所在区划"])
    with pytest.raises(ImportRejected) as rejected:
        units_import(actor=None, data=data, filename="x.xlsx")
    assert rejected.value.errors == [RowError(1, "统一社会信用代码", "表头缺少该列")]


def test_dispatcher_imports_only_units_of_its_scope(world: dict) -> None:
    dispatcher = make_user(make_department(world["weifang"]), Role.DISPATCHER)
    data = units_workbook([_row(make_uscc("370211"), "青岛壬船舶有限公司")])
    with pytest.raises(ImportRejected) as rejected:
        units_import(actor=dispatcher, data=data, filename="x.xlsx")
    assert rejected.value.errors == [RowError(2, "所在区划", "“黄岛区”不是已知的区划, 或不在您的范围内")]
    assert not StatisticalUnit.objects.exists()


def test_command_prints_json_and_dry_run_writes_nothing(world: dict, tmp_path: Path) -> None:
    path = tmp_path / "名录.xlsx"
    path.write_bytes(units_workbook([_row(make_uscc("370211"), "青岛癸船舶有限公司")]))
    out = StringIO()
    call_command("economy", "units", "import", str(path), "--dry-run", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {"rows": 1, "created": 1, "updated": 0, "errors": []}
    assert not StatisticalUnit.objects.exists()
    out = StringIO()
    call_command("economy", "units", "import", str(path), "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {"rows": 1, "created": 1, "updated": 0, "errors": []}
    assert StatisticalUnit.objects.count() == 1


def test_command_with_errors_prints_them_and_fails(world: dict, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(units_workbook([_row("91370211MA00000010", "青岛子船舶有限公司")]))
    out = StringIO()
    with pytest.raises(CommandError, match="文件未导入: 1 处错误, 未写入任何数据。"):
        call_command("economy", "units", "import", str(path), "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["rows"], result["created"], result["updated"]) == (1, 0, 0)
    assert result["errors"][0]["row"] == 2
    assert result["errors"][0]["column"] == "统一社会信用代码"
    assert result["errors"][0]["message"].startswith("“91370211MA00000010”校验码错误")
    assert not StatisticalUnit.objects.exists()
