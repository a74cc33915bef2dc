"""A department's report in a round: the form, the Excel template, attachments and evidence, returns, and a
task's report history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.attachments import attachment_response
from blueledger.core.downloads import XLSX_CONTENT_TYPE, download_response
from blueledger.core.editing import error_text
from blueledger.core.permissions import require
from blueledger.dispatch import exports
from blueledger.dispatch.choices import RoundStatus, TaskState
from blueledger.dispatch.forms import AttachmentForm, CommentForm, UploadForm
from blueledger.dispatch.imports import ImportRejected, parse_number, report_template_import
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.permissions import can_report_for, can_run_round, can_see_department
from blueledger.dispatch.selectors.departments import department_slots, evidence_get, task_get, task_report_history
from blueledger.dispatch.services.evidence import report_form_save
from blueledger.dispatch.services.reports import ReportEntry, attachment_add, report_item_return, reports_return
from blueledger.dispatch.views.common import department_of, round_for_office, round_of
from blueledger.dispatch.views.instructions import instructions_context
from blueledger.lib.attachments import ATTACHMENT_TYPES
from blueledger.lib.xlsx import value_excerpt
from blueledger.orgs.models import Department


def _department_page(request: HttpRequest, reporting_round: ReportingRound, department: Department,
                     *, errors: list[str] | None = None, posted: dict[str, str] | None = None,
                     status: int = 200) -> HttpResponse:
    rows = department_slots(reporting_round, department)
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
        "evidence_accept": ",".join(ATTACHMENT_TYPES),
        "evidence_limit_mb": settings.ATTACHMENT_LIMIT_MB,
        "returned_comment": next((r.latest.returned_comment for r in rows
                                  if r.latest is not None and r.latest.returned_comment), ""),
        **instructions_context(request, reporting_round=reporting_round, department=department),
    }
    return render(request, "dispatch/department_report.html", context, status=status)


@login_required
def department_report(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    department = department_of(request, reporting_round, department_pk)
    if request.method != "POST":
        return _department_page(request, reporting_round, department)
    require(can_report_for(request.user, department), "只能填报本单位的事项。")
    entries: dict[int, ReportEntry] = {}
    evidence: dict[int, list[Any]] = {}
    errors: list[str] = []
    for row in department_slots(reporting_round, department):
        slot = row.slot
        uploads = request.FILES.getlist(f"evidence_{slot.pk}") + request.FILES.getlist(f"photo_{slot.pk}")
        if uploads and not row.locked:
            evidence[slot.pk] = uploads
        # A posted entry for a locked slot goes on too, so that the service refuses it aloud.
        if slot.is_task and row.progress_key in request.POST:
            entries[slot.pk] = ReportEntry(
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
            errors.append(f"“{slot.quantity.metric}”累计完成值: {reason}, 实为“{value_excerpt(raw)}”")
            continue
        entries[slot.pk] = ReportEntry(
            value=value,
            progress=request.POST.get(f"progress_{slot.pk}", ""),
            problems=request.POST.get(f"problems_{slot.pk}", ""),
            next_steps=request.POST.get(f"next_steps_{slot.pk}", ""),
        )
    submit = request.POST.get("action") == "submit"
    if not errors:
        try:
            report_form_save(actor=request.user, reporting_round=reporting_round, department=department,
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
    reporting_round = round_of(request, pk)
    department = department_of(request, reporting_round, department_pk)
    return download_response(exports.report_template(reporting_round, department),
                             f"填报模板-{reporting_round.pk}-{department.pk}.xlsx", XLSX_CONTENT_TYPE)


@login_required
@require_POST
def template_upload(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = round_of(request, pk)
    department = department_of(request, reporting_round, department_pk)
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
    reporting_round = round_of(request, pk)
    department = department_of(request, reporting_round, department_pk)
    require(can_report_for(request.user, department), "只能填报本单位的事项。")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(actor=request.user, reporting_round=reporting_round, department=department,
                           upload=form.cleaned_data["file"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "已上传附件。")
    else:
        messages.error(request, "; ".join(form.errors.get("file") or ["请选择要上传的文件。"]))
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


@login_required
@require_POST
def department_return(request: HttpRequest, pk: int, department_pk: int) -> HttpResponse:
    reporting_round = round_for_office(request, pk)
    department = department_of(request, reporting_round, department_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "退回时请填写退回意见。")
        return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)
    try:
        reports_return(actor=request.user, reporting_round=reporting_round, department=department,
                       comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已退回{department}的报送。")
    return redirect("dispatch:department_report", pk=pk, department_pk=department_pk)


@login_required
def task_history(request: HttpRequest, task_pk: int) -> HttpResponse:
    task = task_get(user=request.user, pk=task_pk)
    reports = task_report_history(task)
    reports = [r for r in reports if can_see_department(request.user, r.slot.round, r.slot.department)]
    return render(request, "dispatch/task_history.html",
                  {"task": task, "reports": reports, **instructions_context(request, task=task)})


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, for those who may see its department's report (images open inline, others download)."""
    return attachment_response(evidence_get(user=request.user, pk=pk))


@login_required
def evidence_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    return attachment_response(evidence_get(user=request.user, pk=pk), thumbnail=True)


@login_required
@require_POST
def item_return(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    """退回 one item of a department's report with a comment on it."""
    reporting_round = round_for_office(request, pk)
    slot = get_object_or_404(ReportSlot.objects.select_related("round__ledger__region", "quantity", "task"),
                             pk=slot_pk, round=reporting_round)
    try:
        report_item_return(actor=request.user, slot=slot, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已退回“{slot.label}”。")
    return redirect("dispatch:department_report", pk=pk, department_pk=slot.department_id)
