"""Reads of leaders' 批示: those on one item (a task, a department's report, a round's bulletin), those a user
has to act on (for the desk), and those a bulletin prints (the ones on the round before it)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from blueledger.core.permissions import scoped
from blueledger.dispatch.choices import InstructionStatus, InstructionSubject
from blueledger.dispatch.models import Instruction, ReportingRound
from blueledger.ledgers.models import LedgerTask
from blueledger.orgs.models import Department


def _instructions() -> QuerySet[Instruction]:
    return Instruction.objects.select_related("author", "implemented_by", "department", "ledger__region")


def instructions_on(*, reporting_round: ReportingRound | None = None, department: Department | None = None,
                    task: LedgerTask | None = None) -> list[Instruction]:
    """The 批示 on one item, newest first: a task, a department's report in a round, or a round's bulletin."""
    if task is not None:
        return list(_instructions().filter(subject=InstructionSubject.TASK, task=task))
    if department is not None:
        return list(_instructions().filter(subject=InstructionSubject.REPORT, round=reporting_round,
                                           department=department))
    return list(_instructions().filter(subject=InstructionSubject.ROUND, round=reporting_round))


def instructions_for_bulletin(reporting_round: ReportingRound) -> list[Instruction]:
    """The 批示 on the bulletin of the ledger's round before this one, oldest first: this bulletin reports them
    under 领导批示, with whether each was carried out."""
    previous = (
        ReportingRound.objects.filter(ledger_id=reporting_round.ledger_id, period_end__lt=reporting_round.period_end)
        .order_by("-period_end", "-pk")
        .first()
    )
    if previous is None:
        return []
    return list(_instructions().filter(subject=InstructionSubject.ROUND, round=previous).order_by("written_at", "pk"))


def instructions_to_act_on(*, user: Any) -> list[Instruction]:
    """The pending 批示 the user answers for: a 填报员's department's; a dispatcher's or administrator's region's
    (the bulletin's, and every department's to follow up); a 领导's own, until carried out."""
    pending = _instructions().filter(status=InstructionStatus.PENDING)
    if user.is_leader:
        return list(pending.filter(author=user))
    if user.is_reporter:
        return list(pending.filter(department_id=user.department_id)) if user.department_id else []
    if user.is_admin or user.is_dispatcher:
        return list(scoped(pending, user, "ledger__region"))
    return []


def instruction_url(instruction: Instruction) -> str:
    """Where the 批示 is read and answered: the task's page, the department's report, or the round."""
    if instruction.subject == InstructionSubject.TASK:
        return reverse("dispatch:task_history", args=[instruction.task_id])
    if instruction.subject == InstructionSubject.REPORT:
        return reverse("dispatch:department_report", args=[instruction.round_id, instruction.department_id])
    return reverse("dispatch:round_detail", args=[instruction.round_id])


