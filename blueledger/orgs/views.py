from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from blueledger.core.downloads import XLSX_CONTENT_TYPE, download_response
from blueledger.core.editing import changed_fields, error_text, form_page
from blueledger.core.history import history_entries
from blueledger.core.listing import paginate
from blueledger.core.permissions import can_edit_reference_data, can_remember_alias, get_scoped_or_404, require
from blueledger.core.views import start_job
from blueledger.orgs import services
from blueledger.orgs.exports import departments_workbook
from blueledger.orgs.filtersets import DepartmentFilterSet
from blueledger.orgs.forms import AliasForm, DepartmentForm, DepartmentImportForm, RegionForm
from blueledger.orgs.models import Department, DepartmentAlias, Region
from blueledger.orgs.selectors import department_list as select_departments
from blueledger.orgs.selectors import department_regions
from blueledger.orgs.selectors import region_list as select_regions

DEPARTMENT_CREATE_FIELDS = ("region", "name", "short_name", "kind", "notes", "reason")
DEPARTMENTS_PER_PAGE = 50  # a province holds a few thousand; one page renders well under 150 ms


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/region_list.html", {"regions": select_regions(user=request.user)})


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(select_regions(user=request.user), code=code)
    tab = request.GET.get("tab", "info")
    context = {
        "region": region,
        "tab": tab,
        "departments": select_departments(user=request.user).filter(region=region),
        "history": history_entries(region) if tab == "history" else [],
    }
    return render(request, "orgs/region_detail.html", context)


@login_required
def region_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    region = get_object_or_404(Region, code=code)
    fields = ("short_name", "is_coastal", "aliases", "notes")
    initial = {field: getattr(region, field) for field in fields}
    form = RegionForm(request.POST or None, initial={**initial, "aliases": "、".join(region.aliases)})
    return form_page(
        request, form, template="orgs/region_form.html", context={"region": region},
        save=lambda data: services.region_update(
            actor=request.user, region=region, reason=data["reason"], **changed_fields(data, initial, fields)
        ),
        success=lambda _: ("已保存。", reverse("orgs:region_detail", kwargs={"code": region.code})),
    )


@login_required
def department_list(request: HttpRequest) -> HttpResponse:
    filterset = DepartmentFilterSet(request.GET, queryset=select_departments(user=request.user))
    page, query = paginate(request, filterset.qs, per_page=DEPARTMENTS_PER_PAGE)
    context = {
        "page": page,
        "query": query,
        "regions": department_regions(user=request.user),
        "region_code": request.GET.get("region", ""),
        "search": request.GET.get("q", ""),
    }
    return render(request, "orgs/department_list.html", context)


def _department(request: HttpRequest, pk: int) -> Department:
    return get_scoped_or_404(Department.objects.select_related("region"), request.user, "region", pk=pk)


@login_required
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department(request, pk)
    tab = request.GET.get("tab", "info")
    context = {
        "department": department,
        "tab": tab,
        "aliases": department.aliases.all(),
        "alias_form": AliasForm(),
        "history": history_entries(department) if tab == "history" else [],
    }
    return render(request, "orgs/department_detail.html", context)


@login_required
def department_create(request: HttpRequest) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    return form_page(
        request, DepartmentForm(request.POST or None), template="orgs/department_form.html",
        context={"department": None},
        save=lambda data: services.department_create(
            actor=request.user, **{field: data[field] for field in DEPARTMENT_CREATE_FIELDS}
        ),
        success=lambda department: (
            f"已新建部门“{department.name}”。", reverse("orgs:department_detail", kwargs={"pk": department.pk})
        ),
    )


@login_required
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    department = _department(request, pk)
    initial = {field: getattr(department, field) for field in services.DEPARTMENT_EDITABLE_FIELDS}
    form = DepartmentForm(request.POST or None, initial={**initial, "region": department.region})
    form.fields["region"].disabled = True
    return form_page(
        request, form, template="orgs/department_form.html", context={"department": department},
        save=lambda data: services.department_update(
            actor=request.user, department=department, reason=data["reason"],
            **changed_fields(data, initial, services.DEPARTMENT_EDITABLE_FIELDS),
        ),
        success=lambda _: ("已保存。", reverse("orgs:department_detail", kwargs={"pk": department.pk})),
    )


@login_required
@require_POST
def department_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department(request, pk)
    require(can_remember_alias(request.user, department.region))
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            services.department_alias_add(actor=request.user, department=department, alias=form.cleaned_data["alias"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"已添加别名“{form.cleaned_data['alias']}”。")
    return redirect("orgs:department_detail", pk=department.pk)


@login_required
@require_POST
def department_alias_remove(request: HttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    department = _department(request, pk)
    alias = get_object_or_404(DepartmentAlias, pk=alias_pk, department=department)
    services.department_alias_remove(actor=request.user, alias=alias)
    messages.success(request, f"已删除别名“{alias.alias}”。")
    return redirect("orgs:department_detail", pk=department.pk)


@login_required
def department_export(request: HttpRequest) -> HttpResponse:
    departments = DepartmentFilterSet(request.GET, queryset=select_departments(user=request.user)).qs
    return download_response(departments_workbook(departments), "departments.xlsx", XLSX_CONTENT_TYPE)


@login_required
def department_import(request: HttpRequest) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    form = DepartmentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return start_job(request, kind="orgs.departments_import", title="导入部门", upload=form.cleaned_data["file"])
    return render(request, "orgs/department_import.html", {"form": form})
