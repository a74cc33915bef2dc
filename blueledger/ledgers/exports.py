"""The published ledger as an Excel 台账: one row per target (a task without targets gets a row of its own),
with its lead and support departments as the rounds use them (ledgers.selectors.effective_departments):
a lead taken from a parent task reads “沿用 X”."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.selectors import ledger_tasks
from blueledger.lib.xlsx import append_row

HEADER = ("编号", "任务", "牵头单位", "配合单位", "指标", "目标", "单位", "完成时限", "状态")
WIDTHS = (12, 40, 18, 24, 28, 16, 8, 12, 10)


def export_filename(ledger: Ledger) -> str:
    return f"{ledger.title}-台账.xlsx"


def _names(items: list[object]) -> str:
    return "、".join(item.department.short_name for item in items if item.department)  # type: ignore[attr-defined]


def _target(quantity: LedgerQuantity) -> tuple[str, str, str, str]:
    return (quantity.metric, f"{quantity.get_op_display()} {quantity.value_display}", quantity.unit,
            quantity.deadline.isoformat() if quantity.deadline else "")


def ledger_xlsx(ledger: Ledger) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for task in ledger_tasks(ledger):
        leads = _names(task.leads) or "、".join(str(lead) for lead in task.inherited_leads)  # type: ignore[attr-defined]
        supports = _names(task.supports)  # type: ignore[attr-defined]
        head = [task.key, task.title, leads, supports]
        deadline = task.deadline.isoformat() if task.deadline else ""
        targets = task.targets  # type: ignore[attr-defined]
        if not targets:
            append_row(sheet, [*head, "", "", "", deadline, ""])
        for quantity in targets:
            append_row(sheet, [*head, *_target(quantity), ""])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
