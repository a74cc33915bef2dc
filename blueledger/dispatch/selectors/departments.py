"""Department pages: a department's slots with their versions and evidence, evidence downloads, a task's
report history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404

from blueledger.core.permissions import get_scoped_or_404
from blueledger.dispatch.choices import HANDED_IN
from blueledger.dispatch.models import Report, ReportAttachment, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import can_see_department
from blueledger.dispatch.selectors.rounds import round_get
from blueledger.ledgers.models import LedgerTask
from blueledger.orgs.models import Department


@dataclass(frozen=True, slots=True)
class DepartmentSlot:
    slot: ReportSlot
    latest: Report | None
    versions: tuple[Report, ...]
    registry_bound: bool = False  # filled by the platform from the key-project registry
    evidence: tuple[ReportAttachment, ...] = ()

    @property
    def locked(self) -> bool:
        return self.registry_bound or (self.latest is not None and self.latest.status in HANDED_IN)

    @property
    def value_key(self) -> str:
        return f"value_{self.slot.pk}"

    @property
    def progress_key(self) -> str:
        return f"progress_{self.slot.pk}"

    @property
    def problems_key(self) -> str:
        return f"problems_{self.slot.pk}"

    @property
    def next_steps_key(self) -> str:
        return f"next_steps_{self.slot.pk}"

    @property
    def task_state_key(self) -> str:
        return f"task_state_{self.slot.pk}"


def department_slots(reporting_round: ReportingRound, department: Department) -> list[DepartmentSlot]:
    slots = list(
        ReportSlot.objects.filter(round=reporting_round, department=department)
        .select_related("quantity__task", "quantity__registry_binding", "task")
        .order_by("position", "pk")
    )
    versions: dict[int, list[Report]] = defaultdict(list)
    for report in Report.objects.filter(slot__in=slots).select_related("submitted_by").order_by("version"):
        versions[report.slot_id].append(report)
    evidence: dict[int, list[ReportAttachment]] = defaultdict(list)
    for attachment in ReportAttachment.objects.filter(slot__in=slots).order_by("uploaded_at", "pk"):
        evidence[attachment.slot_id].append(attachment)  # type: ignore[index]
    return [
        DepartmentSlot(slot, versions[slot.pk][-1] if versions[slot.pk] else None, tuple(versions[slot.pk]),
                       registry_bound=hasattr(slot.quantity, "registry_binding"), evidence=tuple(evidence[slot.pk]))
        for slot in slots
    ]


def evidence_get(*, user: Any, pk: int) -> ReportAttachment:
    """An attachment the user may download: its round in the user's scope, and for a reporter only their own
    department's (else 404, so ids cannot be probed)."""
    attachment = ReportAttachment.objects.select_related("round__ledger__region", "department").filter(pk=pk).first()
    if attachment is None:
        raise Http404("没有找到该记录, 或您无权查看。")
    reporting_round = round_get(user=user, pk=attachment.round_id)
    if not can_see_department(user, reporting_round, attachment.department):
        raise Http404("没有找到该记录, 或您无权查看。")
    return attachment


def task_report_history(task: LedgerTask) -> list[Report]:
    """Every version of every report on the task's targets, across rounds, newest round first."""
    return list(
        Report.objects.filter(Q(slot__quantity__task=task) | Q(slot__task=task))
        .select_related("slot__round", "slot__department", "slot__quantity", "slot__task", "submitted_by")
        .order_by("-slot__round__period_end", "slot__department__short_name", "slot__quantity__position", "version")
    )


def task_get(*, user: Any, pk: int) -> LedgerTask:
    queryset = LedgerTask.objects.select_related("ledger__region", "parent")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def slot_get_for_user(*, user: Any, reporting_round: ReportingRound, department_pk: int) -> Department:
    """The department of the round the user may open; reporters only their own (else 404)."""
    department = Department.objects.filter(
        Q(pk=department_pk) & Q(pk__in=ReportSlot.objects.filter(round=reporting_round).values("department_id"))
    ).select_related("region").first()
    if department is None or not can_see_department(user, reporting_round, department):
        raise Http404("没有找到该记录, 或您无权查看。")
    return department
