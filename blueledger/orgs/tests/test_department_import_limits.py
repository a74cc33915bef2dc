"""The departments import checks lengths against the model's fields and the row limit before writing."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.testing import make_department, make_user
from blueledger.lib.tests.hostile_files import big_sheet_xlsx
from blueledger.orgs.imports import ImportRejected, departments_import
from blueledger.orgs.models import Department, DepartmentAlias
from blueledger.orgs.tests.test_department_excel import workbook_bytes
from blueledger.users.choices import Role


@pytest.fixture
def admin(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN)


def _problems(admin: Any, data: bytes) -> list[str]:
    before = (Department.objects.count(), DepartmentAlias.objects.count(), Department.history.count())
    with pytest.raises(ImportRejected) as rejected:
        departments_import(actor=admin, data=data, filename="部门.xlsx")
    assert (Department.objects.count(), DepartmentAlias.objects.count(), Department.history.count()) == before
    return rejected.value.problems


def test_names_longer_than_their_fields_are_row_errors(admin: Any) -> None:
    rows = [("370200", "青岛市", "局" * 101, "", "政府工作部门", "别" * 101, "是", "注" * 201)]
    assert _problems(admin, workbook_bytes(rows)) == [
        f"部门单位 第2行 C列(全称) “{'局' * 50}”: 长度为 101 个字, 超过 100 个字的上限",
        f"部门单位 第2行 H列(备注) “{'注' * 50}”: 长度为 201 个字, 超过 200 个字的上限",
        f"部门单位 第2行 F列(别名) “{'别' * 50}”: 别名长度超过 100 个字的上限",
    ]


def test_a_long_full_name_needs_a_short_name(admin: Any) -> None:
    rows = [("370200", "青岛市", "局" * 60, "", "政府工作部门", "", "是", "")]
    assert _problems(admin, workbook_bytes(rows)) == [
        "部门单位 第2行 D列(简称): 简称为空时取全称, 但全称超过简称 50 个字的上限, 请填写简称"
    ]


def test_a_file_of_100000_departments_is_refused_before_reading(admin: Any) -> None:
    assert _problems(admin, big_sheet_xlsx(100_000, dimension=True)) == [
        "文件中的工作表超过每次导入 10,000 行的上限。请拆分后分批导入。"
    ]
