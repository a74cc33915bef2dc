"""Writes of the departments' reports: saving and handing in entries, returning a department's report or one
item of it, and the attachments of a department's report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from blueledger.core.attachments import attachment_store
from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.dispatch.choices import HANDED_IN, ReportSource, ReportStatus, TaskState
from blueledger.dispatch.models import Report, ReportAttachment, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import require_report_for, require_run_round
from blueledger.dispatch.progress import is_level_unit
from blueledger.dispatch.services.locks import require_open
from blueledger.ledgers.models import LedgerQuantity
from blueledger.lib.numbers import format_percent
from blueledger.orgs.models import Department

# A reported value above this many times its target is refused as a typing error (a completion of 1000 %).
ABSURD_COMPLETION_SHARE = Decimal(10)
TEXT_LIMIT_CHARS = 2000
REPORT_WRITTEN_FIELDS = [
    "value", "progress", "problems", "next_steps", "value_typed", "source", "updated_by", "updated_at", "status",
    "submitted_at", "submitted_by", "task_state",
]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """What a department enters for one slot (from the form or one row of the Excel template)."""

    value: Decimal | None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    task_state: str = ""  # a qualitative task's 完成/推进中/未启动 (TaskState); its value stays None


def latest_versions(
    reporting_round: ReportingRound, *, department: Department | None = None, statuses: Sequence[str] | None = None
) -> list[Report]:
    reports = Report.objects.filter(slot__round=reporting_round)
    if department is not None:
        reports = reports.filter(slot__department=department)
    latest: dict[int, Report] = {}
    for report in reports.order_by("slot_id", "version"):
        latest[report.slot_id] = report
    return [r for r in latest.values() if statuses is None or r.status in statuses]


def check_entry_value(quantity: LedgerQuantity, value: Decimal | None) -> str | None:
    """The problem with a reported value, in Chinese, or None when it is acceptable."""
    if value is None:
        return None
    if value.is_nan() or value.is_infinite():
        return "应为数字"
    if value < 0 and not is_level_unit(quantity.unit):
        return f"不能为负数, 实为{value:f}"
    bound = max(quantity.value, quantity.value_max or Decimal(0))
    if bound > 0 and value > bound * ABSURD_COMPLETION_SHARE:
        return f"完成度{format_percent(value / bound, 0)}, 超过目标的{ABSURD_COMPLETION_SHARE:.0f}倍, 请核实数值和单位"
    return None


def _handed_in_problem(slot: ReportSlot, current: Report, actor: Any) -> str:
    """Why an entry for a handed-in slot is refused; it says that nothing of the entry was saved."""
    by = current.submitted_by
    if by is not None and actor is not None and by.pk != getattr(actor, "pk", None):
        who = by.display_name or by.username
        return f"“{slot.label}”该报告已被他人提交({who}), 本次填写未保存, 请刷新"
    return f"“{slot.label}”已报送, 已锁定, 本次填写未保存; 如需更正请调度员退回"


@transaction.atomic
def reports_save(
    *,
    actor: Any,
    reporting_round: ReportingRound,
    department: Department,
    entries: Mapping[int, ReportEntry],
    submit: bool,
    source: str = ReportSource.FORM,
    reason: str = "",
) -> list[Report]:
    """Saves a department's entries (slot id → entry) as drafts, and with `submit` hands them all in.

    A draft is updated in place; after a return the entry becomes a new version; a slot whose latest
    version is handed in is locked and refused. Submitting requires a value for every slot of the
    department. Any problem refuses everything, naming the slot.
    """
    require_report_for(actor, department)
    require_open(reporting_round)
    slots = {
        slot.pk: slot
        for slot in ReportSlot.objects.filter(round=reporting_round, department=department)
        .exclude(quantity__registry_binding__isnull=False)  # filled from the registry, not by departments
        .select_related("quantity", "task")
    }
    latest = {report.slot_id: report for report in latest_versions(reporting_round, department=department)}
    problems = []
    for slot_id, entry in entries.items():
        slot = slots.get(slot_id)
        if slot is None:
            bound = ReportSlot.objects.filter(pk=slot_id, round=reporting_round, department=department,
                                              quantity__registry_binding__isnull=False).first()
            if bound is not None:
                problems.append(f"“{bound.quantity.metric}”取自重点项目库, 无需填报")
            else:
                problems.append(f"填报项 {slot_id} 不属于本单位本轮次")
            continue
        current = latest.get(slot_id)
        if current is not None and current.status in HANDED_IN:
            problems.append(_handed_in_problem(slot, current, actor))
        problem = check_task_entry(entry) if slot.is_task else check_entry_value(slot.quantity, entry.value)
        if problem:
            problems.append(f"“{slot.label}”: {problem}")
        for label, text in (("进展情况", entry.progress), ("存在问题", entry.problems), ("下步打算", entry.next_steps)):
            if len(text) > TEXT_LIMIT_CHARS:
                problems.append(f"“{slot.label}”{label}超过{TEXT_LIMIT_CHARS}字")
    if submit:
        for slot_id, slot in slots.items():
            entry = entries.get(slot_id)
            already_in = slot_id in latest and latest[slot_id].status in HANDED_IN
            if slot.is_task:
                if not already_in:
                    problems.extend(task_entry_missing(slot.label, entry or _entry_of(latest.get(slot_id))))
                continue
            value = entry.value if entry is not None else (latest[slot_id].value if slot_id in latest else None)
            if value is None and not already_in:
                problems.append(f"“{slot.quantity.metric}”未填写累计完成值")
    if problems:
        raise ValidationError(problems)
    drafts = [report for slot_id, report in latest.items() if slot_id in slots and report.status == ReportStatus.DRAFT]
    if submit and not entries and not drafts:
        raise ValidationError("没有可报送的内容: 本单位本轮的填报项已报送或尚未填写, 本次未保存任何内容, 请刷新页面。")

    now = timezone.now()
    created: list[Report] = []
    updated: list[Report] = []
    for slot_id, slot in slots.items():
        current = latest.get(slot_id)
        entry = entries.get(slot_id)
        if entry is None:
            if not submit or current is None or current.status != ReportStatus.DRAFT:
                continue
            report = current
        elif current is None or current.status == ReportStatus.RETURNED:
            report = Report(slot=slot, version=(current.version + 1) if current else 1,
                            unit=slot.quantity.unit if slot.quantity else "")
        else:
            report = current
        if entry is not None:
            report.value = entry.value
            report.progress = entry.progress.strip()
            report.problems = entry.problems.strip()
            report.next_steps = entry.next_steps.strip()
            report.task_state = entry.task_state
            report.value_typed = entry.value is not None and entry.value != slot.prefilled_value
            report.source = source
        report.updated_by = actor
        report.updated_at = now
        if submit:
            report.status = ReportStatus.SUBMITTED
            report.submitted_at = now
            report.submitted_by = actor
        (updated if report.pk else created).append(report)
    # In bulk, with one history row per report: a 2,000-row template is one statement per batch, not 4,000.
    reason = reason or ("报送" if submit else "保存草稿")
    if created:
        Report.objects.bulk_create(created, batch_size=500)
        history_bulk_create(created, actor=actor, reason=reason)
    if updated:
        bulk_update_with_history(updated, Report, REPORT_WRITTEN_FIELDS, batch_size=500, default_user=actor,
                                 default_change_reason=reason)
    return created + updated


def check_task_entry(entry: ReportEntry) -> str | None:
    """The problem with a qualitative task's entry, in Chinese, or None."""
    if entry.value is not None:
        return "定性任务不填数值, 请填写文字进展和完成状态"
    if entry.task_state and entry.task_state not in TaskState.values:
        return f"完成状态应为 完成/推进中/未启动, 实为“{entry.task_state}”"
    return None


def task_entry_missing(label: str, entry: ReportEntry | None) -> list[str]:
    """What a qualitative task still lacks before it can be handed in: its state and a written progress."""
    problems = []
    if entry is None or not entry.task_state:
        problems.append(f"“{label}”未选择完成状态")
    if entry is None or not entry.progress.strip():
        problems.append(f"“{label}”未填写进展情况")
    return problems


def _entry_of(report: Report | None) -> ReportEntry | None:
    if report is None:
        return None
    return ReportEntry(value=report.value, progress=report.progress, problems=report.problems,
                       next_steps=report.next_steps, task_state=report.task_state)


@transaction.atomic
def reports_return(
    *, actor: Any, reporting_round: ReportingRound, department: Department, comment: str
) -> list[Report]:
    """Returns a department's handed-in reports for correction with the office's comment; the returned
    versions stay as they are and the correction will be a new version."""
    require_run_round(actor, reporting_round)
    require_open(reporting_round)
    comment = comment.strip()
    if not comment:
        raise ValidationError("退回时请填写退回意见。")
    reports = [  # the registry's figures are not the department's to correct
        report for report in latest_versions(reporting_round, department=department, statuses=HANDED_IN)
        if report.source != ReportSource.REGISTRY
    ]
    if not reports:
        if any(r.status == ReportStatus.RETURNED for r in latest_versions(reporting_round, department=department)):
            raise ValidationError(f"{department}的报送已被退回(可能刚被他人退回), 无需再次退回, 请刷新。")
        raise ValidationError(f"{department}本轮尚无已报送的内容, 无需退回。")
    now = timezone.now()
    for report in reports:
        report.status = ReportStatus.RETURNED
        report.returned_comment = fit_to_field(Report, "returned_comment", comment)
        report.returned_at = now
        attribute_change(report, actor=actor, reason=f"退回: {comment}")
        report.save()
    return reports


@transaction.atomic
def attachment_add(
    *, actor: Any, reporting_round: ReportingRound, department: Department, upload: UploadedFile
) -> ReportAttachment:
    """Attaches a file of any type to a department's reports of an open round as a whole, stored the one way
    (core.attachments: within BLUELEDGER_ATTACHMENT_LIMIT_MB; an unchecked type is only served as a download)."""
    require_report_for(actor, department)
    require_open(reporting_round)
    attachment = ReportAttachment(round=reporting_round, department=department, uploaded_by=actor)
    attachment_store(attachment, upload, stem=f"round-{reporting_round.pk}-department-{department.pk}", types=None)
    attribute_change(attachment, actor=actor, reason="上传附件")
    attachment.save()
    return attachment


@transaction.atomic
def report_item_return(*, actor: Any, slot: ReportSlot, comment: str) -> Report:
    """Returns one handed-in item (not the department's whole report) with the office's comment on it; the
    returned version stays as it is and the correction will be a new version."""
    reporting_round = slot.round
    require_run_round(actor, reporting_round)
    require_open(reporting_round)
    comment = comment.strip()
    if not comment:
        raise ValidationError("退回时请填写退回意见。")
    # The latest version, locked: a concurrent submit or return of the same item waits and is then re-checked.
    report = Report.objects.select_for_update().filter(slot=slot).order_by("-version").first()
    if report is None or report.status not in HANDED_IN:
        raise ValidationError(f"“{slot.label}”尚未报送, 无需退回。")
    if report.source == ReportSource.REGISTRY:
        raise ValidationError(f"“{slot.label}”取自重点项目库, 不能退回。")
    report.status = ReportStatus.RETURNED
    report.returned_comment = fit_to_field(Report, "returned_comment", comment)
    report.returned_at = timezone.now()
    attribute_change(report, actor=actor, reason=f"退回 “{slot.label}”: {comment}")
    report.save()
    return report
