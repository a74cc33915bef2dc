"""Pages of reporting rounds: the list, opening, the round's page, closing, settings, reopening and 催报."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.listing import paginate
from blueledger.core.permissions import can_dispatch, require
from blueledger.core.reminders import ReminderKind, ReminderOutcome
from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.forms import ReopenForm, RoundOpenForm, RoundSettingsForm
from blueledger.dispatch.permissions import can_run_round
from blueledger.dispatch.selectors import rounds as round_selectors
from blueledger.dispatch.selectors.figures import fill_once_counts
from blueledger.dispatch.selectors.reminders import last_reminders, reminder_rows
from blueledger.dispatch.services import rounds as round_services
from blueledger.dispatch.services.reminders import reminder_send
from blueledger.dispatch.views.common import department_of, dispatch_ledgers, round_for_office, round_of
from blueledger.dispatch.views.instructions import instructions_context


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    form = RoundOpenForm(ledgers=dispatch_ledgers(request.user)) if can_dispatch(request.user) else None
    return _round_list_page(request, form)


ROUNDS_PER_PAGE = 50


def _round_list_page(request: HttpRequest, form: RoundOpenForm | None, *, status: int = 200) -> HttpResponse:
    page, query = paginate(request, round_selectors.round_list(user=request.user), per_page=ROUNDS_PER_PAGE)
    context = {"rows": round_selectors.round_rows(page), "page": page, "query": query, "form": form}
    return render(request, "dispatch/round_list.html", context, status=status)


@login_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    require(can_dispatch(request.user))
    form = RoundOpenForm(request.POST, ledgers=dispatch_ledgers(request.user))
    if form.is_valid():
        try:
            reporting_round = round_services.round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已发起“{reporting_round.title}”, 共 {reporting_round.slots.count()} 个填报项。")
            return redirect("dispatch:round_detail", pk=reporting_round.pk)
    return _round_list_page(request, form, status=400)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    can_run = can_run_round(request.user, reporting_round)
    weights = reporting_round.hardness_weights
    context = {
        "round": reporting_round,
        "can_run": can_run,
        "reminders": reminder_rows(reporting_round),
        "last_reminders": last_reminders(reporting_round),
        "fill_once": fill_once_counts(reporting_round),
        "own_department": request.user.department if request.user.department_id else None,  # type: ignore[union-attr]
        "corrections": round_selectors.round_corrections(reporting_round),
        "reopen_form": ReopenForm() if request.user.is_admin and reporting_round.status == RoundStatus.CLOSED  # type: ignore[union-attr]
        else None,
        "settings_form": RoundSettingsForm(initial={
            "binding": weights.get("binding"), "strive": weights.get("strive"), "try_": weights.get("try"),
            "none": weights.get("none"), "tolerance_share": reporting_round.tolerance_share,
            "severe_lag_points": reporting_round.severe_lag_points,
        }) if can_run else None,
        **instructions_context(request, reporting_round=reporting_round),
    }
    return render(request, "dispatch/round_detail.html", context)


@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """截止本轮 is irreversible: GET shows what closing will do and asks to confirm; only a POST carrying the
    confirmation closes the round."""
    reporting_round = round_for_office(request, pk)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        if request.method == "POST":
            messages.error(request, "请确认后再截止本轮。")
            return redirect("dispatch:round_close", pk=pk)
        rows = reminder_rows(reporting_round)
        context = {"round": reporting_round, "can_run": True, "missing_rows": [r for r in rows if r.missing],
                   "submitted": sum(r.handed_in for r in rows), "total": sum(r.total for r in rows)}
        return render(request, "dispatch/round_close_confirm.html", context)
    try:
        round_services.round_close(actor=request.user, reporting_round=reporting_round)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"“{reporting_round.title}”已截止。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
@require_POST
def round_settings(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = round_for_office(request, pk)
    form = RoundSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "权重设置有误: " + "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("dispatch:round_detail", pk=pk)
    data = form.cleaned_data
    try:
        round_services.round_settings_update(
            actor=request.user, reporting_round=reporting_round,
            hardness_weights={"binding": data["binding"], "strive": data["strive"], "try": data["try_"],
                              "none": data["none"]},
            tolerance_share=data["tolerance_share"], severe_lag_points=data["severe_lag_points"],
            correction_reason=data["correction_reason"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "已保存计分权重和阈值。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
@require_POST
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user.is_admin, "只有系统管理员可以重新开放已截止的轮次。")  # type: ignore[union-attr]
    reporting_round = round_of(request, pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("重新开放已截止的轮次须填写理由。")
        round_services.round_reopen(actor=request.user, reporting_round=reporting_round,
                                    reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已重新开放“{reporting_round.title}”。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
@require_POST
def department_remind(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    """催报 one department now (site notification, e-mail, the configured sender); once a day per department."""
    reporting_round = round_for_office(request, pk)
    department = department_of(request, reporting_round, department_pk)
    try:
        logs = reminder_send(actor=request.user, reporting_round=reporting_round, department=department,
                             kind=ReminderKind.MANUAL)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if not logs:
            messages.info(request, f"今天已向{department}催报过, 未重复发送。")
        elif all(log.outcome == ReminderOutcome.NO_RECIPIENT for log in logs):
            messages.error(request, f"{department}没有填报员账号, 催报已记录但无人接收。")
        else:
            people = len({log.recipient_id for log in logs})
            messages.success(request, f"已向{department}的 {people} 位填报员催报。")
    return redirect(reverse("dispatch:round_detail", args=[pk]) + "#reminders")
