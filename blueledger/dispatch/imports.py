"""A department's filled-in template (exports.report_template) back into its draft reports.

Everything is checked before anything is written: the template must be this round's and this
department's (hidden sheet and checksum), the locked columns unchanged, every value a number within
reason. Each problem names the sheet, row, column and value in Chinese; one problem means nothing is
written. An identical second upload is refused; a valid re-upload replaces the drafts, with history.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from blueledger.core.history import attribute_change
from blueledger.core.uploads import xlsx_limits
from blueledger.dispatch.choices import HANDED_IN, ReportSource, RoundStatus, TaskState
from blueledger.dispatch.exports import (
    FIRST_DATA_ROW,
    META_SHEET,
    STATE_COLUMN,
    TEMPLATE_COLUMNS,
    TEMPLATE_SHEET,
    VALUE_COLUMN,
    locked_cells,
    template_checksum,
)
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, ReportUpload
from blueledger.dispatch.permissions import require_report_for
from blueledger.dispatch.selectors.figures import latest_reports
from blueledger.dispatch.services.reports import ReportEntry, check_entry_value, reports_save
from blueledger.lib import xlsx
from blueledger.lib.xlsx import FILE_PROBLEM, ImportRejected
from blueledger.orgs.models import Department

__all__ = ["FILE_PROBLEM", "ImportRejected", "ImportSummary", "parse_number", "report_template_import"]

VALUE_FIELD = Report._meta.get_field("value")
FILENAME_MAX_LENGTH = ReportUpload._meta.get_field("filename").max_length
# The template sheet holds the department's slots only; the hidden meta sheet three rows.
META_MAX_ROWS = 10


@dataclass(frozen=True, slots=True)
class ImportSummary:
    rows: int
    changed: int


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cell_name(line: int, column: int) -> str:
    return xlsx.cell_name(TEMPLATE_SHEET, line, column, TEMPLATE_COLUMNS[column - 1])


def parse_number(value: Any) -> Decimal | None:
    """A cell's or a form field's number: numbers as they are, text only when it is a plain number ('50',
    '1,200.5'), within the stored field's digits (so '1e400' is refused, not a 500). ValueError otherwise
    (a CellError, whose message says which)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return xlsx.read_decimal(value, max_digits=VALUE_FIELD.max_digits, decimal_places=VALUE_FIELD.decimal_places)


def _meta(workbook: Any, reporting_round: ReportingRound, department: Department) -> list[str]:
    if META_SHEET not in workbook.sheetnames or TEMPLATE_SHEET not in workbook.sheetnames:
        return [f"找不到工作表“{TEMPLATE_SHEET}”或模板信息。请使用本平台为本单位本轮次下载的模板。"]
    rows = xlsx.read_rows(workbook, META_SHEET, max_rows=META_MAX_ROWS)
    try:
        round_id, department_id, checksum = int(rows[0][1]), int(rows[1][1]), str(rows[2][1])
    except (IndexError, TypeError, ValueError):
        return ["模板信息已损坏。请重新下载模板。"]
    if round_id != reporting_round.pk:
        title = rows[0][2] if len(rows[0]) > 2 else round_id
        return [f"这是“{title}”的模板, 不是本轮次“{reporting_round.title}”的。请下载本轮模板后填写。"]
    if department_id != department.pk:
        name = rows[1][2] if len(rows[1]) > 2 else department_id
        return [f"这是“{name}”的模板, 不是“{department.name}”的。请使用本单位的模板。"]
    slots = ReportSlot.objects.filter(round=reporting_round, department=department)
    slot_ids = list(slots.values_list("pk", flat=True))
    if checksum != template_checksum(reporting_round.pk, department.pk, slot_ids):
        return ["模板校验值不符: 模板不是本平台为本单位本轮次生成的, 或填报项已变化。请重新下载模板。"]
    return []


def read_entries(
    data: bytes, reporting_round: ReportingRound, department: Department
) -> dict[int, ReportEntry]:
    """slot id → entry for every row of the file, or ImportRejected with every problem found."""
    limits = xlsx_limits()
    workbook = xlsx.open_workbook(data, limits)
    problems = _meta(workbook, reporting_round, department)
    if problems:
        raise ImportRejected(problems)
    slots = {
        slot.pk: slot
        for slot in ReportSlot.objects.filter(round=reporting_round, department=department).select_related(
            "quantity__task", "quantity__registry_binding", "task"
        )
    }
    latest = latest_reports(reporting_round, handed_in=False, department=department)
    rows = xlsx.read_rows(workbook, TEMPLATE_SHEET, max_rows=limits.max_rows, min_row=FIRST_DATA_ROW)
    entries: dict[int, ReportEntry] = {}
    seen_line: dict[int, int] = {}
    width = len(TEMPLATE_COLUMNS)
    for line, row in enumerate(rows, start=FIRST_DATA_ROW):
        cells = (list(row) + [None] * width)[:width]
        if all(_text(cell) == "" for cell in cells):
            continue
        try:
            slot_id = int(cells[0])
        except (TypeError, ValueError, OverflowError):
            problems.append(f"{_cell_name(line, 1)}: 编号已被改动, 实为“{_text(cells[0])}”")
            continue
        slot = slots.get(slot_id)
        if slot is None:
            problems.append(f"{_cell_name(line, 1)}: 编号 {slot_id} 不是本单位本轮次的填报项")
            continue
        if slot_id in seen_line:
            problems.append(f"{_cell_name(line, 1)}: 编号 {slot_id} 与第{seen_line[slot_id]}行重复")
            continue
        seen_line[slot_id] = line
        for offset, expected in enumerate(locked_cells(slot), start=2):
            written = _text(cells[offset - 1])
            if written != expected:
                problems.append(f"{_cell_name(line, offset)}: 锁定列不可修改, 应为“{expected}”, 实为“{written}”")
        if hasattr(slot.quantity, "registry_binding"):
            continue  # filled from the key-project registry; whatever the row says is not the department's
        if slot.is_task:
            entry = _task_entry(line, cells, problems)
            current = latest.get(slot_id)
            if current is not None and current.status in HANDED_IN:
                if entry is not None and entry.task_state != current.task_state:
                    problems.append(f"{_cell_name(line, STATE_COLUMN)}: 该项已报送并锁定, 如需更正请调度员退回")
                continue
            if entry is not None:
                entries[slot_id] = entry
            continue
        raw = cells[VALUE_COLUMN - 1]
        try:
            value = parse_number(raw)
        except xlsx.CellError as error:
            shown = xlsx.value_excerpt(_text(raw))
            problems.append(f"{_cell_name(line, VALUE_COLUMN)}: {error.message}, 实为“{shown}”")
            continue
        problem = check_entry_value(slot.quantity, value)
        if problem:
            problems.append(f"{_cell_name(line, VALUE_COLUMN)}: {problem}")
            continue
        current = latest.get(slot_id)
        if current is not None and current.status in HANDED_IN:
            if value != current.value:
                problems.append(f"{_cell_name(line, VALUE_COLUMN)}: 该项已报送并锁定, 如需更正请调度员退回")
            continue
        texts = [_text(cells[column]) for column in (9, 10, 11)]
        entries[slot_id] = ReportEntry(value=value, progress=texts[0], problems=texts[1], next_steps=texts[2])
    if problems:
        raise ImportRejected(problems)
    return entries


STATE_OF_LABEL = {str(label): str(value) for value, label in TaskState.choices}


def _task_entry(line: int, cells: list[Any], problems: list[str]) -> ReportEntry | None:
    """A qualitative task's row: the state in M by its label, no number in I, the texts in J–L."""
    if _text(cells[VALUE_COLUMN - 1]):
        problems.append(f"{_cell_name(line, VALUE_COLUMN)}: 定性任务不填数值, 实为“{_text(cells[VALUE_COLUMN - 1])}”")
        return None
    label = _text(cells[STATE_COLUMN - 1])
    if label and label not in STATE_OF_LABEL:
        problems.append(f"{_cell_name(line, STATE_COLUMN)}: 应为 完成/推进中/未启动, 实为“{label}”")
        return None
    texts = [_text(cells[column]) for column in (9, 10, 11)]
    return ReportEntry(value=None, progress=texts[0], problems=texts[1], next_steps=texts[2],
                       task_state=STATE_OF_LABEL.get(label, ""))


@transaction.atomic
def report_template_import(
    *, actor: Any, reporting_round: ReportingRound, department: Department, data: bytes, filename: str
) -> ImportSummary:
    """Checks the whole file, then saves every row as the department's draft (nothing is submitted)."""
    require_report_for(actor, department)
    if reporting_round.status != RoundStatus.OPEN:
        raise ImportRejected([f"“{reporting_round.title}”已截止, 不再接收报送。"])
    digest = hashlib.sha256(data).hexdigest()
    last = ReportUpload.objects.filter(round=reporting_round, department=department).order_by("-pk").first()
    if last is not None and last.content_sha256 == digest:
        raise ImportRejected(["与上次上传内容相同, 未作修改。"])
    entries = read_entries(data, reporting_round, department)
    if not entries:
        raise ImportRejected([f"{TEMPLATE_SHEET}: 没有可导入的行 (已报送的项不能再导入)。"])
    try:
        saved = reports_save(
            actor=actor, reporting_round=reporting_round, department=department, entries=entries, submit=False,
            source=ReportSource.EXCEL, reason=f"Excel 导入 {filename}",
        )
    except ValidationError as error:
        raise ImportRejected(error.messages) from None
    upload = ReportUpload(
        round=reporting_round, department=department, filename=filename[:FILENAME_MAX_LENGTH], content_sha256=digest,
        rows=len(entries), uploaded_by=actor,
    )
    attribute_change(upload, actor=actor, reason=f"Excel 导入 {filename}")
    upload.save()
    return ImportSummary(rows=len(entries), changed=len(saved))
