"""The department's Excel template: reopened as written, filled offline, uploaded; every bad file refused
with a message naming the cell, and nothing written."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from blueledger.dispatch.exports import META_SHEET, TEMPLATE_COLUMNS, TEMPLATE_SHEET, report_template
from blueledger.dispatch.imports import FILE_PROBLEM, ImportRejected, report_template_import
from blueledger.dispatch.models import Report, ReportUpload
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import NOVEMBER, make_published_ledger, make_reporter, make_round, slots_of


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    return {"ledger": ledger, "round": reporting_round, "haiyu": haiyu, "fagai": departments["市发改委"],
            "reporter": make_reporter(haiyu, "haiyu"), "slots": slots_of(reporting_round, haiyu)}


def _filled(template: bytes, values: dict[int, Any], **cells: Any) -> bytes:
    workbook = load_workbook(BytesIO(template))
    sheet = workbook[TEMPLATE_SHEET]
    for line, value in values.items():
        sheet.cell(line, 9).value = value
        sheet.cell(line, 10).value = f"第{line}行进展"
    for name, value in cells.items():
        sheet[name] = value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(world: dict[str, Any], data: bytes, department: Any = None) -> Any:
    return report_template_import(actor=world["reporter"], reporting_round=world["round"],
                                  department=department or world["haiyu"], data=data, filename="模板.xlsx")


def test_the_template_reopens_with_locked_keys_units_and_number_validation(world: dict[str, Any]) -> None:
    workbook = load_workbook(BytesIO(report_template(world["round"], world["haiyu"])))
    sheet = workbook[TEMPLATE_SHEET]
    assert tuple(cell.value for cell in sheet[3]) == TEMPLATE_COLUMNS
    first, second = world["slots"]
    assert [cell.value for cell in sheet[4]][:8] == [first.pk, "一.(一)", "壮大海洋产业", "海洋生产总值", "等于 1200",
                                                     "亿元", "2025-12-31", None]
    assert [cell.value for cell in sheet[5]][:7] == [second.pk, "一.(二)", "建设渔港", "新建渔港", "不低于 3", "个",
                                                     None]
    assert sheet.max_row == 5
    assert sheet.protection.sheet is True
    assert sheet["A4"].protection.locked is True and sheet["F4"].protection.locked is True
    assert sheet["I4"].protection.locked is False and sheet["L5"].protection.locked is False
    validation = sheet.data_validations.dataValidation[0]
    assert (validation.type, str(validation.sqref)) == ("decimal", "I4:I5")
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert [meta["B1"].value, meta["B2"].value] == [world["round"].pk, world["haiyu"].pk]


def test_a_valid_upload_becomes_drafts_and_a_reupload_replaces_them(world: dict[str, Any]) -> None:
    template = report_template(world["round"], world["haiyu"])
    summary = _import(world, _filled(template, {4: 950, 5: "2"}))
    assert (summary.rows, summary.changed) == (2, 2)
    assert list(Report.objects.order_by("slot__position").values_list("version", "value", "status", "source",
                                                                       "progress")) == [
        (1, Decimal(950), "draft", "excel", "第4行进展"), (1, Decimal(2), "draft", "excel", "第5行进展")]

    _import(world, _filled(template, {4: 960.5, 5: 2}))
    report = Report.objects.get(slot=world["slots"][0])
    assert (report.version, report.value) == (1, Decimal("960.5"))
    assert [(h.value, h.history_change_reason) for h in report.history.order_by("history_id")] == [
        (Decimal(950), "Excel 导入 模板.xlsx"), (Decimal("960.5"), "Excel 导入 模板.xlsx")]
    assert ReportUpload.objects.count() == 2


def _refused(world: dict[str, Any], data: bytes, department: Any = None) -> list[str]:
    before = (Report.objects.count(), ReportUpload.objects.count(), Report.history.count())
    with pytest.raises(ImportRejected) as rejected:
        _import(world, data, department)
    assert (Report.objects.count(), ReportUpload.objects.count(), Report.history.count()) == before
    return rejected.value.problems


def test_bad_cells_are_named_and_nothing_is_written(world: dict[str, Any]) -> None:
    template = report_template(world["round"], world["haiyu"])
    assert _refused(world, _filled(template, {4: "约50", 5: 2})) == ["填报 第4行 I列(累计完成值): 应为数字, 实为“约50”"]
    assert _refused(world, _filled(template, {4: -5, 5: 300})) == [
        "填报 第4行 I列(累计完成值): 不能为负数, 实为-5",
        "填报 第5行 I列(累计完成值): 完成度10000%, 超过目标的10倍, 请核实数值和单位",
    ]
    assert _refused(world, _filled(template, {4: 900}, E4="等于 100", F5="万个")) == [
        "填报 第4行 E列(目标): 锁定列不可修改, 应为“等于 1200”, 实为“等于 100”",
        "填报 第5行 F列(单位): 锁定列不可修改, 应为“个”, 实为“万个”",
    ]
    assert _refused(world, b"not a workbook") == [FILE_PROBLEM]


def test_another_rounds_or_departments_template_and_a_duplicate_are_refused(world: dict[str, Any]) -> None:
    november = make_round(world["ledger"], NOVEMBER)
    other_round = _filled(report_template(november, world["haiyu"]), {4: 900})
    assert _refused(world, other_round) == [
        "这是“2025年11月调度”的模板, 不是本轮次“2025年10月调度”的。请下载本轮模板后填写。"]
    fagai_template = report_template(world["round"], world["fagai"])
    problems = _refused(world, _filled(fagai_template, {4: 900}))
    assert problems == ["这是“潍坊市发改委”的模板, 不是“潍坊市海渔局”的。请使用本单位的模板。"]

    data = _filled(report_template(world["round"], world["haiyu"]), {4: 900, 5: 1})
    _import(world, data)
    assert _refused(world, data) == ["与上次上传内容相同, 未作修改。"]


def test_a_submitted_slot_cannot_be_changed_by_upload(world: dict[str, Any]) -> None:
    template = report_template(world["round"], world["haiyu"])
    entries = {slot.pk: ReportEntry(value=Decimal(1)) for slot in world["slots"]}
    reports_save(actor=world["reporter"], reporting_round=world["round"], department=world["haiyu"],
                 entries=entries, submit=True)
    assert _refused(world, _filled(template, {4: 900, 5: 1})) == [
        "填报 第4行 I列(累计完成值): 该项已报送并锁定, 如需更正请调度员退回"]
