from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from blueledger.core.downloads import XLSX_CONTENT_TYPE, download_response
from blueledger.core.editing import error_text
from blueledger.core.history import history_entries
from blueledger.core.listing import paginate
from blueledger.core.permissions import get_scoped_or_404, require
from blueledger.projects import selectors, services
from blueledger.projects.choices import LEAD_STAGE_ORDER, LeadStage, ProjectKind, SizeClass
from blueledger.projects.exports import dispatch_workbook
from blueledger.projects.filtersets import STATUS_CHOICES, ProjectFilterSet, filter_params
from blueledger.projects.forms import (
    ConvertForm,
    DispatchImportForm,
    LeadForm,
    ProjectForm,
    ReportForm,
    StageChangeForm,
)
from blueledger.projects.imports import ImportRejected, dispatch_import
from blueledger.projects.indicators import percent_text
from blueledger.projects.models import Lead, Project
from blueledger.projects.permissions import can_manage_projects, can_report
from blueledger.projects.presentation import figure_cells, rate_number


def _as_of(request: HttpRequest) -> date:
    try:
        return selectors.parse_month(request.GET.get("as_of", ""))
    except ValueError:
        default = selectors.default_report_month(user=request.user)
        return default or timezone.localdate().replace(day=1)


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = ProjectFilterSet(request.GET, queryset=selectors.project_list(user=request.user))
    page, query = paginate(request, filterset.qs)
    context = {
        "page": page,
        "filters": request.GET,
        "query": query,
        "districts": selectors.district_choices(user=request.user),
        "tracks": selectors.track_names(user=request.user),
        "kinds": ProjectKind.choices,
        "statuses": STATUS_CHOICES,
        "sizes": SizeClass.choices,
        "can_manage": can_manage_projects(request.user),
    }
    return render(request, "projects/project_list.html", context)


def _project(request: HttpRequest, pk: int) -> Project:
    return get_scoped_or_404(
        Project.objects.select_related("region", "track", "responsible_department"), request.user, "region", pk=pk
    )


def _reports_context(request: HttpRequest, project: Project, form: ReportForm | None = None) -> dict[str, Any]:
    latest = selectors.project_reports(project=project).first()
    next_period = timezone.localdate().replace(day=1)
    if latest is not None:
        next_period = date(latest.period.year + latest.period.month // 12, latest.period.month % 12 + 1, 1)
    return {
        "project": project,
        "reports": selectors.project_reports(project=project),
        "report_form": form or ReportForm(initial={"period": next_period}),
        "can_report": can_report(request.user, project),
    }


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    tab = request.GET.get("tab", "info")
    context = {
        **_reports_context(request, project),
        "tab": tab,
        "history": history_entries(project) if tab == "history" else [],
        "can_manage": can_manage_projects(request.user, project.region.code),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    require(can_report(request.user, project), "您无权填报该项目的月度调度。")
    form = ReportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_save(
                actor=request.user,
                project=project,
                period=data["period"],
                year_to_date_completed_wan=data["year_to_date_completed_wan"],
                progress=data["progress"],
                problems=data["problems"],
                coordination=data["coordination"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存 {data['period']:%Y-%m} 月度调度。")
            form = None  # type: ignore[assignment]
    if request.headers.get("HX-Request"):
        return render(request, "projects/_reports.html", _reports_context(request, project, form))
    if form is not None and form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("projects:project_detail", args=[project.pk]) + "?tab=reports")


def _project_values(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key in services.PROJECT_FIELDS}


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    require(can_manage_projects(request.user))
    form = ProjectForm(request.POST or None, user=request.user, initial={"plan_year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                actor=request.user, reason=form.cleaned_data["reason"], **_project_values(form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已新建项目“{project.name}”。")
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    require(can_manage_projects(request.user, project.region.code))
    initial = {field: getattr(project, field) for field in services.PROJECT_FIELDS}
    form = ProjectForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _project_values(form.cleaned_data)
        changes = {key: value for key, value in values.items() if value != initial[key]}
        try:
            services.project_update(actor=request.user, project=project, reason=form.cleaned_data["reason"], **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存。")
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    as_of = _as_of(request)
    filters = {key: request.GET.get(key, "") for key in ("region", "track", "kind", "size")}
    result = selectors.project_indicators(
        user=request.user,
        as_of=as_of,
        district=filters["region"],
        track=filters["track"],
        kind=filters["kind"],
        size=filters["size"],
    )
    base = {key: value for key, value in filters.items() if value}
    projects = selectors.filter_projects(
        selectors.project_list(user=request.user),
        district=filters["region"],
        track=filters["track"],
        kind=filters["kind"],
        size=filters["size"],
    )
    lagging = selectors.lagging_projects(projects, as_of, limit=15)
    district_rows = [figure_cells(row, as_of, {**base, "region": row.key}) for row in result.by_district]
    track_rows = [figure_cells(row, as_of, {**base, "track": row.key}) for row in result.by_track]
    chart = {
        "districts": [row.label for row in result.by_district],
        "district_plan": [float(row.annual_plan_yi) for row in result.by_district],
        "district_completed": [float(row.completed_yi) for row in result.by_district],
        "district_rate": [rate_number(row.annual_completion_rate) for row in result.by_district],
        "district_urls": [cells["projects_url"] for cells in district_rows],
        "tracks": [row.label for row in result.by_track],
        "track_total": [float(row.total_investment_yi) for row in result.by_track],
        "track_projects": [row.totals.projects for row in result.by_track],
        "track_urls": [cells["projects_url"] for cells in track_rows],
        "schedule": rate_number(result.overall.schedule_rate),
    }
    context = {
        "as_of": as_of,
        "month_reporting": selectors.month_reporting(user=request.user, period=as_of),
        "filters": filters,
        "overall": figure_cells(result.overall, as_of, base),
        "district_rows": district_rows,
        "track_rows": track_rows,
        "lagging": lagging,
        "lagging_total": result.overall.totals.lagging,
        "lagging_url": f"{reverse('projects:project_list')}?{filter_params(**base, lagging=f'{as_of:%Y-%m}')}",
        "chart": chart,
        "districts": selectors.district_choices(user=request.user),
        "tracks": selectors.track_names(user=request.user),
        "kinds": ProjectKind.choices,
        "sizes": SizeClass.choices,
    }
    if request.headers.get("HX-Request"):
        return render(request, "projects/_indicator_figures.html", context)
    return render(request, "projects/indicators.html", context)


@login_required
def dispatch_export(request: HttpRequest) -> HttpResponse:
    filterset = ProjectFilterSet(request.GET, queryset=selectors.project_list(user=request.user))
    period = _as_of(request)
    layout = selectors.dispatch_layout_of(user=request.user)
    data = dispatch_workbook(filterset.qs.order_by("region__code", "name"), period=period, layout=layout)
    return download_response(data, f"dispatch-{period:%Y-%m}.xlsx", XLSX_CONTENT_TYPE)


@login_required
def dispatch_import_page(request: HttpRequest) -> HttpResponse:
    require(can_manage_projects(request.user))
    form = DispatchImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = dispatch_import(
                actor=request.user, data=upload.read(), filename=upload.name, period=form.cleaned_data["period"]
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                f"导入完成: 新建 {summary.created} 个, 更新 {summary.updated} 个, 未变 {summary.unchanged} 个, "
                f"月报 {summary.reports_saved} 条。",
            )
            return redirect("projects:project_list")
    return render(request, "projects/dispatch_import.html", {"form": form, "problems": problems})


@login_required
def pipeline(request: HttpRequest) -> HttpResponse:
    leads = selectors.lead_list(user=request.user)
    stage = request.GET.get("stage", "")
    funnel = selectors.pipeline_funnel(leads)
    labels = dict(LeadStage.choices)
    stages = [
        {
            "stage": item.stage,
            "label": labels[item.stage],
            "reached": item.reached,
            "current": item.current,
            "dropped": item.dropped_here,
            "conversion": percent_text(item.conversion_to_next, 1),
            "median_days": "—" if item.median_days is None else f"{item.median_days:g}",
        }
        for item in funnel.stages
    ]
    shown = leads.filter(stage=stage) if stage else leads
    context = {
        "funnel": funnel,
        "stages": stages,
        "leads": shown,
        "stage": stage,
        "stage_choices": LeadStage.choices,
        "chart": {"labels": [s["label"] for s in stages], "values": [s["reached"] for s in stages]},
        "can_manage": can_manage_projects(request.user),
    }
    return render(request, "projects/pipeline.html", context)


def _lead(request: HttpRequest, pk: int) -> Lead:
    return get_scoped_or_404(Lead.objects.select_related("region", "track", "project"), request.user, "region", pk=pk)


@login_required
def lead_create(request: HttpRequest) -> HttpResponse:
    require(can_manage_projects(request.user))
    form = LeadForm(request.POST or None, user=request.user, initial={"entered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            lead = services.lead_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已登记招商线索“{lead.name}”。")
            return redirect("projects:lead_detail", pk=lead.pk)
    return render(request, "projects/lead_form.html", {"form": form})


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    manage = can_manage_projects(request.user, lead.region.code)
    next_stages = [
        (value, label)
        for value, label in LeadStage.choices
        if value == LeadStage.DROPPED
        or (
            value in LEAD_STAGE_ORDER
            and lead.stage in LEAD_STAGE_ORDER
            and LEAD_STAGE_ORDER.index(LeadStage(value)) > LEAD_STAGE_ORDER.index(LeadStage(lead.stage))
        )
    ]
    stage_form = StageChangeForm(initial={"changed_on": timezone.localdate()})
    stage_form.fields["stage"].choices = next_stages
    context = {
        "lead": lead,
        "changes": lead.stage_changes.select_related("recorded_by"),
        "stage_form": stage_form if manage and lead.stage != LeadStage.DROPPED else None,
        "convert_form": ConvertForm(initial={"plan_year": timezone.localdate().year})
        if manage and lead.project_id is None and lead.stage not in (LeadStage.NEGOTIATING, LeadStage.DROPPED)
        else None,
        "history": history_entries(lead) if request.GET.get("tab") == "history" else [],
        "tab": request.GET.get("tab", "info"),
    }
    return render(request, "projects/lead_detail.html", context)


@login_required
@require_POST
def lead_stage_change(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    require(can_manage_projects(request.user, lead.region.code))
    form = StageChangeForm(request.POST)
    form.fields["stage"].choices = LeadStage.choices
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("projects:lead_detail", pk=lead.pk)
    try:
        services.lead_stage_change(actor=request.user, lead=lead, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"已变更为“{lead.get_stage_display()}”。")
    return redirect("projects:lead_detail", pk=lead.pk)


@login_required
@require_POST
def lead_convert(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    require(can_manage_projects(request.user, lead.region.code))
    form = ConvertForm(request.POST)
    if form.is_valid():
        try:
            project = services.lead_convert_to_project(actor=request.user, lead=lead, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"已转入项目库: “{project.name}”。")
            return redirect("projects:project_detail", pk=project.pk)
    return redirect("projects:lead_detail", pk=lead.pk)
