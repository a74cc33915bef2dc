"""An extracted ledger as the files staff use: the familiar Excel 台账 and a readable Markdown outline."""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from blueledger.ledgers.extraction.model import ExtractedLedger, ExtractedQuantity, ExtractedTask
from blueledger.lib.numbers import plain_decimal
from blueledger.lib.xlsx import append_row

LEDGER_SHEET = "工作台账"
LEDGER_COLUMNS = ("序号", "任务", "目标", "牵头单位", "责任单位", "完成时限", "原文")
QUANTITY_SHEET = "目标明细"
QUANTITY_COLUMNS = ("序号", "所属任务", "指标", "类型", "数值", "上限", "单位", "关系", "力度", "时限", "原文摘录")
OP_LABELS = {"=": "达到", ">=": "不低于", ">": "超过", "<=": "不超过", "~": "左右", "range": "区间"}
ROLE_LABELS = {"target": "目标", "fact": "实绩"}
KIND_LABELS = {
    "plan": "工作计划",
    "summary": "工作总结",
    "targets": "目标表",
    "policy": "政策文件",
    "mixed": "总结与计划",
}
# Excel shows at most 32,767 characters in a cell; the source text of a long section is cut well before.
SOURCE_TEXT_CHARS = 2000


def describe_quantity(quantity: ExtractedQuantity) -> str:
    """One target as a person would write it: 力争 新引进项目 ≥ 50个 (2021-12-31)."""
    amount = plain_decimal(quantity.value)
    if quantity.value_max is not None:
        amount = f"{amount}–{plain_decimal(quantity.value_max)}"
    relation = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "~": "约 ", "range": ""}[quantity.op]
    text = f"{quantity.metric} {relation}{amount}{quantity.unit}".strip()
    if quantity.hardness:
        text = f"{quantity.hardness} {text}"
    if quantity.deadline:
        text += f" ({quantity.deadline.isoformat()}前)"
    return text


def _section_texts(ledger: ExtractedLedger) -> dict[str, str]:
    """The text under each task heading up to the next heading, for the 原文 column."""
    starts = sorted((task.span.start, task.key) for task in ledger.tasks)
    sections = {}
    for index, (start, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(ledger.text)
        sections[key] = " ".join(ledger.text[start:end].split())[:SOURCE_TEXT_CHARS]
    return sections


def _departments(ledger: ExtractedLedger) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    leads: dict[str, list[str]] = defaultdict(list)
    supports: dict[str, list[str]] = defaultdict(list)
    for responsibility in ledger.responsibilities:
        names = leads if responsibility.role == "lead" else supports
        if responsibility.department_name not in names[responsibility.task_key]:
            names[responsibility.task_key].append(responsibility.department_name)
    return leads, supports


def _task_deadline(task: ExtractedTask, targets: list[ExtractedQuantity]) -> str:
    dates = [task.deadline] if task.deadline else [q.deadline for q in targets if q.deadline]
    return max(dates).isoformat() if dates else ""


def ledger_workbook(ledger: ExtractedLedger) -> bytes:
    """The 台账 workbook: one row per task with its targets and departments, then every quantity in detail."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = LEDGER_SHEET
    append_row(sheet, [ledger.title or ledger.source])
    issued = f"发文单位: {ledger.issuer or '—'}    日期: {ledger.date or '—'}"
    append_row(sheet, [f"{issued}    类型: {KIND_LABELS[ledger.kind]}"])
    append_row(sheet, LEDGER_COLUMNS)
    sheet["A1"].font = Font(bold=True, size=14)
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    leads, supports = _departments(ledger)
    targets_by_task: dict[str | None, list[ExtractedQuantity]] = defaultdict(list)
    for quantity in ledger.quantities:
        targets_by_task[quantity.task_key].append(quantity)
    sections = _section_texts(ledger)
    for task in ledger.tasks:
        quantities = targets_by_task[task.key]
        append_row(sheet,
            [
                task.key,
                task.title,
                "\n".join(describe_quantity(q) for q in quantities if q.role == "target"),
                "、".join(leads[task.key]),
                "、".join(supports[task.key]),
                _task_deadline(task, [q for q in quantities if q.role == "target"]),
                sections.get(task.key, ""),
            ]
        )
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (12, 30, 40, 18, 30, 12, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"

    detail = workbook.create_sheet(QUANTITY_SHEET)
    append_row(detail, QUANTITY_COLUMNS)
    for cell in detail[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for number, quantity in enumerate(ledger.quantities, start=1):
        append_row(detail,
            [
                number,
                quantity.task_key or "",
                quantity.metric,
                ROLE_LABELS[quantity.role],
                float(quantity.value),
                float(quantity.value_max) if quantity.value_max is not None else None,
                quantity.unit,
                OP_LABELS[quantity.op],
                quantity.hardness or "",
                quantity.deadline.isoformat() if quantity.deadline else "",
                quantity.quote,
            ]
        )
    for letter, width in zip("ABCDEFGHIJK", (6, 12, 30, 6, 12, 8, 10, 8, 6, 12, 20), strict=True):
        detail.column_dimensions[letter].width = width
    detail.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ledger_markdown(ledger: ExtractedLedger) -> str:
    """A readable outline: headings by depth, departments and targets under each, facts marked as such."""
    leads, supports = _departments(ledger)
    quantities_by_task: dict[str | None, list[ExtractedQuantity]] = defaultdict(list)
    for quantity in ledger.quantities:
        quantities_by_task[quantity.task_key].append(quantity)
    lines = [f"# {ledger.title or ledger.source}", ""]
    lines.append(f"- 发文单位: {ledger.issuer or '—'}")
    lines.append(f"- 日期: {ledger.date.isoformat() if ledger.date else '—'}")
    lines.append(f"- 类型: {KIND_LABELS[ledger.kind]}")
    lines.append(f"- 任务 {len(ledger.tasks)} 项, 数量 {len(ledger.quantities)} 处")
    lines.append("")

    def quantity_lines(key: str | None) -> list[str]:
        return [f"- {ROLE_LABELS[q.role]}: {describe_quantity(q)} «{q.quote}»" for q in quantities_by_task.get(key, [])]

    preamble = quantity_lines(None)
    if preamble:
        lines += ["## 前言", "", *preamble, ""]
    for task in ledger.tasks:
        depth = min(2 + task.key.count("."), 6)
        lines.append(f"{'#' * depth} {task.key} {task.title}")
        lines.append("")
        if leads[task.key]:
            lines.append(f"- 牵头: {'、'.join(leads[task.key])}")
        if supports[task.key]:
            lines.append(f"- 配合: {'、'.join(supports[task.key])}")
        if task.deadline:
            lines.append(f"- 完成时限: {task.deadline.isoformat()}")
        lines += quantity_lines(task.key)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
