"""Writes of dispatch: rounds, reports and their versions, returns, objections, attachments, settings and
year-end reconciliation.

Every service is keyword-only, runs in one transaction, checks its actor (None is the system: demo and
command line) and names the actor and reason in the history of every row it writes.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change
from blueledger.core.notify import configured_sender
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.core.services import notification_send
from blueledger.core.uploads import attachment_limit_bytes
from blueledger.dispatch.choices import (
    CORRECTION_PREFIX,
    HANDED_IN,
    REOPEN_PREFIX,
    ObjectionStatus,
    PeriodKind,
    PrefillSource,
    ReconciliationVerdict,
    ReminderChannel,
    ReminderKind,
    ReminderOutcome,
    ReportSource,
    ReportStatus,
    RoundStatus,
    TaskState,
)
from blueledger.dispatch.desk import unit_round_states
from blueledger.dispatch.models import (
    RankingObjection,
    Reconciliation,
    ReconciliationRow,
    RegistryBinding,
    ReminderLog,
    Report,
    ReportAttachment,
    ReportingRound,
    ReportSlot,
    RoundFigures,
)
from blueledger.dispatch.permissions import require_report_for, require_run_round
from blueledger.dispatch.progress import UnitMismatch, convert_value, is_level_unit
from blueledger.dispatch.reconciliation import (
    PlanTarget,
    ReportedFact,
    TextQuantity,
    check_arithmetic,
    match_facts_to_targets,
)
from blueledger.dispatch.selectors import round_figures_compute
from blueledger.dispatch.sources import sourced_figures
from blueledger.ledgers.choices import OP_FROM_ENGINE, LedgerStatus, QuantityRole
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.selectors import task_departments
from blueledger.lib.file_sizes import too_large_message
from blueledger.lib.numbers import format_percent, round_half_up
from blueledger.lib.units import is_count_unit
from blueledger.orgs.models import Department
from blueledger.projects.choices import INDICATOR_UNITS
from blueledger.projects.indicators import IndicatorValue
from blueledger.projects.models import IndicatorQuery
from blueledger.projects.selectors import indicator_value
from blueledger.projects.services import indicator_query_save
from blueledger.users.choices import Role
from blueledger.users.models import User

# A reported value above this many times its target is refused as a typing error (a completion of 1000 %).
ABSURD_COMPLETION_SHARE = Decimal(10)
# A bound target's saved query is named by the start of its ledger's title and the target's metric.
QUERY_NAME_TITLE_CHARS = 60
TEXT_LIMIT_CHARS = 2000
REPORT_WRITTEN_FIELDS = [
    "value", "progress", "problems", "next_steps", "value_typed", "source", "updated_by", "updated_at", "status",
    "submitted_at", "submitted_by", "task_state",
]
OP_TO_ENGINE = {str(choice): spelling for spelling, choice in OP_FROM_ENGINE.items()}


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """What a department enters for one slot (from the form or one row of the Excel template)."""

    value: Decimal | None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    task_state: str = ""  # a qualitative task's 完成/推进中/未启动 (TaskState); its value stays None


def period_title(ledger: Ledger, period_kind: str, period_start: datetime.date, period_end: datetime.date) -> str:
    if period_kind == PeriodKind.MONTH:
        label = f"{period_start.year}年{period_start.month}月"
    elif period_kind == PeriodKind.QUARTER:
        label = f"{period_start.year}年第{(period_start.month - 1) // 3 + 1}季度"
    elif period_kind == PeriodKind.HALF_YEAR:
        label = f"{period_start.year}年{'上' if period_start.month <= 6 else '下'}半年"
    elif period_kind == PeriodKind.YEAR:
        label = f"{period_start.year}年度"
    else:
        label = f"{period_start:%Y年%-m月%-d日}–{period_end:%-m月%-d日}"
    return f"{label}调度"


def latest_handed_in_values(previous: ReportingRound | None) -> dict[tuple[int, int], Decimal]:
    """(department id, quantity id) → the cumulative value last handed in during `previous`."""
    if previous is None:
        return {}
    values: dict[tuple[int, int], Decimal] = {}
    rows = (
        Report.objects.filter(slot__round=previous, status__in=HANDED_IN, value__isnull=False)
        .order_by("slot_id", "version")
        .values_list("slot__department_id", "slot__quantity_id", "value")
    )
    for department_id, quantity_id, value in rows:
        values[(department_id, quantity_id)] = value
    return values


def previous_round(reporting_round: ReportingRound) -> ReportingRound | None:
    return (
        ReportingRound.objects.filter(ledger_id=reporting_round.ledger_id, period_end__lt=reporting_round.period_end)
        .exclude(pk=reporting_round.pk)
        .order_by("-period_end", "-pk")
        .first()
    )


@transaction.atomic
def round_open(
    *,
    actor: Any,
    ledger: Ledger,
    period_kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    title: str = "",
) -> ReportingRound:
    """Opens a round on a published ledger and gives every department assigned to a task (or to the task's
    nearest ancestor with assignments) one slot per target of that task, pre-filled with the department's
    cumulative value of the previous round (fill once)."""
    require_dispatch_in_region(actor, ledger.region)
    if ledger.status != LedgerStatus.PUBLISHED:
        raise ValidationError("只能对已发布的台账发起调度。")
    if period_end < period_start:
        raise ValidationError("期间止不能早于期间起。")
    if ReportingRound.objects.filter(
        ledger=ledger, period_kind=period_kind, period_start=period_start, period_end=period_end
    ).exists():
        raise ValidationError("该台账在这一期间已有调度轮次。")
    reporting_round = ReportingRound(
        ledger=ledger,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        title=fit_to_field(
            ReportingRound, "title", title or period_title(ledger, period_kind, period_start, period_end)
        ),
        opened_at=timezone.now(),
        opened_by=actor,
    )
    reporting_round.full_clean()
    attribute_change(reporting_round, actor=actor, reason="发起调度")
    reporting_round.save()

    tasks = list(ledger.tasks.all())
    departments_of = task_departments(tasks)
    previous_values = latest_handed_in_values(previous_round(reporting_round))
    quantities = ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False).order_by("position", "pk")
    slots = []
    for quantity in quantities:
        for department_id, is_lead in departments_of.get(quantity.task_id, []):  # type: ignore[arg-type]
            prefilled = previous_values.get((department_id, quantity.pk))
            slots.append(
                ReportSlot(
                    round=reporting_round,
                    department_id=department_id,
                    quantity=quantity,
                    is_lead=is_lead,
                    position=len(slots),
                    prefilled_value=prefilled,
                    prefilled_from=PrefillSource.PREVIOUS_ROUND if prefilled is not None else PrefillSource.NONE,
                )
            )
    slots.extend(_task_slots(reporting_round, tasks, departments_of, {q.task_id for q in quantities}, len(slots)))
    if not slots:
        raise ValidationError("该台账没有分配到部门的目标或任务, 无法发起调度。")
    bulk_create_with_history(slots, ReportSlot, default_user=actor, default_change_reason="发起调度")
    registry_values_fill(actor=actor, reporting_round=reporting_round)
    return reporting_round


def _lock_round(reporting_round: ReportingRound) -> None:
    """Re-reads the round inside the caller's transaction and locks its row until the transaction ends, so
    a state change never acts on the copy a view loaded earlier: closing, saving, returning and the registry
    fill of one round run one after another (on SQLite the whole database is locked by the write
    transaction, which settings.py begins IMMEDIATE)."""
    reporting_round.refresh_from_db(from_queryset=ReportingRound.objects.select_for_update())


def _task_slots(reporting_round: ReportingRound, tasks: list[Any], departments_of: Mapping[int, list[tuple[int, bool]]],
                tasks_with_targets: set[int | None], first_position: int) -> list[ReportSlot]:
    """A slot per department for every qualitative task: a task with no target of its own and no sub-tasks
    (those report through their targets or their sub-tasks), reported as 文字进展 + 完成状态 + evidence."""
    parents = {task.parent_id for task in tasks if task.parent_id}
    slots = []
    for task in sorted(tasks, key=lambda t: (t.position, t.pk)):
        if task.pk in parents or task.pk in tasks_with_targets:
            continue
        for department_id, is_lead in departments_of.get(task.pk, []):
            slots.append(ReportSlot(round=reporting_round, department_id=department_id, task=task, is_lead=is_lead,
                                    position=first_position + len(slots)))
    return slots


def _require_open(reporting_round: ReportingRound) -> None:
    """Locks the round (see _lock_round) and refuses when it is no longer open."""
    _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.OPEN:
        raise ValidationError(f"本轮已截止: “{reporting_round.title}”已截止, 不能再修改报送, 本次内容未保存。")


@transaction.atomic
def round_close(*, actor: Any, reporting_round: ReportingRound) -> ReportingRound:
    """Closes the round: no more reports; the handed-in reports are accepted as they stand."""
    require_run_round(actor, reporting_round)
    _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.OPEN:
        closed_at = timezone.localtime(reporting_round.closed_at) if reporting_round.closed_at else None
        when = f"已于{closed_at:%Y-%m-%d %H:%M:%S}" if closed_at else "已"
        raise ValidationError(f"本轮已截止: “{reporting_round.title}”{when}截止, 无需再次截止。")
    registry_values_fill(actor=actor, reporting_round=reporting_round)  # the registry's figure at closing
    for report in _latest_reports(reporting_round, statuses=(ReportStatus.SUBMITTED,)):
        report.status = ReportStatus.ACCEPTED
        attribute_change(report, actor=actor, reason="调度截止, 采用报送")
        report.save(update_fields=["status", "updated_at"])
    reporting_round.status = RoundStatus.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.closed_by = actor
    attribute_change(reporting_round, actor=actor, reason="调度截止")
    reporting_round.save()
    round_figures_store(reporting_round=reporting_round)
    return reporting_round


def round_figures_store(*, reporting_round: ReportingRound) -> RoundFigures:
    """Computes and keeps the figures of a closed round (derived data: no history of its own)."""
    values = round_figures_compute(reporting_round)
    figures, _ = RoundFigures.objects.update_or_create(round=reporting_round, defaults=values)
    return figures


@transaction.atomic
def round_settings_update(
    *,
    actor: Any,
    reporting_round: ReportingRound,
    hardness_weights: Mapping[str, Decimal],
    tolerance_share: Decimal,
    severe_lag_points: Decimal,
    correction_reason: str = "",
) -> ReportingRound:
    """Sets the office's hardness weights (binding/strive/try/none, ≥ 0, not all 0) and the thresholds. They
    change the figures of a closed round, so once it is closed they are locked: only a correction with a
    reason changes them, and the reason stays in the round's history (shown on the round's page)."""
    require_run_round(actor, reporting_round)
    _lock_round(reporting_round)
    correction_reason = " ".join(correction_reason.split())[:200]
    if reporting_round.status == RoundStatus.CLOSED and not correction_reason:
        raise ValidationError("本轮已截止, 计分权重和阈值已锁定, 本次设置未保存; 如需更正, 请填写更正理由。")
    keys = ("binding", "strive", "try", "none")
    if set(hardness_weights) != set(keys):
        raise ValidationError("权重应包括 确保/力争/争取/未注明 四项。")
    if any(weight < 0 for weight in hardness_weights.values()) or all(w == 0 for w in hardness_weights.values()):
        raise ValidationError("权重不能为负数, 也不能全部为0。")
    if not Decimal(0) <= tolerance_share < Decimal(1):
        raise ValidationError("左右目标容差应在 0 到 1 之间 (0.05 即 ±5%)。")
    if not Decimal(0) < severe_lag_points <= Decimal(100):
        raise ValidationError("严重滞后阈值应在 0 到 100 个百分点之间。")
    reporting_round.hardness_weights = {key: str(hardness_weights[key]) for key in keys}
    reporting_round.tolerance_share = tolerance_share
    reporting_round.severe_lag_points = severe_lag_points
    closed = reporting_round.status == RoundStatus.CLOSED
    reason = f"{CORRECTION_PREFIX}计分设置: {correction_reason}" if closed else "设置计分权重"
    attribute_change(reporting_round, actor=actor, reason=reason)
    reporting_round.save()
    if closed:
        round_figures_store(reporting_round=reporting_round)
    return reporting_round


@transaction.atomic
def round_reopen(*, actor: Any, reporting_round: ReportingRound, reason: str) -> ReportingRound:
    """Opens a closed round again (administrators only), with the reason kept in the round's history and shown
    on its page. Accepted reports stay accepted; the next close recomputes the round's figures."""
    if actor is not None and not getattr(actor, "is_admin", False):
        raise PermissionDenied("只有系统管理员可以重新开放已截止的轮次。")
    reason = " ".join(reason.split())[:200]
    if not reason:
        raise ValidationError("重新开放已截止的轮次须填写理由。")
    _lock_round(reporting_round)
    if reporting_round.status != RoundStatus.CLOSED:
        raise ValidationError(f"“{reporting_round.title}”未截止, 无需重新开放。")
    reporting_round.status = RoundStatus.OPEN
    reporting_round.closed_at = None
    reporting_round.closed_by = None
    attribute_change(reporting_round, actor=actor, reason=f"{REOPEN_PREFIX}: {reason}")
    reporting_round.save()
    return reporting_round


def _latest_reports(
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
    _require_open(reporting_round)
    slots = {
        slot.pk: slot
        for slot in ReportSlot.objects.filter(round=reporting_round, department=department)
        .exclude(quantity__registry_binding__isnull=False)  # filled from the registry, not by departments
        .select_related("quantity", "task")
    }
    latest = {report.slot_id: report for report in _latest_reports(reporting_round, department=department)}
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
        bulk_create_with_history(created, Report, batch_size=500, default_user=actor, default_change_reason=reason)
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
    _require_open(reporting_round)
    comment = comment.strip()
    if not comment:
        raise ValidationError("退回时请填写退回意见。")
    reports = [  # the registry's figures are not the department's to correct
        report for report in _latest_reports(reporting_round, department=department, statuses=HANDED_IN)
        if report.source != ReportSource.REGISTRY
    ]
    if not reports:
        if any(r.status == ReportStatus.RETURNED for r in _latest_reports(reporting_round, department=department)):
            raise ValidationError(f"{department}的报送已被退回(可能刚被他人退回), 无需再次退回, 请刷新。")
        raise ValidationError(f"{department}本轮尚无已报送的内容, 无需退回。")
    now = timezone.now()
    for report in reports:
        report.status = ReportStatus.RETURNED
        report.returned_comment = comment[:500]
        report.returned_at = now
        attribute_change(report, actor=actor, reason=f"退回: {comment[:100]}")
        report.save()
    return reports


@transaction.atomic
def attachment_add(
    *, actor: Any, reporting_round: ReportingRound, department: Department, upload: UploadedFile
) -> ReportAttachment:
    require_report_for(actor, department)
    _require_open(reporting_round)
    limit = attachment_limit_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(too_large_message(upload.name or "附件", upload.size, limit), code="too_large")
    attachment = ReportAttachment(
        round=reporting_round, department=department,
        filename=fit_to_field(ReportAttachment, "filename", upload.name or "附件"), uploaded_by=actor,
    )
    attachment.file.save(upload.name or "attachment", upload, save=False)
    attribute_change(attachment, actor=actor, reason="上传附件")
    attachment.save()
    return attachment


@transaction.atomic
def objection_file(
    *, actor: Any, reporting_round: ReportingRound, department: Department, text: str
) -> RankingObjection:
    """A department's objection to its ranking; only the department's own reporters (or an admin) file it."""
    require_report_for(actor, department)
    text = text.strip()
    if not text:
        raise ValidationError("请填写异议内容。")
    if not ReportSlot.objects.filter(round=reporting_round, department=department).exists():
        raise ValidationError(f"{department}不在本轮排名之中。")
    objection = RankingObjection(
        round=reporting_round, department=department, text=text, filed_at=timezone.now(), filed_by=actor
    )
    attribute_change(objection, actor=actor, reason="提出异议")
    objection.save()
    return objection


@transaction.atomic
def objection_answer(*, actor: Any, objection: RankingObjection, answer: str) -> RankingObjection:
    require_run_round(actor, objection.round)
    answer = answer.strip()
    if not answer:
        raise ValidationError("请填写答复内容。")
    if objection.status == ObjectionStatus.ANSWERED:
        raise ValidationError("该异议已答复。")
    objection.answer = answer
    objection.status = ObjectionStatus.ANSWERED
    objection.answered_at = timezone.now()
    objection.answered_by = actor
    attribute_change(objection, actor=actor, reason="答复异议")
    objection.save()
    return objection


# --- targets read from the key-project registry --------------------------------------------------------


def registry_value(quantity: LedgerQuantity, indicator_value: IndicatorValue) -> Decimal | None:
    """A registry figure in the target's unit (亿元 into 万元, 个 as 项 …); ValidationError when the two do not
    measure the same thing."""
    if indicator_value.value is None:
        return None
    if indicator_value.unit == "个" and is_count_unit(quantity.unit):
        return indicator_value.value  # the registry counts projects and leads; 个, 项, 家 all count one each
    try:
        return convert_value(indicator_value.value, indicator_value.unit, quantity.unit)
    except UnitMismatch:
        raise ValidationError(
            f"“{quantity.metric}”的单位“{quantity.unit or '无'}”与重点项目库指标的单位“{indicator_value.unit}”不一致, "
            "无法取数。"
        ) from None


@transaction.atomic
def registry_binding_set(
    *, actor: Any, quantity: LedgerQuantity, indicator: str, filters: Mapping[str, Any]
) -> RegistryBinding:
    """Reads the target from the registry from now on: saves the query (through projects' services), binds
    the target to it and fills the target's slots in the ledger's open rounds."""
    ledger = quantity.ledger
    require_dispatch_in_region(actor, ledger.region)
    if ledger.status != LedgerStatus.PUBLISHED:
        raise ValidationError("台账发布后才能设置重点项目库取数。")
    if quantity.role != QuantityRole.TARGET:
        raise ValidationError("只有目标可以从重点项目库取数。")
    if indicator not in INDICATOR_UNITS:
        raise ValidationError(f"未知的指标“{indicator}”。")
    registry_value(quantity, IndicatorValue(Decimal(1), INDICATOR_UNITS[indicator]))  # the units must agree
    existing = RegistryBinding.objects.filter(quantity=quantity).select_related("query").first()
    query = indicator_query_save(
        actor=actor, region=ledger.region,
        name=fit_to_field(IndicatorQuery, "name", f"{ledger.title[:QUERY_NAME_TITLE_CHARS]} · {quantity.metric}"),
        indicator=indicator,
        filters={key: value for key, value in filters.items() if value not in ("", None)},
        query=existing.query if existing else None,
    )
    binding = existing or RegistryBinding(quantity=quantity)
    binding.query = query
    binding.bound_by = actor
    attribute_change(binding, actor=actor, reason=f"从重点项目库取数: {query.get_indicator_display()}")
    binding.save()
    for reporting_round in ReportingRound.objects.filter(ledger=ledger, status=RoundStatus.OPEN):
        registry_values_fill(actor=actor, reporting_round=reporting_round)
    return binding


@transaction.atomic
def registry_binding_remove(*, actor: Any, binding: RegistryBinding) -> None:
    """The target is typed by its departments again from the next round on; reports already filled from
    the registry stay as they are (they were right when written)."""
    require_dispatch_in_region(actor, binding.quantity.ledger.region)
    attribute_change(binding, actor=actor, reason="取消重点项目库取数")
    binding.delete()


@transaction.atomic
def registry_values_fill(*, actor: Any, reporting_round: ReportingRound) -> int:
    """Writes each registry-bound slot of an open round as handed in, with the registry's figure as of the
    round's month, so no department types it; a figure unchanged since the last fill writes nothing. Targets
    another app measures (dispatch.sources, e.g. economy figures) are filled the same way. Returns how many
    reports were written. Runs when the round opens, when it closes, and on request."""
    require_run_round(actor, reporting_round)
    _require_open(reporting_round)
    all_slots = list(
        ReportSlot.objects.filter(round=reporting_round).select_related("quantity__registry_binding__query__region")
    )
    unbound = {slot.quantity_id: slot.quantity for slot in all_slots if not hasattr(slot.quantity, "registry_binding")}
    sourced = sourced_figures(list(unbound.values()), reporting_round.period_end)
    slots = [slot for slot in all_slots if slot.quantity_id not in unbound or slot.quantity_id in sourced]
    if not slots:
        return 0
    latest: dict[int, Report] = {}
    for report in Report.objects.filter(slot__in=slots).order_by("slot_id", "version"):
        latest[report.slot_id] = report
    figures: dict[int, IndicatorValue] = {}
    now = timezone.now()
    created: list[Report] = []
    updated: list[Report] = []
    prefilled: list[ReportSlot] = []
    for slot in slots:
        if slot.quantity_id in sourced:
            value, progress = sourced[slot.quantity_id].value, sourced[slot.quantity_id].note
        else:
            query = slot.quantity.registry_binding.query
            if query.pk not in figures:
                figures[query.pk] = indicator_value(query=query, as_of=reporting_round.period_end)
            value = registry_value(slot.quantity, figures[query.pk])
            progress = f"取自重点项目库: {query.get_indicator_display()}, 截至{reporting_round.period_end:%Y年%-m月}"
        if value is None:
            continue  # the query finds nothing to measure yet (a rate of no projects): left unreported
        value = round_half_up(value, Report._meta.get_field("value").decimal_places)
        if slot.prefilled_value != value or slot.prefilled_from != PrefillSource.REGISTRY:
            slot.prefilled_value, slot.prefilled_from = value, PrefillSource.REGISTRY
            prefilled.append(slot)
        current = latest.get(slot.pk)
        if current is not None and current.source == ReportSource.REGISTRY and current.value == value:
            continue
        if current is None or current.status != ReportStatus.DRAFT:
            # A new version: the first fill, or the figure changed since a handed-in one (kept as it was).
            report = Report(slot=slot, version=(current.version + 1) if current else 1)
            created.append(report)
        else:
            report = current
            updated.append(report)
        report.value, report.unit = value, slot.quantity.unit
        report.progress = progress
        report.problems = report.next_steps = ""
        report.value_typed = False
        report.source = ReportSource.REGISTRY
        report.status = ReportStatus.SUBMITTED
        report.updated_by = report.submitted_by = actor
        report.updated_at = report.submitted_at = now
    reason = "平台取数" if sourced else "重点项目库取数"
    if prefilled:
        bulk_update_with_history(prefilled, ReportSlot, ["prefilled_value", "prefilled_from"], default_user=actor,
                                 default_change_reason=reason)
    if created:
        bulk_create_with_history(created, Report, default_user=actor, default_change_reason=reason)
    if updated:
        bulk_update_with_history(updated, Report, [*REPORT_WRITTEN_FIELDS, "unit"], default_user=actor,
                                 default_change_reason=reason)
    return len(created) + len(updated)


VERDICT_FROM_ENGINE = {
    "完成": ReconciliationVerdict.COMPLETED,
    "未完成": ReconciliationVerdict.NOT_COMPLETED,
    "无法判断": ReconciliationVerdict.UNDECIDABLE,
}


@transaction.atomic
def reconciliation_create(*, actor: Any, plan: Ledger, summary: Ledger) -> Reconciliation:
    """Matches the summary's reported facts to the plan's targets (reconciliation engine) and keeps the
    arithmetic findings of the summary's text; staff then confirm or correct each row."""
    require_dispatch_in_region(actor, plan.region)
    targets = list(plan.quantities.filter(role=QuantityRole.TARGET))
    summary_quantities = list(summary.quantities.order_by("position", "pk"))
    facts = [q for q in summary_quantities if q.role == QuantityRole.FACT] or summary_quantities
    rows = match_facts_to_targets(
        [
            PlanTarget(id=str(t.pk), metric=t.metric, value=t.value, unit=t.unit, op=OP_TO_ENGINE.get(t.op, "="),
                       deadline=t.deadline, quote=t.quote)
            for t in targets
        ],
        [
            ReportedFact(id=str(f.pk), metric=f.metric, value=f.value, unit=f.unit, quote=f.quote, period_end=None)
            for f in facts
        ],
    )
    text_quantities = [
        TextQuantity(value=q.value, unit=q.unit, quote=q.quote, start=q.span_start or 0, end=q.span_end or 0,
                     metric=q.metric)
        for q in summary_quantities
        if q.span_start is not None and q.span_end is not None
    ]
    findings = check_arithmetic(sorted(text_quantities, key=lambda q: q.start), summary.text)
    reconciliation = Reconciliation(
        plan=plan,
        summary=summary,
        created_by=actor,
        arithmetic_findings=[
            {"kind": str(f.kind), "quotes": list(f.quotes), "consistent": f.consistent, "explanation": f.explanation}
            for f in findings
        ],
    )
    attribute_change(reconciliation, actor=actor, reason="年终对账")
    reconciliation.save()
    by_id = {str(t.pk): t for t in targets}
    records = [
        ReconciliationRow(
            reconciliation=reconciliation,
            target=by_id[row.target_id],
            fact_id=int(row.fact_id) if row.fact_id else None,
            suggested_verdict=VERDICT_FROM_ENGINE[str(row.verdict)],
            similarity=row.similarity,  # the engine rounds it to the field's four places
            evidence_quote=fit_to_field(ReconciliationRow, "evidence_quote", row.evidence_quote or ""),
            reason=fit_to_field(ReconciliationRow, "reason", row.reason),
        )
        for row in rows
    ]
    bulk_create_with_history(records, ReconciliationRow, default_user=actor, default_change_reason="年终对账")
    return reconciliation


@transaction.atomic
def reconciliation_row_confirm(
    *, actor: Any, row: ReconciliationRow, verdict: str, note: str = ""
) -> ReconciliationRow:
    """Staff confirm the suggested verdict or correct it; the history keeps the suggestion and who decided."""
    require_dispatch_in_region(actor, row.reconciliation.plan.region)
    if verdict not in ReconciliationVerdict.values:
        raise ValidationError(f"未知的结论“{verdict}”。")
    row.verdict = verdict
    row.note = fit_to_field(ReconciliationRow, "note", note.strip())
    row.confirmed_at = timezone.now()
    row.confirmed_by = actor
    attribute_change(row, actor=actor, reason="确认对账结论" if verdict == row.suggested_verdict else "更正对账结论")
    row.save()
    return row


# --- 催报: reminders -------------------------------------------------------------------------------------


def _reminder_text(reporting_round: ReportingRound, department: Department, kind: str, missing: int,
                   today: datetime.date) -> tuple[str, str]:
    days = (reporting_round.due_date - today).days
    when = (f"已逾期 {-days} 天" if days < 0 else "今天截止" if days == 0 else f"还有 {days} 天截止")
    title = f"{ReminderKind(kind).label}: {reporting_round.title}"
    body = (f"{department}在“{reporting_round.ledger.title} · {reporting_round.title}”中尚有 {missing} 项未报送, "
            f"报送截止 {reporting_round.due_date:%Y年%-m月%-d日} ({when})。请尽快填报。")
    return title, body


@transaction.atomic
def reminder_send(
    *, actor: Any, reporting_round: ReportingRound, department: Department, kind: str,
    today: datetime.date | None = None,
) -> list[ReminderLog]:
    """Reminds a department's reporters that items of an open round are missing: a site notification each,
    an e-mail to those with an address, and a message through the configured sender to those with a phone.
    Every attempt is logged with its outcome. At most one reminder of a kind per department, round and day:
    a second call that day sends nothing and returns []."""
    require_run_round(actor, reporting_round)
    if kind not in ReminderKind.values:
        raise ValidationError(f"未知的催报类型“{kind}”。")
    today = today or timezone.localdate()
    # The round's row is the lock: two offices (or the office and cron) cannot both remind the same slot today.
    locked = ReportingRound.objects.select_for_update().select_related("ledger").get(pk=reporting_round.pk)
    _require_open(locked)
    if ReminderLog.objects.filter(round=locked, department=department, kind=kind, day=today).exists():
        return []
    states = unit_round_states(ReportingRound.objects.filter(pk=locked.pk), department_id=department.pk)
    missing = states[0].missing if states else 0
    if missing == 0:
        raise ValidationError(f"{department}本轮已全部报送, 无需催报。")
    title, body = _reminder_text(locked, department, kind, missing, today)
    url = reverse("dispatch:department_report", args=[locked.pk, department.pk])
    now = timezone.now()
    base = {"round": locked, "department": department, "kind": kind, "day": today, "missing": missing,
            "sent_at": now, "sent_by": actor}
    logs: list[ReminderLog] = []
    recipients = list(User.objects.filter(department=department, role=Role.REPORTER, is_active=True).order_by("pk"))
    if not recipients:
        logs.append(ReminderLog(channel=ReminderChannel.SITE, outcome=ReminderOutcome.NO_RECIPIENT,
                                detail="本单位没有填报员账号", **base))
    sender = configured_sender()
    for user in recipients:
        notification_send(user=user, title=title, body=body, url=url)
        logs.append(ReminderLog(channel=ReminderChannel.SITE, recipient=user, address=user.username,
                                outcome=ReminderOutcome.SENT, **base))
        if user.email:
            try:
                send_mail(title, f"{body}\n{url}", None, [user.email])
            except Exception as error:  # any backend failure is an outcome to log, not a reason to stop
                logs.append(ReminderLog(channel=ReminderChannel.EMAIL, recipient=user, address=user.email,
                                        outcome=ReminderOutcome.FAILED, detail=str(error)[:300], **base))
            else:
                logs.append(ReminderLog(channel=ReminderChannel.EMAIL, recipient=user, address=user.email,
                                        outcome=ReminderOutcome.SENT, **base))
        if user.phone:
            try:
                note = sender.send(user=user, subject=title, body=body)
            except Exception as error:  # SendFailed or a gateway's own error: logged as failed
                outcome, detail = ReminderOutcome.FAILED, str(error)
            else:
                outcome, detail = ReminderOutcome.SENT, note
            logs.append(ReminderLog(channel=ReminderChannel.EXTERNAL, channel_name=sender.channel, recipient=user,
                                    address=user.phone, outcome=outcome, detail=detail[:300], **base))
    ReminderLog.objects.bulk_create(logs)
    return logs


@dataclass(frozen=True, slots=True)
class RemindersRun:
    """What one run of the scheduled reminders did."""

    reminded: int  # departments reminded now
    already: int  # departments already reminded of that kind today
    logs: int


def reminders_run(*, today: datetime.date | None = None) -> RemindersRun:
    """The scheduled reminders (`blueledger remind`, daily from cron): every department with items missing in
    an open round gets a 截止前提醒 within BLUELEDGER_REMIND_DAYS_BEFORE days of the deadline and a 逾期催报
    every day after it. Running it twice a day sends nothing twice."""
    today = today or timezone.localdate()
    days_before = int(settings.REMIND_DAYS_BEFORE)
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN, due_date__lte=today + datetime.timedelta(
        days=days_before))
    reminded = already = written = 0
    for state in unit_round_states(rounds):
        if not state.missing:
            continue
        kind = ReminderKind.OVERDUE if state.due_in_days(today) < 0 else ReminderKind.BEFORE_DUE
        try:
            logs = reminder_send(actor=None, reporting_round=state.reporting_round,
                                 department=Department.objects.get(pk=state.department_id), kind=kind, today=today)
        except ValidationError:
            continue  # handed in or closed since the run began: nothing to remind of
        if logs:
            reminded += 1
            written += len(logs)
        else:
            already += 1
    return RemindersRun(reminded=reminded, already=already, logs=written)


# --- evidence (佐证材料) per report item -------------------------------------------------------------------

EVIDENCE_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
THUMBNAIL_PX = 320
_ZIP_MAGIC = b"PK\x03\x04"


def evidence_check(upload: UploadedFile) -> str:
    """The content type of an acceptable evidence file, or ValidationError naming the file and the reason:
    larger than BLUELEDGER_EVIDENCE_LIMIT_MB, not an image/PDF/docx/xlsx, or not what its name says."""
    name = upload.name or "附件"
    limit_mb = int(settings.EVIDENCE_LIMIT_MB)
    if (upload.size or 0) > limit_mb * 1024 * 1024:
        raise ValidationError(f"“{name}”有 {(upload.size or 0) / 1024 / 1024:.1f} MB, 超过 {limit_mb} MB 的上限。")
    extension = PurePath(name).suffix.lower()
    content_type = EVIDENCE_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(
            f"“{name}”的类型不支持; 只接受图片 (jpg、png、gif、webp)、PDF、Word (docx) 和 Excel (xlsx)。"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if content_type.startswith("image/"):
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(f"“{name}”不是可以打开的图片。") from None
        finally:
            upload.seek(0)
    elif (extension == ".pdf" and not head.startswith(b"%PDF")) or (
        extension in (".docx", ".xlsx") and not head.startswith(_ZIP_MAGIC)
    ):
        raise ValidationError(f"“{name}”的内容与文件类型不符, 请另存为 {extension} 后再上传。")
    return content_type


def _thumbnail(upload: UploadedFile) -> bytes:
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # phone photos are stored sideways with an orientation tag
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=80)
    upload.seek(0)
    return buffer.getvalue()


@transaction.atomic
def evidence_add(*, actor: Any, slot: ReportSlot, upload: UploadedFile) -> ReportAttachment:
    """Attaches a photo or document to one report item of an open round while the item is not handed in;
    images get a JPEG thumbnail. The file's name as uploaded is kept for the download."""
    require_report_for(actor, slot.department)
    _require_open(slot.round)
    if slot.quantity_id is not None and RegistryBinding.objects.filter(quantity_id=slot.quantity_id).exists():
        raise ValidationError(f"“{slot.label}”取自重点项目库, 无需佐证材料。")
    latest = Report.objects.filter(slot=slot).order_by("-version").first()
    if latest is not None and latest.status in HANDED_IN:
        raise ValidationError(f"“{slot.label}”已报送, 佐证材料已锁定; 如需补充请调度员退回。")
    content_type = evidence_check(upload)
    name = (upload.name or "附件")[:200]
    extension = PurePath(name).suffix.lower()
    attachment = ReportAttachment(round=slot.round, department=slot.department, slot=slot, filename=name,
                                  content_type=content_type, size=upload.size or 0, uploaded_by=actor)
    attachment.file.save(f"slot-{slot.pk}{extension}", upload, save=False)
    if content_type.startswith("image/"):
        attachment.thumbnail.save(f"slot-{slot.pk}.jpg", ContentFile(_thumbnail(upload)), save=False)
    attribute_change(attachment, actor=actor, reason=f"上传佐证材料: {slot.label}")
    attachment.save()
    return attachment


@transaction.atomic
def report_form_save(
    *,
    actor: Any,
    reporting_round: ReportingRound,
    department: Department,
    entries: Mapping[int, ReportEntry],
    submit: bool,
    evidence: Mapping[int, Sequence[UploadedFile]],
) -> list[Report]:
    """The report form in one go: the evidence attached to each item (slot id → files), then the entries saved
    or handed in (reports_save). Any problem refuses everything, files included."""
    slots = {slot.pk: slot for slot in ReportSlot.objects.filter(
        round=reporting_round, department=department, pk__in=list(evidence)).select_related(
        "round", "department", "quantity", "task")}
    problems: list[str] = []
    for slot_id, uploads in evidence.items():
        slot = slots.get(slot_id)
        if slot is None:
            problems.append(f"填报项 {slot_id} 不属于本单位本轮次")
            continue
        for upload in uploads:
            try:
                evidence_add(actor=actor, slot=slot, upload=upload)
            except ValidationError as error:
                problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return reports_save(actor=actor, reporting_round=reporting_round, department=department, entries=entries,
                        submit=submit)


@transaction.atomic
def report_item_return(*, actor: Any, slot: ReportSlot, comment: str) -> Report:
    """Returns one handed-in item (not the department's whole report) with the office's comment on it; the
    returned version stays as it is and the correction will be a new version."""
    reporting_round = slot.round
    require_run_round(actor, reporting_round)
    _require_open(reporting_round)
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
    report.returned_comment = comment[:500]
    report.returned_at = timezone.now()
    attribute_change(report, actor=actor, reason=f"退回 “{slot.label}”: {comment[:100]}")
    report.save()
    return report
