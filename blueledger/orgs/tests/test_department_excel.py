"""Departments out to Excel and back in: a round trip changes nothing; one bad cell imports nothing."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from blueledger.core.testing import make_department, make_user
from blueledger.orgs import services
from blueledger.orgs.exports import DEPARTMENT_COLUMNS, departments_workbook
from blueledger.orgs.imports import ImportRejected, departments_import
from blueledger.orgs.models import Department, DepartmentAlias
from blueledger.users.choices import Role


@pytest.fixture
def admin(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN)


def workbook_bytes(rows: list[tuple[Any, ...]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "部门单位"
    sheet.append(DEPARTMENT_COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_export_opens_with_headers_and_aliases(shandong: dict[str, Any], admin: Any) -> None:
    department = services.department_create(
        actor=admin,
        region=shandong["weifang"],
        name="潍坊市发展和改革委员会",
        short_name="市发改委",
        kind="bureau",
        aliases=["发改委", "市发展改革委"],
    )
    sheet = load_workbook(BytesIO(departments_workbook([department])))["部门单位"]
    assert tuple(cell.value for cell in sheet[1]) == DEPARTMENT_COLUMNS
    assert tuple(cell.value for cell in sheet[2]) == (
        "370700",
        "潍坊市",
        "潍坊市发展和改革委员会",
        "市发改委",
        "政府工作部门",
        "发改委|市发展改革委",
        "是",
        None,
    )


def test_round_trip_changes_nothing(shandong: dict[str, Any], admin: Any) -> None:
    services.department_create(
        actor=admin,
        region=shandong["weifang"],
        name="潍坊市科学技术局",
        short_name="市科技局",
        kind="bureau",
        aliases=["科技局"],
    )
    data = departments_workbook(Department.objects.all())
    history_rows = Department.history.count()
    summary = departments_import(actor=admin, data=data, filename="departments.xlsx")
    assert (summary.created, summary.updated, summary.aliases_added) == (0, 0, 0)
    assert Department.history.count() == history_rows


def test_new_rows_are_created_with_aliases(shandong: dict[str, Any], admin: Any) -> None:
    data = workbook_bytes([("370700", "潍坊市", "潍坊市商务局", "市商务局", "政府工作部门", "商务局", "是", "")])
    summary = departments_import(actor=admin, data=data, filename="new.xlsx")
    assert (summary.created, summary.aliases_added) == (1, 1)
    created = Department.objects.get(short_name="市商务局")
    assert created.history.first().history_user == admin
    assert list(created.aliases.values_list("alias", flat=True)) == ["商务局"]


def test_one_bad_row_imports_nothing_and_names_the_cell(shandong: dict[str, Any], admin: Any) -> None:
    data = workbook_bytes(
        [
            ("370700", "潍坊市", "潍坊市商务局", "市商务局", "政府工作部门", "", "是", ""),
            ("379999", "无", "某局", "某局", "政府工作部门", "", "是", ""),
            ("370700", "潍坊市", "潍坊市财政局", "市财政局", "衙门", "", "也许", ""),
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        departments_import(actor=admin, data=data, filename="bad.xlsx")
    assert rejected.value.problems == [
        "部门单位 第3行 A列(区划代码): 未知的区划代码“379999”",
        "部门单位 第4行 E列(类别): 应为 政府工作部门/党委部门/政府及管委会/其他单位 之一, 实为“衙门”",
        "部门单位 第4行 G列(在用): 应为“是”或“否”, 实为“也许”",
    ]
    assert Department.objects.filter(region=shandong["weifang"]).count() == 0


def test_alias_used_by_another_department_is_refused(shandong: dict[str, Any], admin: Any) -> None:
    services.department_create(
        actor=admin, region=shandong["weifang"], name="潍坊市发展和改革委员会", short_name="市发改委", kind="bureau"
    )
    data = workbook_bytes(
        [("370700", "潍坊市", "潍坊市工业和信息化局", "市工信局", "政府工作部门", "市发改委", "是", "")]
    )
    with pytest.raises(ImportRejected, match="“市发改委”已是潍坊市“潍坊市发展和改革委员会”的名称或别名"):
        departments_import(actor=admin, data=data, filename="clash.xlsx")
    assert not DepartmentAlias.objects.exists()


def test_a_file_that_is_not_excel_is_refused_on_the_page(shandong: dict[str, Any], admin: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(admin)
    upload = SimpleUploadedFile("部门.xlsx", "部门,简称\n".encode("gbk"))
    page = client.post("/orgs/departments/import/", {"file": upload}, follow=True).content.decode()
    assert "文件不是有效的 Excel (.xlsx) 文件" in page
    assert Department.objects.count() == 1
