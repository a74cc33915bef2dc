from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, can_remember_alias, require
from blueledger.documents.services import DocumentDuplicate, upload_limit_bytes
from blueledger.ledgers import selectors, services
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.forms import (
    AssignUnassignedForm,
    QuantityForm,
    ResolveForm,
    ResponsibilityForm,
    TaskForm,
    UploadForm,
)
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.orgs.selectors import regions_in_scope


def _upload_regions(user: Any) -> Any:
    return regions_in_scope(user=user)


def _list_page(request: HttpRequest, form: UploadForm | None, existing: Ledger | None = None) -> HttpResponse:
    context = {
        "ledgers": selectors.ledger_list(user=request.user),
        "form": form,
        "existing": existing,
        "upload_limit_mb": upload_limit_bytes() // (1024 * 1024),
    }
    return render(request, "ledgers/ledger_list.html", context)


@login_required
def ledger_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm(regions=_upload_regions(request.user)) if can_dispatch(request.user) else None
    if form is not None and request.user.department_id:  # type: ignore[union-attr]
        form.fields["region"].initial = request.user.department.region_id  # type: ignore[union-attr]
    return _list_page(request, form)


@login_required
@require_POST
def ledger_upload(request: HttpRequest) -> HttpResponse:
    require(can_dispatch(request.user))
    form = UploadForm(request.POST, request.FILES, regions=_upload_regions(request.user))
    existing = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = services.document_import(
                actor=request.user, data=upload.read(), filename=upload.name, region=form.cleaned_data["region"]
            )
        except DocumentDuplicate as duplicate:
            form.add_error(None, duplicate)
            existing = duplicate.existing.ledger
        except ValidationError as error:
            form.add_error(None, error)
        else:
            ledger = document.ledger
            messages.success(
                request,
                f"已导入“{document.original_filename}”: 任务 {ledger.tasks.count()} 项, "
                f"指标 {ledger.quantities.count()} 项。请核对后发布。",
            )
            for warning in document.warnings:
                messages.warning(request, warning)
            return redirect("ledgers:ledger_detail", pk=ledger.pk)
    return _list_page(request, form, existing)


@login_required
def ledger_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ledger = selectors.ledger_get(user=request.user, pk=pk)
    tab = request.GET.get("tab", "ledger")
    context: dict[str, Any] = {
        "ledger": ledger,
        "tab": tab,
        "can_edit": ledger.status == LedgerStatus.DRAFT and can_dispatch_in_region(request.user, ledger.region),
    }
    if tab == "history":
        context["history"], context["extracted_count"] = selectors.ledger_history(ledger)
        return render(request, "ledgers/ledger_history.html", context)
    tasks = selectors.ledger_tasks(ledger)
    context["tasks"] = tasks
    context["loose_quantities"] = selectors.ledger_loose_quantities(ledger)
    if ledger.status == LedgerStatus.PUBLISHED:
        context["can_dispatch_here"] = can_dispatch_in_region(request.user, ledger.region)
        return render(request, "ledgers/ledger_published.html", context)
    context["flagged_quantities"] = selectors.flagged_quantities(tasks, context["loose_quantities"])
    marks = selectors.text_marks(ledger, tasks)
    context["marked_text"] = selectors.marked_text(ledger.text, marks)
    context["unresolved"] = selectors.ledger_unresolved_names(tasks)
    if context["can_edit"]:
        departments = list(selectors.ledger_department_choices(ledger))
        context["departments"] = departments
        context["can_remember_alias"] = can_remember_alias(request.user, ledger.region)
        context["quantity_form"] = QuantityForm(ledger=ledger, prefix="new")
        context["unassigned"] = unassigned = selectors.unassigned_target_tasks(ledger)
        if unassigned:
            context["issuer_department"] = selectors.issuer_department(ledger)
    return render(request, "ledgers/ledger_review.html", context)


def _ledger_for_write(request: HttpRequest, pk: int) -> Ledger:
    require(can_dispatch(request.user))  # refused by role before any lookup, so ids cannot be probed
    return selectors.ledger_get(user=request.user, pk=pk)


def _quantity_for_write(request: HttpRequest, pk: int) -> LedgerQuantity:
    require(can_dispatch(request.user))
    return selectors.quantity_get(user=request.user, pk=pk)



@login_required
@require_POST
def ledger_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishes; when targets have no department (they would never be dispatched) it first shows them and
    publishes only on a confirmation."""
    ledger = _ledger_for_write(request, pk)
    unassigned = selectors.unassigned_target_tasks(ledger)
    if unassigned and request.POST.get("confirm_unassigned") != "1":
        return render(request, "ledgers/ledger_publish_confirm.html", {"ledger": ledger, "unassigned": unassigned})
    try:
        services.ledger_publish(actor=request.user, ledger=ledger)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"台账“{ledger.title}”已发布, 共 {ledger.tasks.count()} 项任务。")
    return redirect("ledgers:ledger_detail", pk=ledger.pk)


@login_required
@require_POST
def ledger_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    ledger = _ledger_for_write(request, pk)
    form = ResolveForm(request.POST, departments=selectors.ledger_department_choices(ledger))
    if not form.is_valid():
        messages.error(request, "请选择要对应的部门。")
        return redirect("ledgers:ledger_detail", pk=ledger.pk)
    data = form.cleaned_data
    try:
        count = services.ledger_name_resolve(
            actor=request.user,
            ledger=ledger,
            written_name=data["written_name"],
            department=data["department"],
            remember_alias=data["remember_alias"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        remembered = ", 并记为该部门的别名" if data["remember_alias"] else ""
        department = data["department"]
        messages.success(request, f"“{data['written_name']}”已对应到{department.name} ({count} 处){remembered}。")
    return redirect("ledgers:ledger_detail", pk=ledger.pk)


def _quantity_changes(form: QuantityForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["unit"] = data["unit"].strip()
    data["metric"] = data["metric"].strip()
    return data


@login_required
@require_POST
def quantity_create(request: HttpRequest, pk: int) -> HttpResponse:
    ledger = _ledger_for_write(request, pk)
    form = QuantityForm(request.POST, ledger=ledger, prefix="new")
    if form.is_valid():
        try:
            quantity = services.quantity_create(actor=request.user, ledger=ledger, **_quantity_changes(form))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"已新增指标“{quantity.metric}”。")
    else:
        problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
        messages.error(request, "新增指标未保存 — " + "; ".join(problems))
    return redirect("ledgers:ledger_detail", pk=ledger.pk)


@login_required
def quantity_row(request: HttpRequest, pk: int) -> HttpResponse:
    quantity = selectors.quantity_get(user=request.user, pk=pk)
    can_edit = quantity.ledger.status == LedgerStatus.DRAFT and can_dispatch_in_region(
        request.user, quantity.ledger.region
    )
    return render(request, "ledgers/_quantity_row.html", {"quantity": quantity, "can_edit": can_edit})


@login_required
def quantity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quantity = _quantity_for_write(request, pk)
    ledger = quantity.ledger
    fields = services.QUANTITY_EDITABLE_FIELDS
    initial = {field: getattr(quantity, field) for field in fields}
    form = QuantityForm(request.POST or None, ledger=ledger, initial=initial, prefix=f"q{quantity.pk}")
    error = ""
    if request.method == "POST" and form.is_valid():
        data = _quantity_changes(form)
        changes = {field: data[field] for field in fields if data[field] != initial[field]}
        try:
            services.quantity_update(actor=request.user, quantity=quantity, **changes)
        except ValidationError as problem:
            error = error_text(problem)
        else:
            if not request.headers.get("HX-Request"):
                messages.success(request, "已保存。")
                return redirect("ledgers:ledger_detail", pk=ledger.pk)
            response = render(request, "ledgers/_quantity_row.html", {"quantity": quantity, "can_edit": True})
            if "task" in changes:
                response["HX-Refresh"] = "true"  # the row moves to another task's group
            return response
    template = "ledgers/_quantity_form_row.html" if request.headers.get("HX-Request") else "ledgers/quantity_form.html"
    return render(request, template, {"quantity": quantity, "form": form, "error": error, "ledger": ledger})


@login_required
@require_POST
def quantity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    quantity = _quantity_for_write(request, pk)
    ledger = quantity.ledger
    try:
        services.quantity_delete(actor=request.user, quantity=quantity)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if request.headers.get("HX-Request"):
            return HttpResponse("")
        messages.success(request, "已删除。")
    return redirect("ledgers:ledger_detail", pk=ledger.pk)


@login_required
@require_POST
def ledger_assign_unassigned(request: HttpRequest, pk: int) -> HttpResponse:
    ledger = _ledger_for_write(request, pk)
    form = AssignUnassignedForm(request.POST, departments=selectors.ledger_department_choices(ledger))
    if not form.is_valid():
        messages.error(request, "请选择牵头单位。")
        return redirect("ledgers:ledger_detail", pk=ledger.pk)
    department = form.cleaned_data["department"]
    try:
        tasks = services.ledger_assign_unassigned(actor=request.user, ledger=ledger, department=department)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        keys = "、".join(task.key for task in tasks)
        messages.success(request, f"未写明责任单位的任务 ({keys}) 已由{department.short_name}牵头。")
    return redirect("ledgers:ledger_detail", pk=ledger.pk)


@login_required
@require_POST
def responsibility_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    task = selectors.task_get(user=request.user, pk=pk)
    form = ResponsibilityForm(request.POST, departments=selectors.ledger_department_choices(task.ledger))
    if not form.is_valid():
        messages.error(request, "请选择部门单位和职责。")
        return redirect("ledgers:task_edit", pk=task.pk)
    data = form.cleaned_data
    try:
        services.responsibility_add(actor=request.user, task=task, department=data["department"], role=data["role"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已将{data['department'].short_name}列为任务 {task.key} 的责任单位。")
    return redirect("ledgers:task_edit", pk=task.pk)


@login_required
@require_POST
def responsibility_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    responsibility = selectors.responsibility_get(user=request.user, pk=pk)
    task = responsibility.task
    try:
        services.responsibility_remove(actor=request.user, responsibility=responsibility)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已从任务 {task.key} 移除{responsibility.written_name}。")
    return redirect("ledgers:task_edit", pk=task.pk)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    task = selectors.task_get(user=request.user, pk=pk)
    initial = {"title": task.title, "deadline": task.deadline}
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {field: data[field] for field in services.TASK_EDITABLE_FIELDS if data[field] != initial[field]}
        try:
            services.task_update(actor=request.user, task=task, reason=data["reason"], **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"任务 {task.key} 已保存。")
            return redirect("ledgers:ledger_detail", pk=task.ledger_id)
    context = {
        "task": task,
        "form": form,
        "responsibilities": list(task.responsibilities.select_related("department")),
        "responsibility_form": ResponsibilityForm(departments=selectors.ledger_department_choices(task.ledger)),
    }
    return render(request, "ledgers/task_form.html", context)
