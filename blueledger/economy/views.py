"""Pages of ocean-economy monitoring: the indicators with charts, the unit directory, the trajectories of
bound targets and the classification. Views parse and call selectors and services."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from blueledger.core.downloads import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from blueledger.core.history import history_entries
from blueledger.core.listing import paginate
from blueledger.core.permissions import get_scoped_or_404, region_prefix, require, scoped
from blueledger.core.reminders import ReminderKind
from blueledger.core.views import start_job
from blueledger.economy import selectors
from blueledger.economy.choices import NOWCAST_MOVES, RELATIVE_UNIT, Indicator, NowcastStatus, UnitSize, UnitStatus
from blueledger.economy.exports import (
    clusters_workbook,
    composite_workbook,
    figures_workbook,
    submission_template,
    submissions_workbook,
    trajectories_workbook,
    units_workbook,
)
from blueledger.economy.filtersets import UnitFilterSet
from blueledger.economy.forms import CrosswalkImportForm, SubmissionImportForm, UnitImportForm
from blueledger.economy.models import (
    ClusterIndicatorValue,
    CompositeIndex,
    FormRound,
    FormSubmission,
    IndustrialCluster,
    NowcastRelease,
    OceanIndustry,
    StatisticalUnit,
)
from blueledger.economy.permissions import can_manage_economy
from blueledger.economy.reports import annual_report_docx, monthly_analysis_docx, quarterly_assessment_docx
from blueledger.economy.services import (
    form_reminder_send,
    form_round_assign,
    nowcast_move,
    nowcast_run,
    submission_accept,
    submission_return,
    submission_save,
)
from blueledger.lib.numbers import format_decimal, format_percent, format_quantity, json_number
from blueledger.orgs.models import Department, Region

TABLE_INDICATORS = (Indicator.OCEAN_GDP, Indicator.OCEAN_GDP_GROWTH, Indicator.GDP_SHARE, Indicator.VALUE_ADDED)


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    indicator = request.GET.get("indicator", Indicator.OCEAN_GDP)
    if indicator not in Indicator.values:
        indicator = Indicator.OCEAN_GDP
    industry_key = request.GET.get("industry", "") if indicator == Indicator.VALUE_ADDED else ""
    table = selectors.indicator_table(indicator=indicator, industry_key=industry_key)
    choices = selectors.breakdown_choices()
    chosen = request.GET.get("breakdown", "")
    region_code, year = "", None
    for code, _, choice_year in choices:
        if chosen in ("", f"{code}:{choice_year}"):
            region_code, year = code, choice_year
            break
    breakdown = selectors.industry_breakdown(region_code=region_code, year=year) if year else []
    chart = {
        "unit": table.unit,
        "years": [str(y) for y in table.years],
        "series": [
            {"name": row.name, "data": [float(cell.value) if cell else None for cell in row.cells]}
            for row in table.rows
        ],
        "industries": [figure.industry.name for figure in breakdown if figure.industry],
        "industry_values": [float(figure.value) for figure in breakdown],
    }
    context = {
        "table": table,
        "indicators": [(value, Indicator(value).label) for value in TABLE_INDICATORS],
        "industries": OceanIndustry.objects.order_by("position"),
        "industry_key": industry_key,
        "breakdown": breakdown,
        "breakdown_choices": choices,
        "breakdown_selected": f"{region_code}:{year}" if year else "",
        "chart": chart,
    }
    return render(request, "economy/indicators.html", context)


def dashboard_chart(board: selectors.Dashboard) -> dict[str, Any]:
    """The dashboard's chart data: numbers for drawing, and beside each the text lib.numbers prints (or
    暂无数据 / 未报送); a missing figure is null in the data and never drawn as 0."""
    missing = selectors.NO_DATA
    gdp = [region.figures[Indicator.OCEAN_GDP] for region in board.regions]
    cells, gaps = [], []
    for y, region in enumerate(board.regions):
        for x, industry in enumerate(board.industries):
            value = board.value_added.get((region.code, industry.key))
            if value is None:
                gaps.append([x, y, missing])
            else:
                cells.append([x, y, json_number(value), format_quantity(value, "亿元")])
    return {
        "year": board.year,
        "regions": [region.name for region in board.regions],
        "gdp": [json_number(value) for value in gdp],
        "gdp_text": [format_quantity(value, "亿元", missing=missing) for value in gdp],
        "share_text": [format_quantity(r.figures[Indicator.GDP_SHARE], "%", missing=missing) for r in board.regions],
        "industries": [industry.name for industry in board.industries],
        "cells": cells,
        "gaps": gaps,
        "no_data": missing,
        "rounds": [f"{p.form_round.form.name} {p.form_round.region.name} {p.form_round.period_label}"
                   for p in board.rounds],
        "submitted": [p.submitted for p in board.rounds],
        "returned": [p.returned for p in board.rounds],
        "missing": [len(p.missing_units) for p in board.rounds],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """海洋经济运行看板: the year's figures by region, value added by region and industry, and the reporting
    progress of the latest rounds, as ECharts (static/economy/dashboard.js) beside their tables."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    board = selectors.dashboard(user=request.user, year=year)
    missing = selectors.NO_DATA
    rows = [
        {"name": region.name,
         "gdp": format_quantity(region.figures[Indicator.OCEAN_GDP], "亿元", missing=missing),
         "growth": format_quantity(region.figures[Indicator.OCEAN_GDP_GROWTH], "%", missing=missing),
         "share": format_quantity(region.figures[Indicator.GDP_SHARE], "%", missing=missing)}
        for region in board.regions
    ]
    matrix = [
        {"name": region.name,
         "cells": [format_decimal(board.value_added.get((region.code, industry.key)), missing=missing)
                   for industry in board.industries]}
        for region in board.regions
    ]
    context = {"board": board, "rows": rows, "matrix": matrix, "chart": dashboard_chart(board),
               "not_submitted": selectors.NOT_SUBMITTED}
    return render(request, "economy/dashboard.html", context)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    filterset = UnitFilterSet(request.GET, queryset=selectors.unit_list(user=request.user))
    page, query = paginate(request, filterset.qs)
    prefix = region_prefix(request.user) or ""
    context = {
        "page": page,
        "filters": request.GET,
        "query": query,
        "regions": Region.objects.filter(code__startswith=prefix).order_by("code"),
        "industries": OceanIndustry.objects.order_by("position"),
        "sizes": UnitSize.choices,
        "statuses": UnitStatus.choices,
        "can_manage": can_manage_economy(request.user),
    }
    return render(request, "economy/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_scoped_or_404(
        StatisticalUnit.objects.select_related("region", "ocean_industry__parent"), request.user, "region", pk=pk
    )
    tab = request.GET.get("tab", "info")
    context = {
        "unit": unit,
        "tab": tab,
        "share": format_percent(unit.sea_share),
        "reports": unit.reports.order_by("-year", "-quarter"),
        "history": history_entries(unit) if tab == "history" else [],
    }
    return render(request, "economy/unit_detail.html", context)


@login_required
def unit_export(request: HttpRequest) -> HttpResponse:
    filterset = UnitFilterSet(request.GET, queryset=selectors.unit_list(user=request.user))
    return download_response(units_workbook(filterset.qs.iterator(chunk_size=2000)), "统计单位.xlsx", XLSX_CONTENT_TYPE)


@login_required
def figure_export(request: HttpRequest) -> HttpResponse:
    """The published and computed figures (reference data every signed-in user reads), filtered like the
    indicators page: indicator, industry, region, origin."""
    figures = selectors.figure_list(
        indicator=request.GET.get("indicator", ""), region_code=request.GET.get("region", ""),
        industry_key=request.GET.get("industry", ""), origin=request.GET.get("origin", ""),
    )
    return download_response(figures_workbook(figures), "海洋经济指标值.xlsx", XLSX_CONTENT_TYPE)


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    require(can_manage_economy(request.user))
    form = UnitImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return start_job(request, kind="economy.units_import", title="导入统计单位名录",
                         upload=form.cleaned_data["file"], params={"dry_run": bool(form.cleaned_data["dry_run"])})
    return render(request, "economy/unit_import.html", {"form": form})


@login_required
def trajectories(request: HttpRequest) -> HttpResponse:
    regions = list(selectors.trajectory_regions(user=request.user))
    code = request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), regions[0] if regions else None)
    rows: list[dict[str, Any]] = []
    for item in selectors.target_trajectories(region=region) if region else []:
        trajectory, quantity = item.trajectory, item.binding.quantity
        rows.append({
            "item": item,
            "quantity": quantity,
            "target": format_decimal(quantity.value),
            "latest": trajectory.latest,
            "latest_value": format_decimal(trajectory.latest.value) if trajectory.latest else "—",
            "required": format_percent(trajectory.required_annual_growth),
            "on_track": trajectory.on_track,
            "periods": [
                {"year": p.year, "value": format_decimal(p.value), "growth": format_percent(p.growth),
                 "required": format_percent(p.required_annual_growth), "on_track": p.on_track}
                for p in trajectory.periods
            ],
            "measured": selectors.binding_label(item.binding),
            "relative": trajectory.relative,
            "gaps": [
                {"year": g.year,
                 "growth": format_quantity(g.growth_percent, "%", places=1, missing=selectors.NO_DATA),
                 "reference": format_quantity(g.reference_percent, "%", places=1, missing=selectors.NO_DATA),
                 "gap": format_quantity(g.gap_points, RELATIVE_UNIT, places=1, missing=selectors.NO_DATA),
                 "on_track": g.on_track}
                for g in trajectory.gaps
            ],
            "reference_label": f"{Indicator(item.binding.reference_indicator).label}增速"
            if item.binding.reference_indicator else "",
        })
    context = {"regions": regions, "region": region, "rows": rows}
    return render(request, "economy/trajectories.html", context)


@login_required
def trajectory_export(request: HttpRequest) -> HttpResponse:
    regions = list(selectors.trajectory_regions(user=request.user))
    region = next((r for r in regions if r.code == request.GET.get("region", "")), None)
    if region is None:
        raise Http404("没有找到该区划, 或您无权查看。")
    return download_response(trajectories_workbook(selectors.target_trajectories(region=region)),
                         f"{region.name}目标轨迹.xlsx", XLSX_CONTENT_TYPE)


@login_required
def classification(request: HttpRequest) -> HttpResponse:
    form = CrosswalkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage_economy(request.user):
            raise PermissionDenied("您的角色无权修改行业对照。")
        if form.is_valid():
            return start_job(request, kind="economy.crosswalk_import", title="导入行业对照",
                             upload=form.cleaned_data["file"])
    context = {
        "industries": selectors.industry_tree(),
        "form": form,
        "can_manage": can_manage_economy(request.user),
    }
    return render(request, "economy/classification.html", context)


@login_required
def composite_index(request: HttpRequest) -> HttpResponse:
    indexes = selectors.composite_indexes()
    chosen = next((i for i in indexes if str(i.pk) == request.GET.get("index")), indexes[0] if indexes else None)
    prefix = region_prefix(request.user) or ""
    regions = list(Region.objects.filter(code__startswith=prefix).order_by("code"))
    region = next((r for r in regions if r.code == request.GET.get("region")), regions[0] if regions else None)
    series = selectors.composite_series(index=chosen, region=region) if chosen and region else None
    latest = series.results[-1] if series and series.results else None
    domain_names = {d.key: d.name for d in series.domains} if series else {}
    context = {
        "indexes": indexes,
        "index": chosen,
        "regions": regions,
        "region": region,
        "series": series,
        "rows": [
            {"year": r.year, "composite": format_decimal(r.composite, 1),
             "domains": [format_decimal(r.domains.get(d.key), 1) for d in series.domains]}
            for r in series.results
        ] if series else [],
        "latest": latest,
        "contributions": [
            {"indicator": c.indicator, "domain": domain_names.get(c.domain, ""), "score": format_decimal(c.score, 1),
             "contribution": format_decimal(c.contribution, 2)}
            for c in latest.contributions
        ] if latest else [],
        "chart": {"years": [str(r.year) for r in series.results],
                  "values": [float(round(r.composite, 2)) for r in series.results if r.composite is not None]}
        if series else {"years": [], "values": []},
    }
    return render(request, "economy/composite_index.html", context)


@login_required
def composite_export(request: HttpRequest) -> HttpResponse:
    asked = selectors.composite_asked(user=request.user, index_id=request.GET.get("index", ""),
                                      region_code=request.GET.get("region", ""))
    if asked is None:
        raise Http404("没有找到该指数或区划, 或您无权查看。")
    index, region = asked
    series = selectors.composite_series(index=index, region=region)
    return download_response(composite_workbook(series), f"{index.name}{region.name}.xlsx", XLSX_CONTENT_TYPE)




def _report_region_and_issuer(request: HttpRequest) -> tuple[Region, str]:
    prefix = region_prefix(request.user) or ""
    region = Region.objects.filter(code=request.GET.get("region", ""), code__startswith=prefix).first()
    if region is None:
        raise Http404("没有找到该区划, 或您无权查看。")
    department = getattr(request.user, "department", None)
    return region, department.name if department is not None else f"{region.name}海洋经济运行监测"


def _int_parameter(request: HttpRequest, name: str, default: int, allowed: range) -> int:
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        raise Http404(f"参数 {name} 无效。") from None
    if value not in allowed:
        raise Http404(f"参数 {name} 超出范围。")
    return value


@login_required
def quarterly_report(request: HttpRequest) -> HttpResponse:
    """The region's 季度评估 as .docx (query: region, year, quarter; default the last finished quarter)."""
    region, issuer = _report_region_and_issuer(request)
    today = timezone.localdate()
    last_quarter = (today.month - 1) // 3 or 4
    default_year = today.year if (today.month - 1) // 3 else today.year - 1
    year = _int_parameter(request, "year", default_year, range(1949, 2200))
    quarter = _int_parameter(request, "quarter", last_quarter, range(1, 5))
    data = quarterly_assessment_docx(region=region, year=year, quarter=quarter, issuer=issuer, issued_on=today)
    return download_response(data, f"{region.name}{year}年第{quarter}季度评估.docx", DOCX_CONTENT_TYPE)


@login_required
def monthly_report(request: HttpRequest) -> HttpResponse:
    """The region's 月度运行分析 as .docx (query: region, year, month; default the last finished month)."""
    region, issuer = _report_region_and_issuer(request)
    today = timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    year = _int_parameter(request, "year", last.year, range(1949, 2200))
    month = _int_parameter(request, "month", last.month, range(1, 13))
    data = monthly_analysis_docx(region=region, year=year, month=month, issuer=issuer, issued_on=today)
    return download_response(data, f"{region.name}{year}年{month}月海洋经济运行分析.docx", DOCX_CONTENT_TYPE)


@login_required
def annual_report(request: HttpRequest) -> HttpResponse:
    """The region's 年度报告 as .docx (query: region, year; default last year)."""
    region, issuer = _report_region_and_issuer(request)
    today = timezone.localdate()
    year = _int_parameter(request, "year", today.year - 1, range(1949, 2200))
    data = annual_report_docx(region=region, year=year, issuer=issuer, issued_on=today)
    return download_response(data, f"{region.name}{year}年海洋经济发展年度报告.docx", DOCX_CONTENT_TYPE)


def _form_round(request: HttpRequest, pk: int) -> FormRound:
    return get_scoped_or_404(FormRound.objects.select_related("form", "region"), request.user, "region", pk=pk)


@login_required
def form_round_list(request: HttpRequest) -> HttpResponse:
    rounds = scoped(FormRound.objects.select_related("form", "region"), request.user, "region").annotate(
        assigned=Count("units", distinct=True), submitted=Count("submissions", distinct=True)
    )
    return render(request, "economy/form_round_list.html", {"rounds": rounds})


@login_required
def form_round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    form_round = _form_round(request, pk)
    can_manage = can_manage_economy(request.user, form_round.region.code)
    upload = SubmissionImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST":
        require(can_manage)
        if "return" in request.POST:
            submission = get_object_or_404(FormSubmission, round=form_round, pk=request.POST.get("return"))
            try:
                submission_return(actor=request.user, submission=submission, comment=request.POST.get("comment", ""))
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            return redirect("economy:form_round_detail", pk=pk)
        if "accept" in request.POST:
            submission = get_object_or_404(FormSubmission, round=form_round, pk=request.POST.get("accept"))
            try:
                submission_accept(actor=request.user, submission=submission)
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            return redirect("economy:form_round_detail", pk=pk)
        if "remind" in request.POST:
            try:
                logs = form_reminder_send(actor=request.user, form_round=form_round, kind=ReminderKind.MANUAL)
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            else:
                reminded = len({log.department_id for log in logs})
                messages.success(request, f"已催报 {reminded} 个部门。" if reminded
                                 else "没有需要催报的部门 (均已报送或今日已催报)。")
            return redirect("economy:form_round_detail", pk=pk)
        if "assign" in request.POST:
            prefix = form_round.region.scope_prefix
            try:
                form_round_assign(
                    actor=request.user, form_round=form_round,
                    units=list(StatisticalUnit.objects.filter(uscc__in=request.POST.get("units", "").split(),
                                                              region__code__startswith=prefix)),
                    districts=list(Region.objects.filter(code__in=request.POST.getlist("districts"),
                                                         code__startswith=prefix)),
                    departments=list(Department.objects.filter(pk__in=request.POST.getlist("departments"),
                                                               region__code__startswith=prefix)),
                )
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            else:
                messages.success(request, "已分配。")
            return redirect("economy:form_round_detail", pk=pk)
        if upload.is_valid():
            return start_job(request, kind="economy.submissions_import", title=f"导入报表填报 ({form_round})",
                             upload=upload.cleaned_data["file"], params={"round_id": form_round.pk})
    submissions = {s.unit_id: s for s in form_round.submissions.all()}
    fields = form_round.form.fields
    rows = [
        {"unit": unit, "submission": submissions.get(unit.pk),
         "values": [submissions[unit.pk].values.get(f["key"], "—") if unit.pk in submissions else "—" for f in fields]}
        for unit in form_round.units.order_by("uscc")
    ]
    prefix = form_round.region.scope_prefix
    context = {"round": form_round, "fields": fields, "rows": rows, "upload": upload, "errors": errors,
               "can_manage": can_manage,
               "assignments": form_round.assignments.select_related("unit", "district", "department"),
               "reminders": form_round.reminders.select_related("department", "recipient")[:50],
               "districts": Region.objects.filter(code__startswith=prefix).exclude(pk=form_round.region_id)
               .order_by("code") if can_manage else [],
               "departments": Department.objects.filter(region__code__startswith=prefix, is_active=True)
               .order_by("region__code", "name") if can_manage else []}
    return render(request, "economy/form_round_detail.html", context)


@login_required
def form_round_export(request: HttpRequest, pk: int) -> HttpResponse:
    form_round = _form_round(request, pk)
    return download_response(submissions_workbook(form_round),
                         f"{form_round.form.name}{form_round.period_code}填报情况.xlsx", XLSX_CONTENT_TYPE)


@login_required
def form_round_template(request: HttpRequest, pk: int) -> HttpResponse:
    form_round = _form_round(request, pk)
    return download_response(submission_template(form_round), f"{form_round.form.name}{form_round.period_code}.xlsx",
                             XLSX_CONTENT_TYPE)


@login_required
def submission_fill(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    form_round = _form_round(request, pk)
    unit = get_object_or_404(form_round.units.select_related("region"), pk=unit_pk)
    require(can_manage_economy(request.user, unit.region.code))
    existing = FormSubmission.objects.filter(round=form_round, unit=unit).first()
    fields = form_round.form.fields
    written = {f["key"]: request.POST.get(f["key"], "") for f in fields} if request.method == "POST" else (
        existing.values if existing else {}
    )
    explanation = request.POST.get("explanation", "") if request.method == "POST" else (
        existing.explanation if existing else ""
    )
    problems: list[str] = []
    if request.method == "POST":
        try:
            submission_save(actor=request.user, form_round=form_round, unit=unit, written=written,
                            explanation=explanation)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"{unit.name}的填报已保存。")
            return redirect("economy:form_round_detail", pk=pk)
    context = {
        "round": form_round, "unit": unit, "problems": problems, "explanation": explanation,
        "fields": [{**f, "value": written.get(f["key"], "")} for f in fields],
    }
    return render(request, "economy/submission_fill.html", context)


@login_required
def clusters(request: HttpRequest) -> HttpResponse:
    """The cluster registry of the user's scope and the annual 综合评价 ranking with its breakdown."""
    registry = scoped(IndustrialCluster.objects.select_related("region", "lead_industry"), request.user,
                      "region").annotate(member_count=Count("members"))
    indexes = list(CompositeIndex.objects.filter(
        domains__indicators__in=ClusterIndicatorValue.objects.values("indicator")).distinct().order_by("name"))
    index = next((i for i in indexes if str(i.pk) == request.GET.get("index")), indexes[0] if indexes else None)
    years = sorted(set(ClusterIndicatorValue.objects.filter(indicator__domain__index=index)
                       .values_list("year", flat=True)), reverse=True) if index else []
    year = next((y for y in years if str(y) == request.GET.get("year")), years[0] if years else None)
    prefix = region_prefix(request.user)
    ranking = (
        selectors.cluster_evaluation(index=index, year=year, scope_prefix=prefix)
        if index and year and prefix is not None else []
    )
    indicator_names = [c.indicator for c in ranking[0].result.contributions] if ranking else []
    rows = [
        {"rank": score.rank, "cluster": score.cluster, "composite": format_decimal(score.result.composite, 1),
         "contributions": [format_decimal(c.contribution, 2) for c in score.result.contributions]}
        for score in ranking
    ]
    context = {"registry": registry, "indexes": indexes, "index": index, "years": years, "year": year,
               "rows": rows, "indicator_names": indicator_names}
    return render(request, "economy/clusters.html", context)


@login_required
def cluster_export(request: HttpRequest) -> HttpResponse:
    """The cluster registry of the user's scope and the 综合评价 of `index` and `year` with its breakdown."""
    prefix = region_prefix(request.user)
    if prefix is None:
        raise Http404("您无权查看。")
    registry = scoped(IndustrialCluster.objects.select_related("region", "lead_industry"), request.user, "region")
    index_pk = request.GET.get("index", "")
    index = CompositeIndex.objects.filter(pk=int(index_pk)).first() if index_pk.isdigit() else None
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    ranking = selectors.cluster_evaluation(index=index, year=year, scope_prefix=prefix) if index and year else []
    name = f"产业集聚区综合评价{year}年.xlsx" if ranking else "产业集聚区名录.xlsx"
    workbook = clusters_workbook(ranking, registry.order_by("region__code", "name"))
    return download_response(workbook, name, XLSX_CONTENT_TYPE)


@login_required
def nowcast(request: HttpRequest) -> HttpResponse:
    """即时预测: a region's vintages with their bands and release states, the method beside the figure, the
    monthly series used (演示生成 marked), and for the office: run a new vintage, move a vintage's state."""
    regions = list(selectors.nowcast_regions(user=request.user))
    code = request.POST.get("region") or request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), regions[0] if regions else None)
    can_manage = region is not None and can_manage_economy(request.user, region.code)
    if request.method == "POST":
        require(can_manage and region is not None)
        assert region is not None
        try:
            if "move" in request.POST:
                release = get_object_or_404(NowcastRelease, region=region, pk=request.POST.get("release"))
                moved = nowcast_move(actor=request.user, release=release, status=request.POST["move"],
                                     note=request.POST.get("note", ""))
                messages.success(request, f"第{moved.vintage}版已改为“{moved.get_status_display()}”。")
            else:
                release = nowcast_run(actor=request.user, region=region, year=int(request.POST.get("year", "0")),
                                      quarter=int(request.POST.get("quarter", "0")))
                messages.success(request, f"已生成{release.year}年第{release.quarter}季度"
                                          f"第{release.vintage}版 (草稿)。")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        except ValueError:
            messages.error(request, "年度或季度无效。")
        return redirect(f"{request.path}?region={region.code}")
    vintages = selectors.nowcast_vintages(region=region) if region else []
    latest = vintages[0] if vintages else None
    published = next((v for v in vintages if v.status == NowcastStatus.PUBLISHED), None)
    periods, series = selectors.monthly_table(region=region) if region else ([], [])

    def band(release: NowcastRelease) -> str:
        return (f"{format_quantity(release.lower, '亿元', places=1)}–{format_quantity(release.upper, '亿元', places=1)}"
                f" ({format_percent(release.band_level, 0)}预测区间)")

    rows = [
        {"release": v, "estimate": format_quantity(v.estimate, "亿元", places=1), "band": band(v),
         "growth": format_quantity(v.growth_percent, "%", places=1),
         "revision": ("+" if v.revision is not None and v.revision > 0 else "")
         + format_quantity(v.revision, "亿元", places=1, missing="首版"),
         "moves": [(to, NowcastStatus(to).label) for frm, to in sorted(NOWCAST_MOVES) if frm == v.status]}
        for v in vintages
    ]
    context = {
        "regions": regions, "region": region, "rows": rows, "latest": latest, "published": published,
        "latest_text": {"estimate": format_quantity(latest.estimate, "亿元", places=1), "band": band(latest),
                        "growth": format_quantity(latest.growth_percent, "%", places=1)} if latest else None,
        "published_text": format_quantity(published.estimate, "亿元", places=1) if published else "",
        "coefficients": [(name, value) for name, value in latest.model.get("coefficients", [])] if latest else [],
        "periods": [f"{year}-{month:02d}" for year, month in periods],
        "series": [{**s, "cells": [format_decimal(v, missing=selectors.NO_DATA) for v in s["cells"]]} for s in series],
        "can_manage": can_manage,
        "today": timezone.localdate(),
    }
    return render(request, "economy/nowcast.html", context)
