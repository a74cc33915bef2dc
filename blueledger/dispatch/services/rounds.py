"""Writes of a reporting round: opening it (a slot per department and target, pre-filled from the
previous round), closing it and keeping its figures, its scoring settings and reopening it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.dispatch.choices import (
    CORRECTION_PREFIX,
    HANDED_IN,
    REOPEN_PREFIX,
    PeriodKind,
    PrefillSource,
    ReportStatus,
    RoundStatus,
)
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.dispatch.permissions import require_run_round
from blueledger.dispatch.selectors.figures import round_figures_compute
from blueledger.dispatch.services.locks import lock_round
from blueledger.dispatch.services.registry import registry_values_fill
from blueledger.dispatch.services.reports import latest_versions
from blueledger.ledgers.choices import LedgerStatus, QuantityRole
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.selectors import closed_items, task_departments


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
    cumulative value of the previous round (fill once). Items closed (办结/销号) before it opens get no slot."""
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
    quantities = list(
        ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False).order_by("position", "pk")
    )
    tasks_with_targets = {quantity.task_id for quantity in quantities}
    closed = closed_items(ledger)
    slots = []
    for quantity in quantities:
        if quantity.pk in closed.quantity_ids:
            continue
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
    open_tasks = [task for task in tasks if task.pk not in closed.task_ids]
    slots.extend(_task_slots(reporting_round, tasks, open_tasks, departments_of, tasks_with_targets, len(slots)))
    if not slots:
        if closed.task_ids or closed.quantity_ids:
            raise ValidationError("该台账尚未办结的目标和任务都没有分配到部门 (或已全部办结), 无法发起调度。")
        raise ValidationError("该台账没有分配到部门的目标或任务, 无法发起调度。")
    ReportSlot.objects.bulk_create(slots)
    history_bulk_create(slots, actor=actor, reason="发起调度")
    registry_values_fill(actor=actor, reporting_round=reporting_round)
    return reporting_round


def _task_slots(reporting_round: ReportingRound, tasks: list[Any], open_tasks: list[Any],
                departments_of: Mapping[int, list[tuple[int, bool]]], tasks_with_targets: set[int | None],
                first_position: int) -> list[ReportSlot]:
    """A slot per department for every qualitative task of `open_tasks` (those not closed): a task with no
    target of its own and no sub-tasks (those report through their targets or their sub-tasks), reported as
    文字进展 + 完成状态 + evidence."""
    parents = {task.parent_id for task in tasks if task.parent_id}
    slots = []
    for task in sorted(open_tasks, key=lambda t: (t.position, t.pk)):
        if task.pk in parents or task.pk in tasks_with_targets:
            continue
        for department_id, is_lead in departments_of.get(task.pk, []):
            slots.append(ReportSlot(round=reporting_round, department_id=department_id, task=task, is_lead=is_lead,
                                    position=first_position + len(slots)))
    return slots


@transaction.atomic
def round_close(*, actor: Any, reporting_round: ReportingRound) -> ReportingRound:
    """Closes the round: no more reports; the handed-in reports are accepted as they stand."""
    require_run_round(actor, reporting_round)
    lock_round(reporting_round)
    if reporting_round.status != RoundStatus.OPEN:
        closed_at = timezone.localtime(reporting_round.closed_at) if reporting_round.closed_at else None
        when = f"已于{closed_at:%Y-%m-%d %H:%M:%S}" if closed_at else "已"
        raise ValidationError(f"本轮已截止: “{reporting_round.title}”{when}截止, 无需再次截止。")
    registry_values_fill(actor=actor, reporting_round=reporting_round)  # the registry's figure at closing
    for report in latest_versions(reporting_round, statuses=(ReportStatus.SUBMITTED,)):
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
    lock_round(reporting_round)
    correction_reason = " ".join(correction_reason.split())
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
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("重新开放已截止的轮次须填写理由。")
    lock_round(reporting_round)
    if reporting_round.status != RoundStatus.CLOSED:
        raise ValidationError(f"“{reporting_round.title}”未截止, 无需重新开放。")
    reporting_round.status = RoundStatus.OPEN
    reporting_round.closed_at = None
    reporting_round.closed_by = None
    attribute_change(reporting_round, actor=actor, reason=f"{REOPEN_PREFIX}: {reason}")
    reporting_round.save()
    return reporting_round
