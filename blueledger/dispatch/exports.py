"""Files dispatch produces: a department's pre-filled Excel template for a round (the bulletin's .docx is
built by bulletin_facts.py and the bulletin engine).

The template (openpyxl) keeps the key columns locked under sheet protection, shows each target's unit,
validates the number column, and carries the round, the department and a checksum of its slots in a very
hidden sheet, so that imports.py refuses a template of another round or department.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from blueledger.dispatch.bulletin.prose import bulletin_title
from blueledger.dispatch.choices import TaskState
from blueledger.dispatch.models import Report, ReportAttachment, ReportingRound, ReportSlot
from blueledger.dispatch.progress import ATTENTION_ORDER
from blueledger.dispatch.selectors.dashboard import dashboard, qualitative_rows
from blueledger.dispatch.selectors.departments import department_slots
from blueledger.dispatch.selectors.figures import latest_reports, previous_ranks, rank_results, round_results
from blueledger.dispatch.selectors.objections import objection_list
from blueledger.dispatch.selectors.supervision import supervision
from blueledger.lib.numbers import json_number, plain_decimal, round_half_up
from blueledger.lib.xlsx import append_row, write_cell
from blueledger.orgs.models import Department

TEMPLATE_SHEET = "填报"
META_SHEET = "模板信息"
TEMPLATE_COLUMNS = (
    "编号", "任务编号", "任务", "指标", "目标", "单位", "完成时限", "上期累计值", "累计完成值", "进展情况", "存在问题",
    "下步打算", "完成状态",
)
LOCKED_COLUMNS = 8  # A–H come from the platform and may not be edited
VALUE_COLUMN = 9  # I
TEXT_COLUMNS = (10, 11, 12)  # J–L
STATE_COLUMN = 13  # M: 完成/推进中/未启动 of a qualitative task (its I stays empty)
QUALITATIVE_METRIC = "定性任务"
QUALITATIVE_TARGET = "报文字进展和完成状态"
HEADER_ROW = 3
FIRST_DATA_ROW = 4


def template_checksum(round_id: int, department_id: int, slot_ids: list[int]) -> str:
    message = f"{round_id}:{department_id}:{','.join(map(str, sorted(slot_ids)))}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:24]


def locked_cells(slot: ReportSlot) -> tuple[str, ...]:
    """The texts of columns B–G for a slot, as the template writes them and the import compares them."""
    quantity = slot.quantity
    if quantity is None:  # a qualitative task
        task = slot.task
        return (task.key, task.title, QUALITATIVE_METRIC, QUALITATIVE_TARGET, "",  # type: ignore[union-attr]
                f"{task.deadline:%Y-%m-%d}" if task.deadline else "")  # type: ignore[union-attr]
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
    rows = department_slots(reporting_round, department)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TEMPLATE_SHEET
    write_cell(sheet, 1, 1, f"{reporting_round.ledger.title} · {reporting_round.title} · {department.name}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"报送截止 {reporting_round.due_date:%Y-%m-%d}。灰色列由平台填写、已锁定; "
        "请在“累计完成值”填写自年初(或目标起算)以来的累计数 (按所示单位, 只填数字), "
        "并填写进展情况、存在问题、下步打算。整行灰色的项取自重点项目库, 无需填写。"
        "“定性任务”不填数值, 在“完成状态”选 完成/推进中/未启动 并填写进展情况。"
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
                (latest.get_task_state_display() if latest and latest.task_state else "") if slot.is_task else "",
            ]
        )
        line = sheet.max_row
        for column in range(1, LOCKED_COLUMNS + 1):
            sheet.cell(line, column).fill = grey
        # A target is typed in I; a qualitative task is stated in M. The other cell stays grey and locked.
        typed_columns = (STATE_COLUMN, *TEXT_COLUMNS) if slot.is_task else (VALUE_COLUMN, *TEXT_COLUMNS)
        for column in (VALUE_COLUMN, STATE_COLUMN):
            if column not in typed_columns:
                sheet.cell(line, column).fill = grey
        for column in typed_columns:
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
    states = DataValidation(
        type="list", formula1='"' + ",".join(TaskState.labels) + '"', allow_blank=True, showErrorMessage=True,
        errorTitle="完成状态", error="请选择 完成、推进中 或 未启动。",
    )
    states.add(f"M{FIRST_DATA_ROW}:M{last}")
    sheet.add_data_validation(states)
    for letter, width in zip("ABCDEFGHIJKLM", (8, 10, 28, 24, 14, 8, 12, 12, 12, 36, 30, 30, 10), strict=True):
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


# --- Excel exports of a round: its reports, its ranking with the score of every item, its dashboard ---------

NOT_REPORTED = "未报送"
PERCENT_FORMAT = "0.0%"
_HEADER_FILL = PatternFill("solid", fgColor="E8F0F8")


def export_filename(reporting_round: ReportingRound, what: str) -> str:
    """A Chinese name that says what the file is: 〈plan〉-〈round〉-〈what〉.xlsx."""
    plan = bulletin_title(reporting_round.ledger.title).removesuffix("调度通报")
    return f"{plan}-{reporting_round.title}-{what}.xlsx"


def _number_cell(value: Decimal | None, missing: str = NOT_REPORTED) -> int | float | str:
    """A figure as a number Excel can sum (plain, as written), or the word for missing — never 0."""
    return missing if value is None else json_number(value)


def _share_cell(value: Decimal | None, missing: str = NOT_REPORTED) -> float | str:
    return missing if value is None else float(round_half_up(value, 4))


def _write_sheet(sheet: Any, header: Sequence[str], rows: Iterable[Sequence[Any]],
                 percent_columns: Sequence[int] = (), widths: Sequence[int] = ()) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in rows:
        append_row(sheet, row)
        for column in percent_columns:
            cell = sheet.cell(sheet.max_row, column)
            if isinstance(cell.value, float):
                cell.number_format = PERCENT_FORMAT
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def round_reports_xlsx(reporting_round: ReportingRound) -> bytes:
    """Every department's latest report of every item in the round (drafts included, marked as such)."""
    latest = latest_reports(reporting_round, handed_in=False)
    evidence_counts = dict(
        ReportAttachment.objects.filter(round=reporting_round, slot__isnull=False)
        .values("slot_id").annotate(n=Count("pk")).values_list("slot_id", "n")
    )
    submitters = dict(Report.objects.filter(pk__in=[r.pk for r in latest.values()])
                      .values_list("pk", "submitted_by__username"))
    slots = (ReportSlot.objects.filter(round=reporting_round)
             .select_related("department__region", "quantity__task", "task")
             .order_by("department__region__code", "department__short_name", "position", "pk"))
    rows = []
    for slot in slots:
        report = latest.get(slot.pk)
        task = slot.subject_task
        if slot.quantity is not None:
            quantity = slot.quantity
            item = (quantity.metric, f"{quantity.get_op_display()} {plain_decimal(quantity.value)}", quantity.unit,
                    _number_cell(report.value if report else None))
        else:
            item = ("定性任务", "", "", report.get_task_state_display() if report and report.task_state
                    else NOT_REPORTED)
        rows.append([
            slot.department.short_name or slot.department.name, "牵头" if slot.is_lead else "配合",
            task.key if task else "", task.title if task else "", *item,  # type: ignore[attr-defined]
            report.progress if report else "", report.problems if report else "", report.next_steps if report else "",
            report.get_status_display() if report else NOT_REPORTED, report.version if report else "",
            submitters.get(report.pk) or "" if report else "",
            timezone.localtime(report.submitted_at).strftime("%Y-%m-%d %H:%M") if report and report.submitted_at
            else "",
            evidence_counts.get(slot.pk, 0),
        ])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "报送明细"
    _write_sheet(sheet, ("单位", "责任", "任务编号", "任务", "指标", "目标", "计量单位", "累计完成值/完成状态",
                         "进展情况", "存在问题", "下步打算", "状态", "版本", "报送人", "报送时间", "佐证材料(个)"),
                 rows, widths=(16, 6, 10, 30, 24, 16, 8, 14, 36, 30, 30, 8, 6, 12, 16, 10))
    return _save(workbook)


def ranking_xlsx(reporting_round: ReportingRound, *, by: str = "department") -> bytes:
    """The ranking, each unit's score item by item (weight × capped completion), and the objections with
    their answers (the record of an 异议)."""
    data = round_results(reporting_round)
    ranking = rank_results(data, by=by, previous=previous_ranks(reporting_round, by=by))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "排名"
    _write_sheet(sheet, ("名次", "单位" if by == "department" else "区县", "得分", "上期名次", "较上期"), (
        [row.rank, row.label, float(round_half_up(row.score * 100, 2)),
         row.previous_rank if row.previous_rank is not None else "新列入",
         "新列入" if row.change is None else row.change]
        for row in ranking
    ), widths=(6, 24, 10, 10, 8))
    by_slot = {str(result.slot.pk): result for result in data.results}
    detail = workbook.create_sheet("得分明细")
    rows = []
    for row in ranking:
        for contribution in row.unit.contributions:
            result = by_slot[contribution.target_id]
            task = result.quantity.task
            rows.append([
                row.rank, row.label, f"{task.key} {task.title}" if task else "", result.target_text,
                contribution.hardness or "未注明", _number_cell(contribution.weight),
                _share_cell(result.assessment.completion_capped), str(result.assessment.status),
                float(round_half_up(contribution.contribution * 100, 4)),
            ])
    _write_sheet(detail, ("名次", "单位", "任务", "目标", "约束强度", "权重", "完成率(封顶100%)", "状态",
                          "得分贡献(分)"), rows, percent_columns=(7,), widths=(6, 20, 30, 36, 10, 6, 14, 12, 12))
    objections = workbook.create_sheet("异议")
    _write_sheet(objections, ("单位", "提出时间", "异议内容", "状态", "答复", "答复时间"), (
        [str(o.department), timezone.localtime(o.filed_at).strftime("%Y-%m-%d %H:%M"), o.text, o.get_status_display(),
         o.answer, timezone.localtime(o.answered_at).strftime("%Y-%m-%d %H:%M") if o.answered_at else ""]
        for o in objection_list(reporting_round)
    ), widths=(20, 16, 50, 8, 50, 16))
    return _save(workbook)


def _roll_up_row(label: str, item: Any) -> list[Any]:
    reported = item.total - item.not_reported
    return [label, item.total, reported, _share_cell(Decimal(reported) / item.total if item.total else None, "—"),
            _share_cell(item.mean_completion), item.binding_lagging, item.not_reported]


def dashboard_xlsx(reporting_round: ReportingRound) -> bytes:
    """The dashboard's tables: the overall figures, status counts, sections, tasks, units, districts, the
    items behind schedule and 三色督办. Every completion stands beside its 报送率; unreported is not 0."""
    board = dashboard(reporting_round)
    workbook = Workbook()
    overall = workbook.active
    overall.title = "总体"
    reported = board.overall.total - board.overall.not_reported
    _write_sheet(overall, ("指标", "数值"), [
        ["调度目标(填报项)", board.overall.total],
        ["已报送", reported],
        ["报送率", _share_cell(Decimal(reported) / board.overall.total if board.overall.total else None, "—")],
        ["平均完成率(已报送目标)", _share_cell(board.overall.mean_completion)],
        ["序时进度", _share_cell(board.data.elapsed)],
        ["约束性目标滞后", board.overall.binding_lagging],
        *([str(status), board.overall.counts[status]] for status in ATTENTION_ORDER),
    ], widths=(24, 14))
    for line in (4, 5, 6):
        overall.cell(line, 2).number_format = PERCENT_FORMAT
    header = ("名称", "目标数", "已报送", "报送率", "平均完成率", "约束性滞后", "未报送")
    for title, groups in (("按部分", board.sections), ("按任务", board.tasks), ("按单位", board.departments),
                          ("按区县", board.districts)):
        _write_sheet(workbook.create_sheet(title), header, (_roll_up_row(k, v) for k, v in groups.items()),
                     percent_columns=(4, 5), widths=(36, 8, 8, 10, 12, 10, 8))
    _write_sheet(workbook.create_sheet("滞后事项"), ("任务", "目标", "单位", "状态", "约束性", "说明"), (
        [f"{r.quantity.task.key} {r.quantity.task.title}" if r.quantity.task else "", r.target_text,
         str(r.slot.department), str(r.assessment.status), "是" if r.assessment.is_binding else "",
         r.assessment.explanation]
        for r in board.attention
    ), widths=(30, 36, 18, 10, 8, 60))
    _write_sheet(workbook.create_sheet("定性任务"), ("任务编号", "任务", "单位", "责任", "完成状态", "进展情况"), (
        [row.slot.task.key, row.slot.task.title, str(row.slot.department),  # type: ignore[union-attr]
         "牵头" if row.slot.is_lead else "配合", row.state_label, row.report.progress if row.report else ""]
        for row in qualitative_rows(reporting_round)
    ), widths=(10, 36, 18, 6, 10, 50))
    _write_sheet(workbook.create_sheet("三色督办"), ("单位", "本期", "连续红灯(已截止轮次)", "督办"), (
        [str(row.department), row.light_label, row.red_rounds, str(row.card or "")]
        for row in supervision(board.data)
    ), widths=(20, 10, 20, 8))
    return _save(workbook)
