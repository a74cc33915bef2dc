"""Leaders' 批示 on the pages of their subjects: written by a 领导 on a task, a department's report or a round's
bulletin; marked 已落实 by the department concerned or the dispatch office."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import can_instruct, require, scoped
from blueledger.dispatch.models import Instruction, ReportingRound
from blueledger.dispatch.selectors.departments import task_get
from blueledger.dispatch.selectors.instructions import instruction_url, instructions_on
from blueledger.dispatch.services.instructions import can_implement, instruction_implement, instruction_write
from blueledger.dispatch.views.common import department_of, round_of
from blueledger.ledgers.models import LedgerTask
from blueledger.orgs.models import Department


def instructions_context(request: HttpRequest, *, reporting_round: ReportingRound | None = None,
                         department: Department | None = None, task: LedgerTask | None = None) -> dict[str, Any]:
    """What `dispatch/_instructions.html` shows on a subject's page: its 批示 with who may answer each, and the
    form for a 领导 of its region."""
    ledger = task.ledger if task is not None else reporting_round.ledger  # type: ignore[union-attr]
    instructions = instructions_on(reporting_round=reporting_round, department=department, task=task)
    return {
        "instructions": [(item, can_implement(request.user, item)) for item in instructions],
        "can_instruct": can_instruct(request.user, ledger.region),
        "instruction_subject": {"round": reporting_round.pk if reporting_round else "",
                                "department": department.pk if department else "", "task": task.pk if task else ""},
    }


@login_required
@require_POST
def instruction_create(request: HttpRequest) -> HttpResponse:
    require(request.user.is_leader, "只有领导可以批示。")  # type: ignore[union-attr]
    try:
        if request.POST.get("task"):
            task = task_get(user=request.user, pk=int(request.POST["task"]))
            instruction = instruction_write(actor=request.user, text=request.POST.get("text", ""), task=task)
        else:
            reporting_round = round_of(request, int(request.POST.get("round") or 0))
            department = (department_of(request, reporting_round, int(request.POST["department"]))
                          if request.POST.get("department") else None)
            instruction = instruction_write(actor=request.user, text=request.POST.get("text", ""),
                                            reporting_round=reporting_round, department=department)
    except ValidationError as error:
        messages.error(request, f"批示未保存: {error_text(error)}")
        return redirect(request.POST.get("back") or "dispatch:round_list")
    messages.success(request, "已批示。")
    return redirect(instruction_url(instruction))


@login_required
@require_POST
def instruction_implemented(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = get_object_or_404(scoped(Instruction.objects.select_related("ledger__region"), request.user,
                                           "ledger__region"), pk=pk)
    try:
        instruction_implement(actor=request.user, instruction=instruction, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "已标记为已落实。")
    return redirect(instruction_url(instruction))
