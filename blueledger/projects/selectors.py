"""Reads of the registry, scoped to what the user may see. The indicators are aggregated in the database in
one grouped query (district × track) with the latest report of the year at or before the reporting month per
project (see completed_expression); the engine (indicators.py) turns the totals into rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from blueledger.core.permissions import region_prefix, scoped
from blueledger.lib.gbt2260 import CITY_DIGITS, PROVINCE_DIGITS, city_code, city_scope, descendants_prefix
from blueledger.orgs.models import Region
from blueledger.projects import indicators as engine
from blueledger.projects import pipeline
from blueledger.projects.choices import INDICATOR_UNITS, STARTED_FILTER, STARTED_STATUSES, Indicator, LeadStage
from blueledger.projects.models import (
    DispatchTableLayout,
    IndicatorQuery,
    Lead,
    LeadStageChange,
    MonthlyReport,
    Project,
    Track,
)

AMOUNT_FIELD = DecimalField(max_digits=16, decimal_places=2)
CENT = Decimal("0.01")


def parse_month(text: str) -> date:
    """2023-06 → date(2023, 6, 1); a ValueError with a Chinese message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise ValueError(f"报告期应写成 YYYY-MM (如 2023-06), 实为“{text}”") from None


def _amount(value: Any) -> Decimal:
    # SQLite sums decimals as floats; amounts are whole cents of 万元, so rounding to the cent is exact.
    return Decimal(str(value or 0)).quantize(CENT)


def completed_expression(as_of: date) -> Case:
    """1–N月累计完成投资 of the project at `as_of`: its latest report of that year up to that month, else 0.

    Read from the project's copy of its latest report (Project.latest_*) when that report is at or before
    `as_of`, the usual case of the current month; only an earlier month looks the reports up (one seek per
    project on report_project_period_ytd)."""
    year_start = date(as_of.year, 1, 1)
    latest = (
        MonthlyReport.objects.filter(project=OuterRef("pk"), period__gte=year_start, period__lte=as_of)
        .order_by("-period")
        .values("year_to_date_completed_wan")[:1]
    )
    zero = Value(Decimal(0), output_field=AMOUNT_FIELD)
    return Case(
        When(Q(latest_report_period__isnull=True) | Q(latest_report_period__lt=year_start), then=zero),
        When(latest_report_period__lte=as_of, then=F("latest_completed_wan")),
        default=Coalesce(Subquery(latest, output_field=AMOUNT_FIELD), zero, output_field=AMOUNT_FIELD),
        output_field=AMOUNT_FIELD,
    )


def behind_expression(as_of: date) -> ExpressionWrapper:
    """Below 序时进度 when negative: done × 12 − plan × month (indicators.is_lagging without a division)."""
    return ExpressionWrapper(F("done") * 12 - F("annual_plan_wan") * as_of.month, output_field=AMOUNT_FIELD)


def planned_filter(as_of: date) -> Q:
    return Q(plan_year=as_of.year, annual_plan_wan__isnull=False)


def filter_projects(
    projects: QuerySet[Project],
    *,
    district: str = "",
    track: str = "",
    kind: str = "",
    status: str = "",
    size: str = "",
) -> QuerySet[Project]:
    if district:
        projects = projects.filter(region__code__startswith=descendants_prefix(district))
    if track:
        projects = projects.filter(track__name=track)
    if kind:
        projects = projects.filter(kind=kind)
    if status == STARTED_FILTER:
        projects = projects.filter(status__in=STARTED_STATUSES)
    elif status:
        projects = projects.filter(status=status)
    if size:
        threshold = dict(engine.SIZE_THRESHOLDS_WAN).get(size)
        if threshold is not None:
            projects = projects.filter(total_investment_wan__gte=threshold)
    return projects


def track_names(*, user: Any) -> list[str]:
    """The names of the tracks of the user's city (of every city for a province or an administrator)."""
    prefix = city_scope(region_prefix(user) or "")
    return list(
        Track.objects.filter(region__code__startswith=prefix)
        .order_by("position", "name")
        .values_list("name", flat=True)
        .distinct()
    )


def district_choices(*, user: Any) -> QuerySet[Region]:
    """The regions of the user's scope that hold projects, for the list filters."""
    prefix = region_prefix(user) or ""
    # EXISTS stops at a district's first project; a join with DISTINCT reads all 10,000 of a province.
    has_projects = Exists(Project.objects.filter(region=OuterRef("pk")))
    return Region.objects.filter(has_projects, code__startswith=prefix).order_by("code")


def dispatch_layout_of(*, user: Any) -> DispatchTableLayout | None:
    """The dispatch-table layout of the user's city; None for a province, an administrator or a city without."""
    prefix = city_scope(region_prefix(user) or "")
    if len(prefix) != CITY_DIGITS:
        return None
    return DispatchTableLayout.objects.filter(region__code=city_code(prefix)).first()


def project_list(*, user: Any) -> QuerySet[Project]:
    return scoped(Project.objects.all(), user, "region").select_related("region", "track", "responsible_department")


def project_reports(*, project: Project) -> QuerySet[MonthlyReport]:
    return project.reports.order_by("-period")


# The default 报告期 is the latest month in which at least this share of the reporting projects reported:
# a month that 3 of 91 projects have started on is shown only when asked for, with its 报送 beside it.
DEFAULT_PERIOD_MIN_REPORTED_SHARE = Decimal("0.5")
DEFAULT_PERIOD_MONTHS_BACK = 12


@dataclass(frozen=True, slots=True)
class MonthReporting:
    """How many of the projects that report (those in scope with any monthly report) reported `period`."""

    period: date
    reported: int
    reporting: int

    @property
    def complete_enough(self) -> bool:
        return self.reporting == 0 or self.reported >= self.reporting * DEFAULT_PERIOD_MIN_REPORTED_SHARE

    @property
    def text(self) -> str:
        return f"{self.reported}/{self.reporting}"


def month_reporting(*, user: Any, period: date) -> MonthReporting:
    projects = scoped(Project.objects.all(), user, "region").filter(latest_report_period__isnull=False)
    reported = MonthlyReport.objects.filter(period=period, project__in=projects.values("pk")).count()
    return MonthReporting(period=period, reported=reported, reporting=projects.count())


def default_report_month(*, user: Any) -> date | None:
    """The latest month (of the last 12 that any project reported) in which at least half of the reporting
    projects reported; else the latest month reported at all; None before any report."""
    months = list(
        scoped(Project.objects.all(), user, "region")
        .filter(latest_report_period__isnull=False)
        .order_by("-latest_report_period")
        .values_list("latest_report_period", flat=True)
        .distinct()[:DEFAULT_PERIOD_MONTHS_BACK]
    )
    for month in months:
        if month_reporting(user=user, period=month).complete_enough:
            return month
    return months[0] if months else None


def totals_by_group(projects: QuerySet[Project], as_of: date) -> list[tuple[str, str, engine.ProjectTotals]]:
    """(region code, track name, totals) per district × track, in one query (lagging projects included, so
    that the page does not scan the projects again to count them)."""
    planned = planned_filter(as_of)
    started = Q(status__in=STARTED_STATUSES)
    size = {key: Q(total_investment_wan__gte=threshold) for key, threshold in engine.SIZE_THRESHOLDS_WAN}
    lagging = planned & Q(annual_plan_wan__gt=0, behind__lt=0)
    rows = (
        projects.order_by()
        .annotate(done=completed_expression(as_of), behind=behind_expression(as_of))
        # Grouped by the keys, not by code and name: no join, and no sorting of 10,000 Chinese names by
        # collation (half of the query's time on PostgreSQL); the few names are read afterwards.
        .values("region_id", "track_id")
        .annotate(
            n=Count("pk"),
            n_lagging=Count("pk", filter=lagging),
            n_started=Count("pk", filter=started),
            n_listed=Count("pk", filter=started & Q(is_listed=True)),
            total=Sum("total_investment_wan"),
            n_planned=Count("pk", filter=planned),
            plan=Sum("annual_plan_wan", filter=planned),
            completed=Sum("done"),
            completed_planned=Sum("done", filter=planned),
            n50=Count("pk", filter=size["50"]),
            n30=Count("pk", filter=size["30"]),
            n10=Count("pk", filter=size["10"]),
            n1=Count("pk", filter=size["1"]),
        )
    )
    rows = list(rows)
    codes = dict(Region.objects.filter(pk__in={row["region_id"] for row in rows}).values_list("pk", "code"))
    names = dict(Track.objects.filter(pk__in={row["track_id"] for row in rows}).order_by().values_list("pk", "name"))
    return [
        (
            codes[row["region_id"]],
            names[row["track_id"]],
            engine.ProjectTotals(
                projects=row["n"],
                started=row["n_started"],
                listed_started=row["n_listed"],
                total_investment_wan=_amount(row["total"]),
                planned_projects=row["n_planned"],
                annual_plan_wan=_amount(row["plan"]),
                completed_wan=_amount(row["completed"]),
                completed_planned_wan=_amount(row["completed_planned"]),
                over_50_yi=row["n50"],
                over_30_yi=row["n30"],
                over_10_yi=row["n10"],
                over_1_yi=row["n1"],
                lagging=row["n_lagging"],
            ),
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class IndicatorsResult:
    as_of: date
    overall: engine.ProjectFigures
    by_district: tuple[engine.ProjectFigures, ...]
    by_track: tuple[engine.ProjectFigures, ...]


def _group_code(code: str, base_prefix: str) -> str:
    """The region one level below the base scope that holds `code`: cities under a province, districts under
    a city."""
    if len(base_prefix) <= PROVINCE_DIGITS:
        return city_code(code)
    return code


def indicators_of(projects: QuerySet[Project], as_of: date, *, base_prefix: str) -> IndicatorsResult:
    groups = totals_by_group(projects, as_of)
    district_groups: dict[str, list[engine.ProjectTotals]] = {}
    track_groups: dict[str, list[engine.ProjectTotals]] = {}
    for code, track, totals in groups:
        district_groups.setdefault(_group_code(code, base_prefix), []).append(totals)
        track_groups.setdefault(track, []).append(totals)
    by_district = {key: engine.sum_totals(items) for key, items in district_groups.items()}
    by_track = {key: engine.sum_totals(items) for key, items in track_groups.items()}
    overall = engine.sum_totals(totals for _, _, totals in groups)
    names = dict(Region.objects.filter(code__in=by_district).values_list("code", "name")) if by_district else {}
    track_order = (
        {
            name: index
            for index, name in enumerate(
                Track.objects.filter(name__in=by_track)
                .order_by("position", "name")
                .values_list("name", flat=True)
                .distinct()
            )
        }
        if by_track
        else {}
    )
    month = as_of.month
    return IndicatorsResult(
        as_of=as_of,
        overall=engine.figures_of(overall, month=month),
        by_district=tuple(
            engine.figures_of(by_district[code], month=month, label=names.get(code, code), key=code)
            for code in sorted(by_district)
        ),
        by_track=tuple(
            engine.figures_of(by_track[name], month=month, label=name, key=name)
            for name in sorted(by_track, key=lambda name: (track_order.get(name, 999), name))
        ),
    )


def project_indicators(
    *, user: Any, as_of: date, district: str = "", track: str = "", kind: str = "", status: str = "", size: str = ""
) -> IndicatorsResult:
    projects = filter_projects(
        scoped(Project.objects.all(), user, "region"),
        district=district,
        track=track,
        kind=kind,
        status=status,
        size=size,
    )
    base_prefix = descendants_prefix(district) if district else (region_prefix(user) or "")
    return indicators_of(projects, as_of, base_prefix=base_prefix)


def lagging_projects(
    projects: QuerySet[Project], as_of: date, *, limit: int | None = 20
) -> list[engine.LaggingProject]:
    """Projects behind 序时进度 (see indicators.is_lagging), the furthest behind first; how many there are is
    ProjectTotals.lagging of the indicators."""
    rows = lagging_queryset(projects, as_of).order_by("completion", "name")
    if limit is not None:
        rows = rows[:limit]
    schedule = engine.schedule_rate(as_of.month)
    return [
        engine.LaggingProject(
            project_id=project.pk,
            name=project.name,
            district=project.region.name,
            track=project.track.name,
            annual_plan_wan=project.annual_plan_wan,
            completed_wan=_amount(project.done),
            completion_rate=engine.ratio(_amount(project.done), project.annual_plan_wan),
            schedule_rate=schedule,
        )
        for project in rows.select_related(None)
        .select_related("region", "track")
        .only("name", "annual_plan_wan", "region__name", "track__name")
    ]


def lagging_queryset(projects: QuerySet[Project], as_of: date) -> QuerySet[Project]:
    """The lagging projects with `done` selected; `behind` and `completion` (for ordering) are aliases, which
    the database computes only where they are used, not for every row it sorts."""
    return (
        projects.filter(planned_filter(as_of), annual_plan_wan__gt=0)
        .annotate(done=completed_expression(as_of))
        .alias(
            behind=behind_expression(as_of),
            # As a float: SQLite divides whole-number decimals as integers (47% would sort as 0).
            completion=ExpressionWrapper(
                Cast(F("done"), FloatField()) / Cast(F("annual_plan_wan"), FloatField()), output_field=FloatField()
            ),
        )
        .filter(behind__lt=0)
    )


def registry_filter_choices(region: Region) -> tuple[list[Region], list[str]]:
    """The districts (the region and those below it) and the tracks a saved query of `region` may filter by."""
    districts = list(Region.objects.filter(code__startswith=region.scope_prefix).order_by("code"))
    tracks = list(
        Track.objects.filter(region__code__startswith=city_scope(region.scope_prefix))
        .order_by("position", "name")
        .values_list("name", flat=True)
        .distinct()
    )
    return districts, tracks


def region_has_projects(region: Region) -> bool:
    """Whether the region (or a region below it) keeps key projects in the registry."""
    return Project.objects.filter(region__code__startswith=region.scope_prefix).exists()


def projects_bulletin_section(region: Region, as_of: date, *, lagging_limit: int = 20) -> engine.ProjectsSection:
    """The 重点项目 section of `region`'s bulletin for the month of `as_of` (not scoped to a user: the bulletin
    is the region's)."""
    as_of = as_of.replace(day=1)
    projects = Project.objects.filter(region__code__startswith=region.scope_prefix)
    result = indicators_of(projects, as_of, base_prefix=region.scope_prefix)
    lagging = lagging_projects(projects, as_of, limit=lagging_limit)
    return engine.ProjectsSection(
        region_name=region.name,
        year=as_of.year,
        month=as_of.month,
        overall=result.overall,
        by_district=result.by_district,
        by_track=result.by_track,
        lagging=tuple(lagging),
        lagging_total=result.overall.totals.lagging,
    )


def lead_list(*, user: Any) -> QuerySet[Lead]:
    return scoped(Lead.objects.all(), user, "region").select_related("region", "track", "project")


def pipeline_funnel(leads: QuerySet[Lead]) -> pipeline.Funnel:
    """The funnel of `leads` from their stage changes, in one query."""
    changes = (
        LeadStageChange.objects.filter(lead__in=leads.values("pk"))
        .order_by("lead_id", "changed_on", "pk")
        .values_list("lead_id", "stage", "changed_on")
    )
    paths: dict[int, list[pipeline.StageEntry]] = {}
    for lead_id, stage, changed_on in changes:
        paths.setdefault(lead_id, []).append(pipeline.StageEntry(stage=stage, entered_on=changed_on))
    return pipeline.funnel_of(pipeline.LeadPath(entries=tuple(entries)) for entries in paths.values())


def indicator_value(*, query: IndicatorQuery, as_of: date) -> engine.IndicatorValue:
    as_of = as_of.replace(day=1)
    filters = query.filters
    if query.indicator == Indicator.SIGNED_LEADS:
        signed = LeadStageChange.objects.filter(
            lead__region__code__startswith=descendants_prefix(filters.get("district") or query.region.code),
            stage=LeadStage.SIGNED,
            changed_on__gte=date(as_of.year, 1, 1),
            changed_on__lt=date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1),
        )
        if filters.get("track"):
            signed = signed.filter(lead__track__name=filters["track"])
        if filters.get("min_signed_yi") not in (None, ""):
            signed = signed.filter(
                lead__signed_amount_wan__gte=Decimal(str(filters["min_signed_yi"])) * engine.WAN_PER_YI
            )
        count = signed.values("lead").distinct().count()
        return engine.IndicatorValue(Decimal(count), INDICATOR_UNITS[query.indicator])
    projects = filter_projects(
        Project.objects.filter(region__code__startswith=query.region.scope_prefix),
        district=filters.get("district", ""),
        track=filters.get("track", ""),
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        size=filters.get("size", ""),
    )
    figures = indicators_of(projects, as_of, base_prefix=query.region.scope_prefix).overall
    unit = INDICATOR_UNITS[query.indicator]
    amounts: dict[str, Decimal] = {
        Indicator.PROJECTS: Decimal(figures.totals.projects),
        Indicator.TOTAL_INVESTMENT: figures.total_investment_yi,
        Indicator.ANNUAL_PLAN: figures.annual_plan_yi,
        Indicator.COMPLETED: figures.completed_yi,
    }
    rates = {
        Indicator.STARTED_RATE: figures.started_rate,
        Indicator.ANNUAL_COMPLETION_RATE: figures.annual_completion_rate,
        Indicator.LISTED_RATE: figures.listed_rate,
    }
    if query.indicator in rates:
        rate = rates[query.indicator]
        return engine.IndicatorValue(None if rate is None else rate * Decimal(100), unit)
    return engine.IndicatorValue(amounts[query.indicator], unit)
