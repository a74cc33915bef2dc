from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, require
from blueledger.dispatch import bulletin_facts, exports, selectors, services
from blueledger.dispatch.bulletin import ChartFontMissing
from blueledger.dispatch.choices import ReconciliationVerdict, ReminderKind, ReminderOutcome, RoundStatus, TaskState
from blueledger.dispatch.forms import (
    AnswerForm,
    AttachmentForm,
    CommentForm,
    ObjectionForm,
    RegistryBindingForm,
    ReopenForm,
    RoundOpenForm,
    RoundSettingsForm,
    SummaryUploadForm,
    UploadForm,
)
from blueledger.dispatch.imports import ImportRejected, parse_number, report_template_import
from blueledger.dispatch.models import (
    ReportingRound,
    ReportSlot,
)
from blueledger.dispatch.permissions import can_report_for, can_run_round, can_see_department
from blueledger.dispatch.progress import ATTENTION_ORDER, Status
from blueledger.ledgers import selectors as ledger_selectors
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.services import document_import
from blueledger.lib.numbers import rounded_float
from blueledger.orgs.models import Department
from blueledger.projects.presentation import figure_cells, rate_number
from blueledger.projects.selectors import registry_filter_choices
from blueledger.users.choices import Role

STATUS_CSS = {
    Status.COMPLETED: "ok", Status.ON_SCHEDULE: "ok", Status.LAGGING: "pending", Status.SEVERELY_LAGGING: "bad",
    Status.OVERDUE: "bad", Status.NOT_REPORTED: "",
}


def _dispatch_ledgers(user: Any) -> Any:
    return ledger_selectors.ledger_list_published(user=user)


def _round(request: HttpRequest, pk: int) -> ReportingRound:
    return selectors.round_get(user=request.user, pk=pk)


def _round_for_office(request: HttpRequest, pk: int) -> ReportingRound:
    require(can_dispatch(request.user))  # refused by role before any lookup, so ids cannot be probed
    reporting_round = _round(request, pk)
    require(can_run_round(request.user, reporting_round), "只有本辖区的调度员可以执行此操作。")
    return reporting_round


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    form = RoundOpenForm(ledgers=_dispatch_ledgers(request.user)) if can_dispatch(request.user) else None
    return _round_list_page(request, form)


ROUNDS_PER_PAGE = 50


def _round_list_page(request: HttpRequest, form: RoundOpenForm | None, *, status: int = 200) -> HttpResponse:
    page = Paginator(selectors.round_list(user=request.user), ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"rows": selectors.round_rows(page), "page": page, "form": form}
    return render(request, "dispatch/round_list.html", context, status=status)


@login_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    require(can_dispatch(request.user))
    form = RoundOpenForm(request.POST, ledgers=_dispatch_ledgers(request.user))
    if form.is_valid():
        try:
            reporting_round = services.round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已发起“{reporting_round.title}”, 共 {reporting_round.slots.count()} 个填报项。")
            return redirect("dispatch:round_detail", pk=reporting_round.pk)
    return _round_list_page(request, form, status=400)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    can_run = can_run_round(request.user, reporting_round)
    weights = reporting_round.hardness_weights
    context = {
        "round": reporting_round,
        "can_run": can_run,
        "reminders": selectors.reminder_rows(reporting_round),
        "last_reminders": selectors.last_reminders(reporting_round),
        "fill_once": selectors.fill_once_counts(reporting_round),
        "own_department": request.user.department if request.user.department_id else None,  # type: ignore[union-attr]
        "corrections": selectors.round_corrections(reporting_round),
        "reopen_form": ReopenForm() if request.user.is_admin and reporting_round.status == RoundStatus.CLOSED  # type: ignore[union-attr]
        else None,
        "settings_form": RoundSettingsForm(initial={
            "binding": weights.get("binding"), "strive": weights.get("strive"), "try_": weights.get("try"),
            "none": weights.get("none"), "tolerance_share": reporting_round.tolerance_share,
            "severe_lag_points": reporting_round.severe_lag_points,
        }) if can_run else None,
    }
    return render(request, "dispatch/round_detail.html", context)


@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """截止本轮 is irreversible: GET shows what closing will do and asks to confirm; only a POST carrying the
    confirmation closes the round."""
    reporting_round = _round_for_office(request, pk)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        if request.method == "POST":
            messages.error(request, "请确认后再截止本轮。")
            return redirect("dispatch:round_close", pk=pk)
        rows = selectors.reminder_rows(reporting_round)
        context = {"round": reporting_round, "can_run": True, "missing_rows": [r for r in rows if r.missing],
                   "submitted": sum(r.handed_in for r in rows), "total": sum(r.total for r in rows)}
        return render(request, "dispatch/round_close_confirm.html", context)
    try:
        services.round_close(actor=request.user, reporting_round=reporting_round)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"“{reporting_round.title}”已截止。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
@require_POST
def registry_fill(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round_for_office(request, pk)
    try:
        written = services.registry_values_fill(actor=request.user, reporting_round=reporting_round)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"已从重点项目库更新 {written} 项取数。" if written else "重点项目库数字没有变化。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
def registry_targets(request: HttpRequest, ledger_pk: int) -> HttpResponse:
    """The targets of a published ledger and where each is read from: typed by departments, or the registry."""
    require(can_dispatch(request.user))
    ledger = ledger_selectors.ledger_get(user=request.user, pk=ledger_pk)
    require(can_dispatch_in_region(request.user, ledger.region), "只有本辖区的调度员可以设置取数。")
    context = {"ledger": ledger, "rows": selectors.registry_target_rows(ledger),
               "published": ledger.status == LedgerStatus.PUBLISHED}
    return render(request, "dispatch/registry_targets.html", context)


@login_required
def registry_binding(request: HttpRequest, quantity_pk: int) -> HttpResponse:
    """Binds one target to a registry query (or unbinds it), with a preview of what it would read."""
    require(can_dispatch(request.user))
    quantity = ledger_selectors.quantity_get(user=request.user, pk=quantity_pk)
    ledger = quantity.ledger
    require(can_dispatch_in_region(request.user, ledger.region), "只有本辖区的调度员可以设置取数。")
    binding = selectors.registry_binding_of(quantity)
    districts, tracks = registry_filter_choices(ledger.region)
    if request.method == "POST" and request.POST.get("action") == "remove" and binding is not None:
        services.registry_binding_remove(actor=request.user, binding=binding)
        messages.success(request, f"“{quantity.metric}”改为由责任单位填报。")
        return redirect("dispatch:registry_targets", ledger_pk=ledger.pk)
    indicator, filters = selectors.registry_query_of(quantity, binding)
    form = RegistryBindingForm(request.POST or None, initial={"indicator": indicator, **filters}, districts=districts,
                               tracks=tracks)
    if request.method == "POST" and form.is_valid():
        try:
            services.registry_binding_set(actor=request.user, quantity=quantity,
                                          indicator=form.cleaned_data["indicator"], filters=form.filters())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{quantity.metric}”今后从重点项目库取数。")
            return redirect("dispatch:registry_targets", ledger_pk=ledger.pk)
    if form.is_bound and form.is_valid():
        indicator, filters = form.cleaned_data["indicator"], form.filters()
    as_of = selectors.registry_preview_month(ledger)
    preview = selectors.registry_preview(ledger.region, indicator, filters, as_of) if indicator else None
    context = {"quantity": quantity, "ledger": ledger, "form": form, "binding": binding, "preview": preview,
               "as_of": as_of}
    return render(request, "dispatch/registry_binding.html", context)


@login_required
@require_POST
def round_settings(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round_for_office(request, pk)
    form = RoundSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "权重设置有误: " + "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("dispatch:round_detail", pk=pk)
    data = form.cleaned_data
    try:
        services.round_settings_update(
            actor=request.user, reporting_round=reporting_round,
            hardness_weights={"binding": data["binding"], "strive": data["strive"], "try": data["try_"],
                              "none": data["none"]},
            tolerance_share=data["tolerance_share"], severe_lag_points=data["severe_lag_points"],
            correction_reason=data["correction_reason"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, "已保存计分权重和阈值。")
    return redirect("dispatch:round_detail", pk=pk)


@login_required
@require_POST
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user.is_admin, "只有系统管理员可以重新开放已截止的轮次。")  # type: ignore[union-attr]
    reporting_round = _round(request, pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("重新开放已截止的轮次须填写理由。")
        services.round_reopen(actor=request.user, reporting_round=reporting_round, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"已重新开放“{reporting_round.title}”。")
    return redirect("dispatch:round_detail", pk=pk)


def _department(request: HttpRequest, reporting_round: ReportingRound, department_pk: int) -> Department:
    return selectors.slot_get_for_user(user=request.user, reporting_round=reporting_round,
                                       department_pk=department_pk)


def _department_page(request: HttpRequest, reporting_round: ReportingRound, department: Department,
                     *, errors: list[str] | None = None, posted: dict[str, str] | None = None,
                     status: int = 200) -> HttpResponse:
    rows = selectors.department_slots(reporting_round, department)
    editable = reporting_round.status == RoundStatus.OPEN and can_report_for(request.user, department)
    context = {
        "round": reporting_round,
        "department": department,
        "rows": rows,
        "editable": editable,
        "any_open": editable and any(not row.locked for row in rows),
        "any_handed_in": any(row.locked for row in rows),
        "can_run": can_run_round(request.user, reporting_round),
        "errors": errors or [],
        "posted": posted or {},
        "upload_form": UploadForm(),
        "attachment_form": AttachmentForm(),
        "return_form": CommentForm(),
        "attachments": reporting_round.attachments.filter(department=department, slot__isnull=True),
        "task_states": TaskState.choices,
        "evidence_accept": ",".join(services.EVIDENCE_TYPES),
        "evidence_limit_mb": settings.EVIDENCE_LIMIT_MB,
        "returned_comment": next((r.latest.returned_comment for r in rows
                                  if r.latest is not None and r.latest.returned_comment), ""),
    }
    return render(request, "dispatch/department_report.html", context, status=status)


@login_required
def department_report(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    department = _department(request, reporting_round, department_pk)
    if request.method != "POST":
        return _department_page(request, reporting_round, department)
    require(can_report_for(request.user, department), "只能填报本单位的事项。")
    entries: dict[int, services.ReportEntry] = {}
    evidence: dict[int, list[Any]] = {}
    errors: list[str] = []
    for row in selectors.department_slots(reporting_round, department):
        slot = row.slot
        uploads = request.FILES.getlist(f"evidence_{slot.pk}") + request.FILES.getlist(f"photo_{slot.pk}")
        if uploads and not row.locked:
            evidence[slot.pk] = uploads
        # A posted entry for a locked slot goes on too, so that the service refuses it aloud.
        if slot.is_task and row.progress_key in request.POST:
            entries[slot.pk] = services.ReportEntry(
                value=None,
                progress=request.POST.get(row.progress_key, ""),
                problems=request.POST.get(row.problems_key, ""),
                next_steps=request.POST.get(row.next_steps_key, ""),
                task_state=request.POST.get(row.task_state_key, ""),
            )
            continue
        if f"value_{slot.pk}" not in request.POST:
            continue
        raw = request.POST.get(f"value_{slot.pk}", "")
        try:
            value = parse_number(raw)
        except ValueError as error:
            reason = getattr(error, "message", "应为数字")
            errors.append(f"“{slot.quantity.metric}”累计完成值: {reason}, 实为“{raw[:50]}”")
            continue
        entries[slot.pk] = services.ReportEntry(
            value=value,
            progress=request.POST.get(f"progress_{slot.pk}", ""),
            problems=request.POST.get(f"problems_{slot.pk}", ""),
            next_steps=request.POST.get(f"next_steps_{slot.pk}", ""),
        )
    submit = request.POST.get("action") == "submit"
    if not errors:
        try:
            services.report_form_save(actor=request.user, reporting_round=reporting_round, department=department,
                                      entries=entries, submit=submit, evidence=evidence)
        except ValidationError as error:
            errors = list(error.messages)
    if errors:
        return _department_page(request, reporting_round, department, errors=errors, posted=dict(request.POST.items()),
                                status=400)
    messages.success(request, "已报送, 报送内容已锁定。" if submit else "已保存草稿。")
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


@login_required
def template_download(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    department = _department(request, reporting_round, department_pk)
    response = HttpResponse(
        exports.report_template(reporting_round, department),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return _attachment(response, f"填报模板-{reporting_round.pk}-{department.pk}.xlsx")


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
@require_POST
def template_upload(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    department = _department(request, reporting_round, department_pk)
    require(can_report_for(request.user, department), "只能填报本单位的事项。")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = form.errors.get("file") if "file" in request.FILES else None
        return _department_page(request, reporting_round, department, errors=errors or ["请选择要上传的文件。"],
                                status=400)
    upload = form.cleaned_data["file"]
    try:
        summary = report_template_import(actor=request.user, reporting_round=reporting_round, department=department,
                                         data=upload.read(), filename=upload.name)
    except ImportRejected as rejected:
        return _department_page(request, reporting_round, department, errors=rejected.problems, status=400)
    messages.success(request, f"已导入 {summary.rows} 行, 保存为草稿。请核对后报送。")
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    department = _department(request, reporting_round, department_pk)
    require(can_report_for(request.user, department), "只能填报本单位的事项。")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, reporting_round=reporting_round, department=department,
                                    upload=form.cleaned_data["file"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "已上传附件。")
    else:
        messages.error(request, "; ".join(form.errors.get("file") or ["请选择要上传的文件。"]))
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


@login_required
@require_POST
def department_return(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = _round_for_office(request, pk)
    department = _department(request, reporting_round, department_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "退回时请填写退回意见。")
        return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)
    try:
        services.reports_return(actor=request.user, reporting_round=reporting_round, department=department,
                                comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"已退回{department}的报送。")
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


def _chart_data(board: selectors.Dashboard) -> dict[str, Any]:
    def share(value: Decimal | None) -> float | None:
        return None if value is None else rounded_float(value * 100, 1)

    return {
        "sections": [{"name": k, "value": share(v.mean_completion)} for k, v in board.sections.items()],
        "departments": [{"name": k, "value": share(v.mean_completion)} for k, v in board.departments.items()],
        "status": [{"name": str(s), "value": board.overall.counts[s]} for s in ATTENTION_ORDER],
        "trend": {"labels": [t[0] for t in board.trend], "completion": [share(t[1]) for t in board.trend],
                  "elapsed": [share(t[2]) for t in board.trend]},
        "elapsed": share(board.data.elapsed),
        "sectionTasks": {k: [{"name": label, "value": share(board.tasks[label].mean_completion),
                              "id": board.task_ids[label]} for label in labels]
                         for k, labels in board.section_tasks.items()},
    }


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    board = selectors.dashboard(reporting_round)
    qualitative = selectors.qualitative_rows(reporting_round)
    context = {
        "round": reporting_round,
        "board": board,
        "statuses": ATTENTION_ORDER,
        "status_css": {str(k): v for k, v in STATUS_CSS.items()},
        "chart_data": _chart_data(board),
        "can_run": can_run_round(request.user, reporting_round),
        "supervision": selectors.supervision(board.data),
        "supervision_legend": selectors.supervision_legend(reporting_round),
        "qualitative": qualitative,
        "qualitative_counts": selectors.qualitative_counts(qualitative),
    }
    return render(request, "dispatch/dashboard.html", context)


@login_required
def dashboard_projects(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard's 重点项目 part, loaded after the page: the same figures and links as the registry's
    indicator page, for the ledger's region at the round's month."""
    reporting_round = _round(request, pk)
    section = selectors.dashboard_projects(reporting_round)
    if section is None:
        return HttpResponse("")
    as_of = datetime.date(section.year, section.month, 1)
    region = reporting_round.ledger.region
    projects = {
        "section": section,
        "overall": figure_cells(section.overall, as_of, {"region": region.code}),
        "district_rows": [figure_cells(f, as_of, {"region": f.key}) for f in section.by_district],
        "track_rows": [figure_cells(f, as_of, {"region": region.code, "track": f.key}) for f in section.by_track],
        "indicators_url": f"{reverse('projects:indicators')}?region={region.code}&as_of={as_of:%Y-%m}",
        "chart": {
            "districts": [
                {"name": f.label, "value": rate_number(f.annual_completion_rate)} for f in section.by_district
            ],
            "schedule": rate_number(section.overall.schedule_rate),
        },
    }
    return render(request, "dispatch/_projects_part.html", {"projects": projects})


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    by = "district" if request.GET.get("by") == "district" else "department"
    data = selectors.round_results(reporting_round)
    rows = selectors.rank_results(data, by=by, previous=selectors.previous_ranks(reporting_round, by=by))
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
        "objections": selectors.objection_list(reporting_round),
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
    reporting_round = _round(request, pk)
    department = request.user.department  # type: ignore[union-attr]
    require(department is not None and can_report_for(request.user, department), "只能以本单位名义提出异议。")
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_file(actor=request.user, reporting_round=reporting_round, department=department,
                                    text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "已提出异议, 调度办将答复。")
    return redirect("dispatch:ranking", pk=pk)


@login_required
@require_POST
def objection_answer(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    reporting_round = _round_for_office(request, pk)
    objection = selectors.objection_get(reporting_round=reporting_round, pk=objection_pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.objection_answer(actor=request.user, objection=objection, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "已答复异议。")
    return redirect("dispatch:ranking", pk=pk)


@login_required
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round_for_office(request, pk)
    try:
        docx = bulletin_facts.bulletin_docx(reporting_round)
    except ChartFontMissing as missing:
        messages.error(request, f"无法生成调度通报: {missing}。")
        return redirect("dispatch:round_detail", pk=pk)
    response = HttpResponse(
        docx,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return _attachment(response, bulletin_facts.bulletin_filename(reporting_round))


@login_required
def task_history(request: HttpRequest, task_pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=task_pk)
    reports = selectors.task_report_history(task)
    reports = [r for r in reports if can_see_department(request.user, r.slot.round, r.slot.department)]
    return render(request, "dispatch/task_history.html", {"task": task, "reports": reports})


# --- year-end reconciliation ---------------------------------------------------------------------


@login_required
def reconciliation_list(request: HttpRequest) -> HttpResponse:
    items = selectors.reconciliation_list(user=request.user)
    form = SummaryUploadForm(ledgers=_dispatch_ledgers(request.user)) if can_dispatch(request.user) else None
    if request.method == "POST":
        require(can_dispatch(request.user))
        form = SummaryUploadForm(request.POST, request.FILES, ledgers=_dispatch_ledgers(request.user))
        if form.is_valid():
            plan = form.cleaned_data["plan"]
            upload = form.cleaned_data["file"]
            try:
                document = document_import(actor=request.user, data=upload.read(), filename=upload.name,
                                           region=plan.region)
                reconciliation = services.reconciliation_create(actor=request.user, plan=plan,
                                                                summary=document.ledger)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("dispatch:reconciliation_detail", pk=reconciliation.pk)
    return render(request, "dispatch/reconciliation_list.html", {"items": items, "form": form})


@login_required
def reconciliation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reconciliation = selectors.reconciliation_get(user=request.user, pk=pk)
    rows = selectors.reconciliation_rows(reconciliation)
    return render(request, "dispatch/reconciliation_detail.html", {
        "reconciliation": reconciliation, "rows": rows, "verdicts": ReconciliationVerdict.choices,
        "can_run": can_dispatch(request.user),
    })


@login_required
@require_POST
def reconciliation_confirm(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    row = selectors.reconciliation_row_get(user=request.user, pk=pk, row_pk=row_pk)
    try:
        services.reconciliation_row_confirm(actor=request.user, row=row, verdict=request.POST.get("verdict", ""),
                                            note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("dispatch:reconciliation_detail", pk=pk)


@login_required
@require_POST
def department_remind(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    """催报 one department now (site notification, e-mail, the configured sender); once a day per department."""
    reporting_round = _round_for_office(request, pk)
    department = _department(request, reporting_round, department_pk)
    try:
        logs = services.reminder_send(actor=request.user, reporting_round=reporting_round, department=department,
                                      kind=ReminderKind.MANUAL)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if not logs:
            messages.info(request, f"今天已向{department}催报过, 未重复发送。")
        elif all(log.outcome == ReminderOutcome.NO_RECIPIENT for log in logs):
            messages.error(request, f"{department}没有填报员账号, 催报已记录但无人接收。")
        else:
            people = len({log.recipient_id for log in logs})
            messages.success(request, f"已向{department}的 {people} 位填报员催报。")
    return redirect(reverse("dispatch:round_detail", args=[pk]) + "#reminders")


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, for those who may see its department's report (images open inline, others download)."""
    attachment = selectors.evidence_get(user=request.user, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=not attachment.is_image,
                        filename=attachment.filename, content_type=attachment.content_type or None)


@login_required
def evidence_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.evidence_get(user=request.user, pk=pk)
    if not attachment.thumbnail:
        raise Http404("该附件没有缩略图。")
    return FileResponse(attachment.thumbnail.open("rb"), content_type="image/jpeg")


def _xlsx(content: bytes, filename: str, fallback: str) -> HttpResponse:
    """An .xlsx download named in Chinese (RFC 5987 filename*), with an ASCII name for old clients."""
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def round_reports_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every department's reports of the round; not for reporters, who see only their own department's."""
    reporting_round = _round(request, pk)
    require(request.user.role != Role.REPORTER or request.user.is_admin,  # type: ignore[union-attr]
            "填报员只能查看本单位的报送。")
    return _xlsx(exports.round_reports_xlsx(reporting_round), exports.export_filename(reporting_round, "报送明细"),
                 f"round-{reporting_round.pk}-reports.xlsx")


@login_required
def ranking_export(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    by = "district" if request.GET.get("by") == "district" else "department"
    what = "区县排名及得分明细" if by == "district" else "单位排名及得分明细"
    return _xlsx(exports.ranking_xlsx(reporting_round, by=by), exports.export_filename(reporting_round, what),
                 f"round-{reporting_round.pk}-ranking.xlsx")


@login_required
def dashboard_export(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = _round(request, pk)
    return _xlsx(exports.dashboard_xlsx(reporting_round), exports.export_filename(reporting_round, "调度看板"),
                 f"round-{reporting_round.pk}-dashboard.xlsx")


@login_required
@require_POST
def item_return(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    """退回 one item of a department's report with a comment on it."""
    reporting_round = _round_for_office(request, pk)
    slot = get_object_or_404(ReportSlot.objects.select_related("round__ledger__region", "quantity", "task"),
                             pk=slot_pk, round=reporting_round)
    try:
        services.report_item_return(actor=request.user, slot=slot, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"已退回“{slot.label}”。")
    return redirect("dispatch:department_report", pk=pk, department_pk=slot.department_id)
