"""Writes of leaders' 批示: written by a 领导 on a task, a department's report in a round, or a round's bulletin;
marked 已落实 with a note by the department concerned (the dispatch office for a bulletin)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change
from blueledger.core.permissions import can_dispatch_in_region, can_instruct, is_reporter_of, require
from blueledger.dispatch.choices import InstructionStatus, InstructionSubject
from blueledger.dispatch.models import Instruction, ReportingRound, ReportSlot
from blueledger.ledgers.models import LedgerTask
from blueledger.ledgers.selectors import task_departments
from blueledger.orgs.models import Department


def _text(value: str, label: str) -> str:
    text = value.strip().replace("\r\n", "\n")
    if not text:
        raise ValidationError(f"请填写{label}。")
    return fit_to_field(Instruction, "text", text)


@transaction.atomic
def instruction_write(*, actor: Any, text: str, reporting_round: ReportingRound | None = None,
                      department: Department | None = None, task: LedgerTask | None = None) -> Instruction:
    """A 批示 on `task`, on `department`'s report in `reporting_round`, or (round alone) on the round's bulletin,
    by a 领导 whose scope holds the ledger's region. A task's 批示 goes to its lead department (the first
    department that reports on it), if it has one."""
    if task is not None and reporting_round is None and department is None:
        subject, ledger = InstructionSubject.TASK, task.ledger
        leads = task_departments(list(ledger.tasks.all())).get(task.pk, [])
        lead_ids = [pk for pk, is_lead in leads if is_lead] or [pk for pk, _ in leads]
        department = Department.objects.get(pk=lead_ids[0]) if lead_ids else None
    elif reporting_round is not None and task is None:
        ledger = reporting_round.ledger
        subject = InstructionSubject.ROUND if department is None else InstructionSubject.REPORT
        if department is not None and not ReportSlot.objects.filter(round=reporting_round,
                                                                    department=department).exists():
            raise ValidationError(f"{department.short_name}不在本轮调度的报送单位中。")
    else:
        raise ValidationError("批示应针对一个事项、一个单位的报送或一期通报。")
    require(can_instruct(actor, ledger.region), "只有本辖区的领导可以批示。")
    instruction = Instruction(subject=subject, ledger=ledger, round=reporting_round, task=task,
                              department=department, text=_text(text, "批示内容"), author=actor,
                              written_at=timezone.now())
    attribute_change(instruction, actor=actor, reason="领导批示")
    instruction.save()
    return instruction


def can_implement(user: Any, instruction: Instruction) -> bool:
    """The department concerned (its 填报员) or the dispatch office of the ledger's region marks it 已落实."""
    if user is None or not user.is_authenticated:
        return False
    return is_reporter_of(user, instruction.department_id) or can_dispatch_in_region(user, instruction.ledger.region)


@transaction.atomic
def instruction_implement(*, actor: Any, instruction: Instruction, note: str) -> Instruction:
    """Marks a pending 批示 已落实 with what was done; the row is locked, so a second mark is refused."""
    locked = Instruction.objects.select_for_update().select_related("ledger__region").get(pk=instruction.pk)
    if not can_implement(actor, locked):
        raise PermissionDenied("只有落实单位或本辖区调度员可以填报批示落实情况。")
    if locked.status != InstructionStatus.PENDING:
        raise ValidationError("该批示已标记为已落实。")
    locked.implemented_note = fit_to_field(Instruction, "implemented_note", _text(note, "落实情况"))
    locked.status = InstructionStatus.IMPLEMENTED
    locked.implemented_by, locked.implemented_at = actor, timezone.now()
    attribute_change(locked, actor=actor, reason="批示已落实")
    locked.save()
    return locked
