"""Writes of the registry, the monthly reports and the pipeline. Each runs in one transaction, checks the
actor's right, validates before writing and names its actor for the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from blueledger.core.fields import require_known_fields
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import require
from blueledger.lib.gbt2260 import city_prefix, same_city
from blueledger.orgs.models import Department, Region
from blueledger.projects.choices import LEAD_STAGE_ORDER, Indicator, LeadStage, ProjectKind, ProjectStatus
from blueledger.projects.models import (
    DispatchTableLayout,
    IndicatorQuery,
    Lead,
    LeadStageChange,
    MonthlyReport,
    Project,
    Track,
)
from blueledger.projects.permissions import can_manage_projects, can_report

PROJECT_FIELDS = (
    "region",
    "track",
    "name",
    "content",
    "kind",
    "total_investment_wan",
    "plan_year",
    "annual_plan_wan",
    "planned_start",
    "planned_end",
    "status",
    "is_listed",
    "responsible_department",
    "contact",
    "contact_phone",
)


@transaction.atomic
def track_create(*, actor: Any, region: Region, name: str, position: int = 0) -> Track:
    require(can_manage_projects(actor, region.code))
    name = " ".join(name.split())
    if not name:
        raise ValidationError("赛道名称不能为空。")
    if Track.objects.filter(region=region, name=name).exists():
        raise ValidationError(f"{region.name}已有赛道“{name}”。")
    track = Track(region=region, name=name, position=position)
    attribute_change(track, actor=actor)
    track.save()
    return track


def project_problems(project: Project) -> list[str]:
    """Why `project` may not be saved as it stands (empty: it may)."""
    problems = []
    if not project.name.strip():
        problems.append("项目名称不能为空。")
    if project.total_investment_wan is None or project.total_investment_wan < 0:
        problems.append(f"总投资不能为负数: {project.total_investment_wan}。")
    if project.annual_plan_wan is not None and project.annual_plan_wan < 0:
        problems.append(f"年度计划投资不能为负数: {project.annual_plan_wan}。")
    if (
        project.annual_plan_wan is not None
        and project.total_investment_wan is not None
        and project.annual_plan_wan > project.total_investment_wan
    ):
        problems.append(f"年度计划投资 {project.annual_plan_wan} 万元超过总投资 {project.total_investment_wan} 万元。")
    if project.planned_start and project.planned_end and project.planned_end < project.planned_start:
        problems.append("计划竣工早于计划开工。")
    if project.track_id and not same_city(project.region.code, project.track.region.code):
        problems.append(f"赛道“{project.track}”属于{project.track.region}, 不属于项目所在的{project.region}。")
    same_name = Project.objects.filter(name=project.name, region__code__startswith=city_prefix(project.region.code))
    if project.pk:
        same_name = same_name.exclude(pk=project.pk)
    if same_name.exists():
        problems.append(_same_name_problem(project))
    return problems


def _same_name_problem(project: Project) -> str:
    """The refusal of a second project of one name in a city, saved already or earlier in the same batch."""
    return f"本市已有同名项目“{project.name}”。"


@transaction.atomic
def project_create(*, actor: Any, reason: str = "", **values: Any) -> Project:
    require_known_fields(values, PROJECT_FIELDS, refusal="重点项目没有这些字段")
    region = values["region"]
    require(can_manage_projects(actor, region.code))
    values.setdefault("kind", ProjectKind.NEW)
    values.setdefault("status", ProjectStatus.PREPARING)
    project = Project(**values)
    problems = project_problems(project)
    if problems:
        raise ValidationError(problems)
    attribute_change(project, actor=actor, reason=reason)
    project.save()
    return project


@transaction.atomic
def project_update(*, actor: Any, project: Project, reason: str = "", **changes: Any) -> Project:
    """Changes fields of a project; moving it to another district (`region`) needs the right on both."""
    require_known_fields(changes, PROJECT_FIELDS, refusal="重点项目没有这些字段")
    require(can_manage_projects(actor, project.region.code))
    if "region" in changes:
        require(can_manage_projects(actor, changes["region"].code))
    for field, value in changes.items():
        setattr(project, field, value)
    problems = project_problems(project)
    if problems:
        raise ValidationError(problems)
    attribute_change(project, actor=actor, reason=reason)
    project.save()
    return project


def month_start(value: date) -> date:
    return value.replace(day=1)


def report_problems(
    *,
    period: date,
    completed_wan: Decimal,
    total_investment_wan: Decimal,
    previous: tuple[date, Decimal] | None,
    following: tuple[date, Decimal] | None,
) -> list[str]:
    """Why a 1–N月累计 figure cannot stand between the project's earlier and later reports of the same year."""
    problems = []
    if completed_wan < 0:
        problems.append(f"累计完成投资不能为负数: {completed_wan}。")
    if completed_wan > total_investment_wan:
        problems.append(f"累计完成投资 {completed_wan} 万元超过总投资 {total_investment_wan} 万元。")
    if previous is not None and previous[0].year == period.year and completed_wan < previous[1]:
        problems.append(
            f"累计完成投资 {completed_wan} 万元少于 {previous[0]:%Y-%m} 的 {previous[1]} 万元 (1–N月累计不能减少)。"
        )
    if following is not None and following[0].year == period.year and completed_wan > following[1]:
        problems.append(
            f"累计完成投资 {completed_wan} 万元多于 {following[0]:%Y-%m} 的 {following[1]} 万元 (1–N月累计不能减少)。"
        )
    return problems


def report_neighbours(
    project: Project, period: date
) -> tuple[tuple[date, Decimal] | None, tuple[date, Decimal] | None]:
    """The project's reports just before and after `period` within the same year."""
    same_year = project.reports.filter(period__year=period.year)
    before = same_year.filter(period__lt=period).order_by("-period").values_list("period", "year_to_date_completed_wan")
    after = same_year.filter(period__gt=period).order_by("period").values_list("period", "year_to_date_completed_wan")
    return before.first(), after.first()


@transaction.atomic
def report_save(
    *,
    actor: Any,
    project: Project,
    period: date,
    year_to_date_completed_wan: Decimal,
    progress: str = "",
    problems: str = "",
    coordination: str = "",
    reason: str = "",
) -> MonthlyReport:
    """Creates or replaces the project's report of the month of `period`. Saves of one project run one after
    another (the project row is locked first), so each sees the reports saved before it: the same month is
    replaced, never created twice."""
    require(can_report(actor, project), "您无权填报该项目的月度调度。")
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk").first()
    period = month_start(period)
    previous, following = report_neighbours(project, period)
    refused = report_problems(
        period=period,
        completed_wan=year_to_date_completed_wan,
        total_investment_wan=project.total_investment_wan,
        previous=previous,
        following=following,
    )
    if refused:
        raise ValidationError(refused)
    report = MonthlyReport.objects.filter(project=project, period=period).first() or MonthlyReport(
        project=project, period=period
    )
    report.year_to_date_completed_wan = year_to_date_completed_wan
    report.progress = progress
    report.problems = problems
    report.coordination = coordination
    attribute_change(report, actor=actor, reason=reason)
    try:
        with transaction.atomic():  # a savepoint: a database without row locks still answers in Chinese
            report.save()
    except IntegrityError:
        raise ValidationError(f"{period:%Y-%m} 的月度调度刚被他人保存, 本次填写未保存, 请刷新后核对。") from None
    project_latest_report_refresh(project=project)
    return report


@transaction.atomic  # the row lock below needs a transaction even when a caller has none
def project_latest_report_refresh(*, project: Project) -> None:
    """Copies the project's most recent report onto `latest_report_period` and `latest_completed_wan` (see
    Project); called by every writer of reports inside its transaction. Derived data: written with update()
    so that it makes no history row of the project."""
    # Locking the project row first makes two reports saved at once for the same project both seen by the
    # refresh that runs last.
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk").first()
    latest = project.reports.order_by("-period").values_list("period", "year_to_date_completed_wan").first()
    period, completed = latest if latest is not None else (None, None)
    Project.objects.filter(pk=project.pk).update(latest_report_period=period, latest_completed_wan=completed)
    project.latest_report_period, project.latest_completed_wan = period, completed


@transaction.atomic
def projects_create_with_reports(
    *, actor: Any, reason: str = "", entries: Sequence[tuple[dict[str, Any], Sequence[dict[str, Any]]]]
) -> list[Project]:
    """Creates new projects, each with its monthly reports, in a few queries instead of a dozen per report: for
    loaders of a whole registry (the Qingdao fixture of the demo and the tests). Each entry is a project's fields
    (as project_create takes them) and its reports (report_save's keywords: period, year_to_date_completed_wan,
    progress, problems, coordination, reason), one per month. The same rights and checks as project_create and
    report_save called one after another, the same rows and history rows (a 新建 of each project with `reason`,
    a 新建 of each report), and the same derived latest report on each project; all or nothing."""
    projects: list[Project] = []
    reports: list[MonthlyReport] = []
    report_reasons: list[str] = []
    names: set[tuple[str, str]] = set()
    for values, project_reports in entries:
        require_known_fields(values, PROJECT_FIELDS, refusal="重点项目没有这些字段")
        require(can_manage_projects(actor, values["region"].code))
        project = Project(**{"kind": ProjectKind.NEW, "status": ProjectStatus.PREPARING, **values})
        problems = project_problems(project)
        name_key = (city_prefix(project.region.code), project.name)
        if name_key in names:
            problems.append(_same_name_problem(project))
        names.add(name_key)
        if problems:
            raise ValidationError(problems)
        projects.append(project)
        if project_reports:
            require(can_report(actor, project), "您无权填报该项目的月度调度。")
        in_order = sorted(
            ({**report, "period": month_start(report["period"])} for report in project_reports),
            key=lambda report: report["period"],
        )
        for index, report in enumerate(in_order):
            if index and report["period"] == in_order[index - 1]["period"]:
                raise ValidationError(f"“{project.name}”的 {report['period']:%Y-%m} 月度调度重复。")
            # As report_save month after month: each report against the one before it (no later one saved yet).
            previous = in_order[index - 1] if index else None
            refused = report_problems(
                period=report["period"],
                completed_wan=report["year_to_date_completed_wan"],
                total_investment_wan=project.total_investment_wan,
                previous=(previous["period"], previous["year_to_date_completed_wan"]) if previous else None,
                following=None,
            )
            if refused:
                raise ValidationError(refused)
            reports.append(
                MonthlyReport(project=project, **{key: value for key, value in report.items() if key != "reason"}))
            report_reasons.append(report.get("reason", ""))
        if in_order:
            project.latest_report_period = in_order[-1]["period"]
            project.latest_completed_wan = in_order[-1]["year_to_date_completed_wan"]
    # The derived latest report goes in with the project's row: the history leaves it out (see Project).
    Project.objects.bulk_create(projects)
    history_bulk_create(projects, actor=actor, reason=reason)
    MonthlyReport.objects.bulk_create(reports)
    history_bulk_create(reports, actor=actor, reason=report_reasons)
    return projects


@transaction.atomic
def lead_create(
    *,
    actor: Any,
    region: Region,
    track: Track,
    name: str,
    entered_on: date,
    investor: str = "",
    source: str = "",
    responsible_person: str = "",
    planned_investment_wan: Decimal | None = None,
) -> Lead:
    require(can_manage_projects(actor, region.code))
    if not name.strip():
        raise ValidationError("项目名称不能为空。")
    if planned_investment_wan is not None and planned_investment_wan < 0:
        raise ValidationError(f"计划投资不能为负数: {planned_investment_wan}。")
    if not same_city(region.code, track.region.code):
        raise ValidationError(f"赛道“{track}”不属于{region}。")
    lead = Lead(
        region=region,
        track=track,
        name=name.strip(),
        investor=investor,
        source=source,
        responsible_person=responsible_person,
        planned_investment_wan=planned_investment_wan,
        stage=LeadStage.NEGOTIATING,
        stage_since=entered_on,
    )
    _lead_stage_save(actor=actor, lead=lead, stage=LeadStage.NEGOTIATING, changed_on=entered_on)
    return lead


def _lead_stage_save(*, actor: Any, lead: Lead, stage: str, changed_on: date, note: str = "",
                     reason: str = "") -> LeadStageChange:
    """Saves the lead at its new stage and the stage change that records it, both with their history."""
    attribute_change(lead, actor=actor, reason=reason)
    lead.save()
    change = LeadStageChange(lead=lead, stage=stage, changed_on=changed_on, note=note, recorded_by=actor)
    attribute_change(change, actor=actor)
    change.save()
    return change


@transaction.atomic
def lead_stage_change(
    *,
    actor: Any,
    lead: Lead,
    stage: str,
    changed_on: date,
    note: str = "",
    signed_amount_wan: Decimal | None = None,
    drop_reason: str = "",
) -> LeadStageChange:
    """Moves a lead forward (stages may be skipped) or drops it with a reason. Dates never go backwards;
    signing needs the signed amount."""
    require(can_manage_projects(actor, lead.region.code))
    if lead.stage == LeadStage.DROPPED:
        raise ValidationError("该线索已终止, 不能再变更阶段。")
    if changed_on < lead.stage_since:
        raise ValidationError(f"日期 {changed_on} 早于进入当前阶段的日期 {lead.stage_since}。")
    if stage == LeadStage.DROPPED:
        if not drop_reason.strip():
            raise ValidationError("终止线索须写明原因。")
        lead.drop_reason = drop_reason.strip()
    else:
        if stage not in LEAD_STAGE_ORDER:
            raise ValidationError(f"未知的阶段“{stage}”。")
        if LEAD_STAGE_ORDER.index(LeadStage(stage)) <= LEAD_STAGE_ORDER.index(LeadStage(lead.stage)):
            raise ValidationError(f"阶段只能向前推进: 当前为{lead.get_stage_display()}。")
        if signed_amount_wan is not None:
            if signed_amount_wan < 0:
                raise ValidationError(f"签约金额不能为负数: {signed_amount_wan}。")
            lead.signed_amount_wan = signed_amount_wan
        if lead.signed_amount_wan is None and LEAD_STAGE_ORDER.index(LeadStage(stage)) >= 1:
            raise ValidationError("签约须填写签约金额 (万元)。")
    lead.stage = stage
    lead.stage_since = changed_on
    return _lead_stage_save(actor=actor, lead=lead, stage=stage, changed_on=changed_on, note=note or drop_reason,
                            reason=note)


@transaction.atomic
def lead_convert_to_project(
    *,
    actor: Any,
    lead: Lead,
    plan_year: int,
    annual_plan_wan: Decimal | None = None,
    responsible_department: Department | None = None,
) -> Project:
    """A signed (or later) lead becomes a registry project in one step: name, district, track, and the signed
    amount as 总投资; the lead keeps a link to it. Done once."""
    require(can_manage_projects(actor, lead.region.code))
    if lead.project_id is not None:
        raise ValidationError(f"该线索已转入项目“{lead.project}”。")
    if lead.stage in (LeadStage.NEGOTIATING, LeadStage.DROPPED):
        raise ValidationError("只有已签约的线索才能转入项目库。")
    project = project_create(
        actor=actor,
        reason=f"由招商线索“{lead.name}”转入",
        region=lead.region,
        track=lead.track,
        name=lead.name,
        content=f"投资方: {lead.investor}" if lead.investor else "",
        kind=ProjectKind.NEW,
        total_investment_wan=lead.signed_amount_wan or lead.planned_investment_wan or Decimal(0),
        plan_year=plan_year,
        annual_plan_wan=annual_plan_wan,
        status=ProjectStatus.UNDER_CONSTRUCTION if lead.stage in ("started", "producing") else ProjectStatus.PREPARING,
        responsible_department=responsible_department,
        contact=lead.responsible_person,
    )
    lead.project = project
    attribute_change(lead, actor=actor, reason="转入项目库")
    lead.save()
    return project


FILTER_KEYS = ("district", "track", "kind", "status", "size", "min_signed_yi")


@transaction.atomic
def indicator_query_save(
    *,
    actor: Any,
    region: Region,
    name: str,
    indicator: str,
    filters: dict[str, Any],
    query: IndicatorQuery | None = None,
) -> IndicatorQuery:
    require(can_manage_projects(actor, region.code))
    if indicator not in Indicator.values:
        raise ValidationError(f"未知的指标“{indicator}”。")
    require_known_fields(filters, FILTER_KEYS, refusal="未知的筛选条件")
    district = filters.get("district")
    if district and not str(district).startswith(region.scope_prefix):
        raise ValidationError(f"区划 {district} 不在{region.name}范围内。")
    query = query or IndicatorQuery()
    query.region, query.name, query.indicator, query.filters = region, name, indicator, dict(filters)
    attribute_change(query, actor=actor)
    query.save()
    return query


@transaction.atomic
def dispatch_layout_save(
    *, actor: Any, region: Region, columns: dict[str, str], sheet_name: str = "", header_row: int = 1
) -> DispatchTableLayout:
    from blueledger.projects.exports import DISPATCH_FIELDS

    require(can_manage_projects(actor, region.code))
    unknown = set(columns) - {key for key, _, _ in DISPATCH_FIELDS}
    if unknown:
        raise ValidationError(f"调度表没有这些字段: {', '.join(sorted(unknown))}")
    if "name" not in columns:
        raise ValidationError("调度表格式须包含“项目名称”列。")
    if header_row < 1:
        raise ValidationError("表头所在行须为正整数。")
    layout = DispatchTableLayout.objects.filter(region=region).first() or DispatchTableLayout(region=region)
    layout.columns, layout.sheet_name, layout.header_row = dict(columns), sheet_name, header_row
    attribute_change(layout, actor=actor)
    layout.save()
    return layout
