from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from blueledger.core.editing import error_text
from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, can_remember_alias, require
from blueledger.documents.services import DocumentDuplicate, DocumentSameText, upload_limit_bytes
from blueledger.ledgers import exports, selectors, services
from blueledger.ledgers.choices import ExtensionStatus, LedgerStatus
from blueledger.ledgers.forms import (
    AssignUnassignedForm,
    ClosureForm,
    DecisionForm,
    ExtensionForm,
    LedgerForm,
    QuantityForm,
    ResolveForm,
    ResponsibilityForm,
    StrikeOffForm,
    TaskForm,
    UploadForm,
)
from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask
from blueledger.orgs.selectors import regions_in_scope


def _upload_regions(user: Any) -> Any:
    return regions_in_scope(user=user)


def _list_page(request: HttpRequest, form: UploadForm | None, existing: Ledger | None = None,
               same_text: bool = False) -> HttpResponse:
    context = {
        "ledgers": selectors.ledger_list(user=request.user),
        "form": form,
        "existing": existing,
        "same_text": same_text,
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
    existing, same_text = None, False
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = services.document_import(
                actor=request.user, data=upload.read(), filename=upload.name, region=form.cleaned_data["region"],
                accept_same_text=form.cleaned_data["accept_same_text"],
            )
        except DocumentDuplicate as duplicate:
            form.add_error(None, duplicate)
            existing = duplicate.existing.ledger
            same_text = isinstance(duplicate, DocumentSameText)
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
    return _list_page(request, form, existing, same_text)


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
        reporter = request.user.is_reporter  # type: ignore[union-attr]
        context["my_department_id"] = request.user.department_id if reporter else None  # type: ignore[union-attr]
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
        context["unassigned"] = unassigned = selectors.leaderless_target_tasks(ledger)
        if unassigned:
            context["issuer_department"] = selectors.issuer_department(ledger)
    return render(request, "ledgers/ledger_review.html", context)


@login_required
def ledger_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The published ledger as an Excel 台账 (a draft is still being corrected: it has none)."""
    ledger = selectors.ledger_get(user=request.user, pk=pk)
    if ledger.status != LedgerStatus.PUBLISHED:
        raise Http404("台账尚未发布")
    response = HttpResponse(
        exports.ledger_xlsx(ledger),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(exports.export_filename(ledger))}"
    return response


def _ledger_for_write(request: HttpRequest, pk: int) -> Ledger:
    require(can_dispatch(request.user))  # refused by role before any lookup, so ids cannot be probed
    return selectors.ledger_get(user=request.user, pk=pk)


def _quantity_for_write(request: HttpRequest, pk: int) -> LedgerQuantity:
    require(can_dispatch(request.user))
    return selectors.quantity_get(user=request.user, pk=pk)



@login_required
def ledger_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's title, kind and date; a published ledger's page says it can no longer be changed."""
    ledger = _ledger_for_write(request, pk)
    if ledger.status != LedgerStatus.DRAFT:
        messages.error(request, f"台账“{ledger.title}”已发布, 标题、类型和日期不能再修改。")
        return redirect("ledgers:ledger_detail", pk=ledger.pk)
    fields = services.LEDGER_EDITABLE_FIELDS
    initial = {field: getattr(ledger, field) for field in fields}
    form = LedgerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {field: data[field] for field in fields if data[field] != initial[field]}
        try:
            services.ledger_update(actor=request.user, ledger=ledger, reason=data["reason"], **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "台账信息已保存。" if changes else "台账信息没有改动。")
            return redirect("ledgers:ledger_detail", pk=ledger.pk)
    return render(request, "ledgers/ledger_form.html", {"ledger": ledger, "form": form})


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
    leaderless = selectors.leaderless_target_tasks(ledger)
    try:
        tasks = services.ledger_assign_unassigned(actor=request.user, ledger=ledger, department=department)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        keys = "、".join(task.key for task in tasks)
        inheriting = [task.key for task in leaderless if task not in tasks]
        following = f", 下级任务 {'、'.join(inheriting)} 沿用" if inheriting else ""
        messages.success(request, f"统一指定: 任务 {keys} 由{department.short_name}牵头{following}。")
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


# --- after publishing: 办结/销号 and 延期申请 -------------------------------------------------------------------


def _item(request: HttpRequest, kind: str, pk: int) -> tuple[Ledger, LedgerTask | LedgerQuantity]:
    if kind == "task":
        task = selectors.task_get(user=request.user, pk=pk)
        return task.ledger, task
    quantity = selectors.quantity_get(user=request.user, pk=pk)
    return quantity.ledger, quantity


def _item_name(item: LedgerTask | LedgerQuantity) -> str:
    return f"任务 {item.key} {item.title}" if isinstance(item, LedgerTask) else f"指标“{item.metric}”"


def _item_kwargs(item: LedgerTask | LedgerQuantity) -> dict[str, Any]:
    return {"task": item} if isinstance(item, LedgerTask) else {"quantity": item}


@login_required
def item_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """办结 of a task or target of a published ledger, with a note."""
    require(can_dispatch(request.user))
    ledger, item = _item(request, kind, pk)
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_close(actor=request.user, note=form.cleaned_data["note"], **_item_kwargs(item))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"{_item_name(item)}已办结, 此后发起的调度不再要求报送。")
        return redirect("ledgers:ledger_detail", pk=ledger.pk)
    return render(request, "ledgers/item_close.html", {"ledger": ledger, "item": item, "item_name": _item_name(item),
                                                       "form": form})


@login_required
@require_POST
def closure_strike_off(request: HttpRequest, pk: int) -> HttpResponse:
    """销号 of a closed item."""
    require(can_dispatch(request.user))
    closure = selectors.closure_get(user=request.user, pk=pk)
    form = StrikeOffForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.item_strike_off(actor=request.user, closure=closure, note=note)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"{closure.item_label}已销号。")
    return redirect("ledgers:ledger_detail", pk=closure.ledger_id)


@login_required
def extension_request(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """延期申请 of a task or target by a reporter of its department."""
    ledger, item = _item(request, kind, pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_request(actor=request.user, deadline=form.cleaned_data["deadline"],
                                       reason=form.cleaned_data["reason"], **_item_kwargs(item))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{_item_name(item)}的延期申请已提交, 等待调度办审批。")
            return redirect("ledgers:extension_list")
    return render(request, "ledgers/extension_request.html", {
        "ledger": ledger, "item": item, "item_name": _item_name(item), "form": form,
    })


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    """The 延期申请 of the user's scope (a reporter: their department's), pending first, with the decision
    form for dispatchers."""
    extensions = list(selectors.extension_list(user=request.user).order_by("-requested_at", "-pk")[:200])
    pending = [extension for extension in extensions if extension.status == ExtensionStatus.PENDING]
    decided = [extension for extension in extensions if extension.status != ExtensionStatus.PENDING]
    return render(request, "ledgers/extension_list.html", {
        "pending": pending, "decided": decided, "can_decide": can_dispatch(request.user),
        "decision_form": DecisionForm(),
    })


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_dispatch(request.user))
    extension = selectors.extension_get(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择批准或不批准。")
        return redirect("ledgers:extension_list")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.extension_decide(actor=request.user, extension=extension, approve=approve,
                                  comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        outcome = f"已批准, 完成时限改为 {extension.requested_deadline:%Y-%m-%d}" if approve else "未批准"
        messages.success(request, f"{extension.department.short_name}对{extension.item_label}的延期申请{outcome}。")
    return redirect("ledgers:extension_list")
