"""The dispatch-table import checks every value against the column it is stored in before writing: a name
longer than the field, a number beyond the field's digits (1e400, 30 digits) are row errors, not a 500."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.testing import make_department, make_user
from blueledger.projects.imports import ImportRejected, dispatch_import
from blueledger.projects.models import MonthlyReport, Project
from blueledger.projects.tests.factories import make_track
from blueledger.projects.tests.test_dispatch_excel import good_row, workbook
from blueledger.users.choices import Role


@pytest.fixture
def dispatcher(shandong: dict[str, Any]) -> Any:
    make_track(shandong["qingdao"], "海洋渔业")
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)


def _problems(dispatcher: Any, rows: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        dispatch_import(actor=dispatcher, data=workbook(rows), filename="bad.xlsx")
    assert (Project.objects.count(), MonthlyReport.objects.count(), Project.history.count()) == (0, 0, 0)
    return rejected.value.problems


def test_a_name_longer_than_the_field_is_a_row_error(dispatcher: Any) -> None:
    name = "海" * 400
    assert _problems(dispatcher, [good_row(项目名称=name)]) == [
        f"重点项目调度表 第2行 B列(项目名称) “{'海' * 50}”: 长度为 400 个字, 超过 200 个字的上限"
    ]


def test_contact_phone_longer_than_the_field_is_a_row_error(dispatcher: Any) -> None:
    row = good_row(**{"联系电话": "1" * 31})
    assert _problems(dispatcher, [row]) == [
        f"重点项目调度表 第2行 O列(联系电话) “{'1' * 31}”: 长度为 31 个字, 超过 30 个字的上限"
    ]


@pytest.mark.parametrize("value", ["1e400", "9" * 30, 1e300])
def test_a_number_beyond_the_field_is_a_row_error(dispatcher: Any, value: Any) -> None:
    shown = "1e+300" if value == 1e300 else value
    assert _problems(dispatcher, [good_row(**{"总投资(万元)": value})]) == [
        f"重点项目调度表 第2行 G列(总投资(万元)) “{shown}”: 数值超出范围 (整数部分最多 12 位)"
    ]
