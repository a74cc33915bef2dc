"""The ranking of a round and the objections to it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import require
from blueledger.dispatch.forms import AnswerForm, ObjectionForm
from blueledger.dispatch.permissions import can_report_for, can_run_round, can_see_department
from blueledger.dispatch.selectors.figures import previous_ranks, rank_results, round_results
from blueledger.dispatch.selectors.objections import objection_get, objection_list
from blueledger.dispatch.services import objections as objection_services
from blueledger.dispatch.views.common import round_for_office, round_of


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    by = "district" if request.GET.get("by") == "district" else "department"
    data = round_results(reporting_round)
    rows = rank_results(data, by=by, previous=previous_ranks(reporting_round, by=by))
    selected = request.GET.get("unit")
    detail = None
    if selected:
        row = next((r for r in rows if r.key == selected), None)
        if row is None:
            raise Http404("没有该单位的排名。")
        by_slot = {str(r.slot.pk): r for r in data.results}
        # Scores are the round's; what a department wrote is shown only to those who may see that department
        # (reporters: their own), the rule of the department pages and the API.
        detail = {
            "row": row,
            "items": [
                (c, by_slot[c.target_id],
                 can_see_department(request.user, reporting_round, by_slot[c.target_id].slot.department))
                for c in row.unit.contributions
            ],
        }
    own = request.user.department if request.user.department_id else None  # type: ignore[union-attr]
    context = {
        "round": reporting_round,
        "rows": rows,
        "by": by,
        "detail": detail,
        "objections": objection_list(reporting_round),
        "can_run": can_run_round(request.user, reporting_round),
        "can_object": own is not None and can_report_for(request.user, own)
        and any(r.key == str(own.pk) for r in rows) if by == "department" else False,
        "objection_form": ObjectionForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "dispatch/ranking.html", context)


@login_required
@require_POST
def objection_file(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    department = request.user.department  # type: ignore[union-attr]
    require(department is not None and can_report_for(request.user, department), "只能以本单位名义提出异议。")
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            objection_services.objection_file(actor=request.user, reporting_round=reporting_round,
                                              department=department, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "已提出异议, 调度办将答复。")
    return redirect("dispatch:ranking", pk=pk)


@login_required
@require_POST
def objection_answer(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    reporting_round = round_for_office(request, pk)
    objection = objection_get(reporting_round=reporting_round, pk=objection_pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            objection_services.objection_answer(actor=request.user, objection=objection,
                                                answer=form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "已答复异议。")
    return redirect("dispatch:ranking", pk=pk)
