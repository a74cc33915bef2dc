"""Files dispatch produces: a department's pre-filled Excel template for a round (the bulletin's .docx is
built by bulletin_facts.py and the bulletin engine).

The template (openpyxl) keeps the key columns locked under sheet protection, shows each target's unit,
validates the number column, and carries the round, the department and a checksum of its slots in a very
hidden sheet, so that imports.py refuses a template of another round or department.
"""

from __future__ import annotations

import hashlib
import hmac
from io import BytesIO

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from blueledger.dispatch import selectors
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.lib.numbers import json_number
from blueledger.lib.xlsx import append_row, write_cell
from blueledger.orgs.models import Department

TEMPLATE_SHEET = "填报"
META_SHEET = "模板信息"
TEMPLATE_COLUMNS = (
    "编号", "任务编号", "任务", "指标", "目标", "单位", "完成时限", "上期累计值", "累计完成值", "进展情况", "存在问题",
    "下步打算",
)
LOCKED_COLUMNS = 8  # A–H come from the platform and may not be edited
VALUE_COLUMN = 9  # I
TEXT_COLUMNS = (10, 11, 12)  # J–L
HEADER_ROW = 3
FIRST_DATA_ROW = 4


def template_checksum(round_id: int, department_id: int, slot_ids: list[int]) -> str:
    message = f"{round_id}:{department_id}:{','.join(map(str, sorted(slot_ids)))}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:24]


def locked_cells(slot: ReportSlot) -> tuple[str, ...]:
    """The texts of columns B–G for a slot, as the template writes them and the import compares them."""
    quantity = slot.quantity
    task = quantity.task
    deadline = quantity.deadline or (task.deadline if task else None)
    return (
        task.key if task else "",
        task.title if task else "",
        quantity.metric,
        f"{quantity.get_op_display()} {quantity.value_display}",
        quantity.unit,
        f"{deadline:%Y-%m-%d}" if deadline else "",
    )


def report_template(reporting_round: ReportingRound, department: Department) -> bytes:
    """The department's template, pre-filled with its current drafts (or last round's values)."""
    rows = selectors.department_slots(reporting_round, department)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TEMPLATE_SHEET
    write_cell(sheet, 1, 1, f"{reporting_round.ledger.title} · {reporting_round.title} · {department.name}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"报送截止 {reporting_round.due_date:%Y-%m-%d}。灰色列由平台填写、已锁定; "
        "请在“累计完成值”填写自年初(或目标起算)以来的累计数 (按所示单位, 只填数字), "
        "并填写进展情况、存在问题、下步打算。整行灰色的项取自重点项目库, 无需填写。"
    )
    append_row(sheet, list(TEMPLATE_COLUMNS))
    grey = PatternFill("solid", fgColor="E7E6E6")
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    for item in rows:
        slot = item.slot
        latest = item.latest
        value = latest.value if latest is not None else slot.prefilled_value
        append_row(
            sheet,
            [
                slot.pk,
                *locked_cells(slot),
                json_number(slot.prefilled_value),
                json_number(value),
                latest.progress if latest else "",
                latest.problems if latest else "",
                latest.next_steps if latest else "",
            ]
        )
        line = sheet.max_row
        for column in range(1, LOCKED_COLUMNS + 1):
            sheet.cell(line, column).fill = grey
        for column in (VALUE_COLUMN, *TEXT_COLUMNS):
            cell = sheet.cell(line, column)
            cell.alignment = Alignment(wrap_text=column != VALUE_COLUMN, vertical="top")
            if item.registry_bound:  # the platform fills it from the registry: the row stays locked and grey
                cell.fill = grey
            else:
                cell.protection = Protection(locked=False)
    last = max(sheet.max_row, FIRST_DATA_ROW)
    validation = DataValidation(
        type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000", allow_blank=True,
        showErrorMessage=True, errorTitle="应为数字", error="累计完成值只能填写数字 (不含单位和文字)。",
    )
    validation.add(f"I{FIRST_DATA_ROW}:I{last}")
    sheet.add_data_validation(validation)
    for letter, width in zip("ABCDEFGHIJKL", (8, 10, 28, 24, 14, 8, 12, 12, 12, 36, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    meta = workbook.create_sheet(META_SHEET)
    slot_ids = [item.slot.pk for item in rows]
    append_row(meta, ["轮次", reporting_round.pk, reporting_round.title])
    append_row(meta, ["单位", department.pk, department.name])
    append_row(meta, ["校验值", template_checksum(reporting_round.pk, department.pk, slot_ids)])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
