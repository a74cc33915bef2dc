"""Reads of ocean-economy monitoring, scoped to what the user may see. The classification and the figures
are reference data every signed-in user reads; units are scoped by their region."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from blueledger.core.permissions import in_scope, region_prefix, scoped
from blueledger.economy.choices import (
    CLUSTER_COUNT_TIERS,
    GROWTH_OF,
    FigureOrigin,
    Indicator,
    MonthlySeriesKind,
    SubmissionStatus,
)
from blueledger.economy.composite import DomainSpec, IndexResult, IndicatorSpec, composite_compute
from blueledger.economy.models import (
    ClusterIndicatorValue,
    CompositeIndex,
    EconomyFigure,
    FormRound,
    FormSubmission,
    IndexObservation,
    IndustrialCluster,
    MonthlyValue,
    NowcastRelease,
    OceanIndustry,
    StatisticalUnit,
    TargetBinding,
)
from blueledger.economy.trajectory import Observation, Trajectory, relative_compute, trajectory_compute
from blueledger.orgs.models import Region


def unit_list(*, user: Any) -> QuerySet[StatisticalUnit]:
    return scoped(StatisticalUnit.objects.all(), user, "region").select_related("region", "ocean_industry")


def industry_tree() -> list[OceanIndustry]:
    return list(OceanIndustry.objects.select_related("parent").prefetch_related("crosswalk").order_by("position"))


def figure_list(
    *, indicator: str = "", region_code: str = "", industry_key: str = "", origin: str = ""
) -> QuerySet[EconomyFigure]:
    figures = EconomyFigure.objects.select_related("region", "industry")
    if indicator:
        figures = figures.filter(indicator=indicator)
    if region_code:
        figures = figures.filter(region__code=region_code)
    if industry_key:
        figures = figures.filter(industry__key=industry_key)
    if origin:
        figures = figures.filter(origin=origin)
    return figures.order_by("indicator", "region__code", "industry__position", "year", "quarter")


# A series of annual figures: its indicator, region id (None: national) and industry id (None: the whole economy).
SeriesKey = tuple[str, int | None, int | None]


def _series_key(indicator: str, region: Region | None, industry: OceanIndustry | None) -> SeriesKey:
    return (indicator, region.pk if region is not None else None, industry.pk if industry is not None else None)


def annual_series(keys: Iterable[SeriesKey]) -> dict[SeriesKey, list[EconomyFigure]]:
    """The annual figures of each series of `keys` (none: an empty list), oldest first; a published figure wins
    over a computed one. One query, however many series."""
    wanted = set(keys)
    found: dict[SeriesKey, dict[int, EconomyFigure]] = {key: {} for key in wanted}
    if not wanted:
        return {}
    which = Q()
    for indicator, region_id, industry_id in wanted:
        which |= Q(indicator=indicator, region_id=region_id, industry_id=industry_id)
    for figure in EconomyFigure.objects.filter(which, quarter=0).order_by("year", "-origin"):
        by_year = found[(figure.indicator, figure.region_id, figure.industry_id)]
        # "published" sorts after "computed": wins last.
        if figure.year not in by_year or figure.origin == FigureOrigin.PUBLISHED:
            by_year[figure.year] = figure
    return {key: [by_year[year] for year in sorted(by_year)] for key, by_year in found.items()}


def series_of(*, indicator: str, region: Region | None, industry: OceanIndustry | None = None) -> list[EconomyFigure]:
    """The annual figures of one series, oldest first; a published figure wins over a computed one."""
    key = _series_key(indicator, region, industry)
    return annual_series([key])[key]


def _level_series_keys(indicator: str, region: Region | None, industry: OceanIndustry | None) -> list[SeriesKey]:
    """The series observations_of and growth_rates read: the level's and its published growth's."""
    growth_indicator = GROWTH_OF.get(Indicator(indicator))
    return [_series_key(indicator, region, industry),
            *([_series_key(growth_indicator, region, industry)] if growth_indicator else [])]


def cluster_count_observations(*, indicator: str, region: Region, until_year: int,
                               recognised: Mapping[tuple[str, str], list[int]] | None = None) -> list[Observation]:
    """Recognised clusters of the indicator's tier in `region`, counted at the end of each year from the
    first recognition to `until_year`, with the growth of the count; from `recognised` (recognised_years) when
    given, else read."""
    key = (CLUSTER_COUNT_TIERS[indicator], region.scope_prefix)
    if recognised is None:
        recognised = recognised_years([key])
    years = [year for year in recognised[key] if year <= until_year]
    if not years:
        return []
    observations = []
    previous = 0
    for year in range(years[0], until_year + 1):
        count = sum(1 for recognised_year in years if recognised_year <= year)
        growth = Decimal(count - previous) / previous * 100 if previous else None
        observations.append(Observation(year, Decimal(count), growth))
        previous = count
    return observations


def recognised_years(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[int]]:
    """The years of recognition of the clusters of each (tier, region code prefix) of `keys`, in order. One
    query, however many keys."""
    wanted = set(keys)
    if not wanted:
        return {}
    which = Q()
    for tier, prefix in wanted:
        which |= Q(tier=tier, region__code__startswith=prefix)
    rows = list(IndustrialCluster.objects.filter(which, recognised_year__isnull=False).values_list(
        "tier", "region__code", "recognised_year"))
    return {(tier, prefix): sorted(year for of_tier, code, year in rows if of_tier == tier and code.startswith(prefix))
            for tier, prefix in wanted}


def observations_of(*, indicator: str, region: Region, industry: OceanIndustry | None = None,
                    series: Mapping[SeriesKey, list[EconomyFigure]] | None = None) -> list[Observation]:
    """The series with each year's growth: the published growth figure where there is one, else the
    current-price growth against the previous year's value; from `series` (annual_series) when given, else read.
    Cluster counts come from the cluster registry, up to the current year."""
    if indicator in CLUSTER_COUNT_TIERS:
        return cluster_count_observations(indicator=indicator, region=region, until_year=timezone.localdate().year)
    keys = _level_series_keys(indicator, region, industry)
    if series is None:
        series = annual_series(keys)
    published_growth = {figure.year: figure.value for figure in series[keys[1]]} if len(keys) > 1 else {}
    observations = []
    previous: EconomyFigure | None = None
    for figure in series[keys[0]]:
        growth = published_growth.get(figure.year)
        if growth is None and previous is not None and previous.year == figure.year - 1 and previous.value > 0:
            growth = (figure.value / previous.value - 1) * 100
        observations.append(Observation(figure.year, figure.value, growth))
        previous = figure
    return observations


def growth_rates(*, indicator: str, region: Region, industry: OceanIndustry | None = None,
                 series: Mapping[SeriesKey, list[EconomyFigure]] | None = None) -> dict[int, Decimal]:
    """Each year's growth of a level series in %: its growth figure (published winning) where there is one,
    else the current-price growth from two consecutive levels; years with neither are absent. From `series`
    (annual_series) when given, else read."""
    keys = _level_series_keys(indicator, region, industry)
    if series is None:
        series = annual_series(keys)
    rates = {o.year: o.growth_percent
             for o in observations_of(indicator=indicator, region=region, industry=industry, series=series)
             if o.growth_percent is not None}
    if len(keys) > 1:
        for figure in series[keys[1]]:
            rates.setdefault(figure.year, figure.value)
    return dict(sorted(rates.items()))


@dataclass(frozen=True, slots=True)
class BoundFigures:
    """What the trajectories of some bindings are computed from: their series (annual_series) and cluster
    recognitions (recognised_years), read in two queries however many bindings there are."""
    series: dict[SeriesKey, list[EconomyFigure]]
    recognised: dict[tuple[str, str], list[int]]

    def latest(self, binding: TargetBinding, *, until_year: int) -> EconomyFigure | None:
        """The bound level series' latest figure of a year up to `until_year`."""
        figures = [figure for figure in self.series[_series_key(binding.indicator, binding.region, binding.industry)]
                   if figure.year <= until_year]
        return figures[-1] if figures else None


def bound_figures(bindings: Iterable[TargetBinding]) -> BoundFigures:
    """The figures binding_trajectory reads for each of `bindings`, read at once."""
    series_keys: list[SeriesKey] = []
    cluster_keys: list[tuple[str, str]] = []
    for binding in bindings:
        if binding.indicator in CLUSTER_COUNT_TIERS:
            cluster_keys.append((CLUSTER_COUNT_TIERS[binding.indicator], binding.region.scope_prefix))
            continue
        series_keys += _level_series_keys(binding.indicator, binding.region, binding.industry)
        if binding.reference_indicator:
            series_keys += _level_series_keys(binding.reference_indicator, binding.region, None)
    return BoundFigures(annual_series(series_keys), recognised_years(cluster_keys))


def binding_trajectory(binding: TargetBinding, *, until_year: int | None = None,
                       figures: BoundFigures | None = None) -> Trajectory:
    """The trajectory of a bound target from the figures up to `until_year` (all of them when None; cluster
    counts up to the current year): the one computation the trajectory page, the command, the exports and
    the dispatch round's note (round_source) share. From `figures` (bound_figures) when given, else read."""
    if figures is None:
        figures = bound_figures([binding])
    quantity = binding.quantity
    deadline_year = quantity.deadline.year if quantity.deadline else 0
    if binding.reference_indicator:
        growth = growth_rates(indicator=binding.indicator, region=binding.region, industry=binding.industry,
                              series=figures.series)
        reference = growth_rates(indicator=binding.reference_indicator, region=binding.region, series=figures.series)
        if until_year is not None:
            growth = {year: rate for year, rate in growth.items() if year <= until_year}
            reference = {year: rate for year, rate in reference.items() if year <= until_year}
        return relative_compute(quantity.value, deadline_year, growth, reference)
    if binding.indicator in CLUSTER_COUNT_TIERS:
        observations = cluster_count_observations(
            indicator=binding.indicator, region=binding.region,
            until_year=until_year if until_year is not None else timezone.localdate().year,
            recognised=figures.recognised,
        )
    else:
        observations = [
            observation
            for observation in observations_of(indicator=binding.indicator, region=binding.region,
                                               industry=binding.industry, series=figures.series)
            if until_year is None or observation.year <= until_year
        ]
    return trajectory_compute(quantity.value, deadline_year, observations)


def trajectory_verdict(on_track: bool | None) -> str:
    """按进度, 滞后, or 无法判断 when a period says nothing (no growth figure): the words of every page,
    export and note that judges a trajectory."""
    return "无法判断" if on_track is None else ("按进度" if on_track else "滞后")


@dataclass(frozen=True, slots=True)
class TargetTrajectory:
    binding: TargetBinding
    trajectory: Trajectory


def target_trajectories(*, region: Region, indicator: str = "") -> list[TargetTrajectory]:
    """Each target bound to a figure of `region` (or of a region below it) with its trajectory."""
    bindings = TargetBinding.objects.filter(
        Q(region=region) | Q(region__code__startswith=region.scope_prefix)
    ).select_related("quantity__ledger", "region", "industry")
    if indicator:
        bindings = bindings.filter(indicator=indicator)
    in_order = list(bindings.order_by("region__code", "quantity__position"))
    figures = bound_figures(in_order)
    return [TargetTrajectory(binding, binding_trajectory(binding, figures=figures)) for binding in in_order]


def binding_label(binding: TargetBinding) -> str:
    """What a binding measures: 潍坊市 海洋生产总值, or for a relative target 潍坊市 海洋产业增加值 (海洋产业) 增速 −
    地区生产总值增速."""
    name = binding.get_indicator_display() + (f" ({binding.industry.name})" if binding.industry_id else "")
    if binding.reference_indicator:
        return f"{binding.region.name} {name}增速 − {Indicator(binding.reference_indicator).label}增速"
    return f"{binding.region.name} {name}"


def _number(value: Decimal | None, places: int) -> float | None:
    if value is None:
        return None
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def trajectory_json(item: TargetTrajectory) -> dict[str, Any]:
    quantity = item.binding.quantity
    trajectory = item.trajectory
    latest = trajectory.latest
    return {
        "indicator": item.binding.get_indicator_display(),
        "region": item.binding.region.code,
        "metric": quantity.metric,
        "target": float(quantity.value),
        "unit": quantity.unit,
        "deadline": quantity.deadline.isoformat() if quantity.deadline else None,
        "latest_value": float(latest.value) if latest else None,
        "latest_period": str(latest.year) if latest else None,
        "required_annual_growth": _number(trajectory.required_annual_growth, 4),
        "on_track": trajectory.on_track,
    } | ({
        "kind": "relative",
        "reference_indicator": Indicator(item.binding.reference_indicator).label,
        "margin_points": float(quantity.value),
        "periods": [
            {"period": str(gap.year), "growth": _number(gap.growth_percent, 2),
             "reference_growth": _number(gap.reference_percent, 2), "gap_points": _number(gap.gap_points, 2),
             "on_track": gap.on_track}
            for gap in trajectory.gaps
        ],
    } if trajectory.relative else {})


@dataclass(frozen=True, slots=True)
class SeriesRow:
    code: str  # "" for 全国
    name: str
    cells: tuple[EconomyFigure | None, ...]  # one per year of the table


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    indicator: str
    label: str
    unit: str
    years: tuple[int, ...]
    rows: tuple[SeriesRow, ...]


def indicator_table(*, indicator: str, industry_key: str = "") -> IndicatorTable:
    """The annual figures of one indicator by region (全国 first), a published figure winning over a computed
    one, for the years any region has."""
    figures = EconomyFigure.objects.filter(indicator=indicator, quarter=0).select_related("region", "industry")
    figures = figures.filter(industry__key=industry_key) if industry_key else figures.filter(industry__isnull=True)
    cells: dict[tuple[str, int], EconomyFigure] = {}
    names: dict[str, str] = {}
    for figure in figures.order_by("year", "-origin"):
        code = figure.region.code if figure.region_id else ""
        names[code] = figure.region_name
        key = (code, figure.year)
        if key not in cells or figure.origin == FigureOrigin.PUBLISHED:
            cells[key] = figure
    years = tuple(sorted({year for _, year in cells}))
    rows = tuple(
        SeriesRow(code, names[code], tuple(cells.get((code, year)) for year in years)) for code in sorted(names)
    )
    unit = next((figure.unit for figure in cells.values()), "")
    return IndicatorTable(indicator, Indicator(indicator).label, unit, years, rows)


def industry_breakdown(*, region_code: str, year: int) -> list[EconomyFigure]:
    """Value added by industry or category of a region ("" = 全国) and year, published winning."""
    figures = EconomyFigure.objects.filter(indicator=Indicator.VALUE_ADDED, year=year, quarter=0,
                                           industry__isnull=False).select_related("industry", "region")
    figures = figures.filter(region__code=region_code) if region_code else figures.filter(region__isnull=True)
    by_industry: dict[int, EconomyFigure] = {}
    for figure in figures.order_by("industry__position", "-origin"):
        if figure.industry_id not in by_industry or figure.origin == FigureOrigin.PUBLISHED:
            by_industry[figure.industry_id] = figure
    return list(by_industry.values())


def breakdown_choices() -> list[tuple[str, str, int]]:
    """(region code, name, year) of every region and year with value added by industry, newest first."""
    seen = (
        EconomyFigure.objects.filter(indicator=Indicator.VALUE_ADDED, quarter=0, industry__isnull=False)
        .values_list("region__code", "region__name", "year").distinct()
    )
    return sorted(((code or "", name or "全国", year) for code, name, year in seen), key=lambda c: (-c[2], c[0]))


def trajectory_regions(*, user: Any) -> QuerySet[Region]:
    """The regions of the user's scope with a bound target."""
    prefix = region_prefix(user)
    regions = Region.objects.filter(pk__in=TargetBinding.objects.values("region")).order_by("code")
    return regions.none() if prefix is None else regions.filter(code__startswith=prefix)


@dataclass(frozen=True, slots=True)
class CompositeSeries:
    index: CompositeIndex
    region: Region
    domains: tuple[DomainSpec, ...]
    results: tuple[IndexResult, ...]  # one per year with a composite value, oldest first


def composite_asked(*, user: Any, index_id: str, region_code: str) -> tuple[CompositeIndex, Region] | None:
    """The index and region a request names (index id, region code), or None when either is not there or the
    region lies outside what `user` may see: the export and the API ask the same way."""
    index = CompositeIndex.objects.filter(pk=int(index_id)).first() if index_id.isdecimal() else None
    region = Region.objects.filter(code=region_code).first()
    if index is None or region is None or not in_scope(user, region.code):
        return None
    return index, region


def composite_indexes() -> list[CompositeIndex]:
    """Every composite index by name, each with its domains and their indicators (the index page shows the
    chosen one's structure): three queries whatever the number of domains."""
    return list(CompositeIndex.objects.prefetch_related("domains__indicators").order_by("name"))


def composite_series(*, index: CompositeIndex, region: Region) -> CompositeSeries:
    """The index of `region` for every year from the base year on where any indicator has a value."""
    domain_rows = list(index.domains.prefetch_related("indicators"))
    domains = tuple(DomainSpec(str(d.pk), d.name, d.weight) for d in domain_rows)
    indicators = tuple(
        IndicatorSpec(str(i.pk), i.name, str(d.pk), i.weight, i.positive)
        for d in domain_rows
        for i in d.indicators.all()
    )
    values: dict[tuple[str, int], Decimal] = {}
    for domain in domain_rows:
        for indicator in domain.indicators.all():
            if indicator.figure_indicator:
                for figure in series_of(indicator=indicator.figure_indicator, region=region):
                    values[(str(indicator.pk), figure.year)] = figure.value
    for observation in IndexObservation.objects.filter(indicator__domain__index=index, region=region):
        values[(str(observation.indicator_id), observation.year)] = observation.value
    years = sorted({year for _, year in values if year >= index.base_year})
    results = []
    for year in years:
        result = composite_compute(domains, indicators, values, base_year=index.base_year, year=year)
        if result.composite is not None:
            results.append(result)
    return CompositeSeries(index, region, domains, tuple(results))


@dataclass(frozen=True, slots=True)
class ClusterScore:
    rank: int
    cluster: IndustrialCluster
    result: IndexResult


def cluster_evaluation(*, index: CompositeIndex, year: int, scope_prefix: str = "") -> list[ClusterScore]:
    """The annual 综合评价 of the clusters with values for `year`: each indicator scored against the average
    of those clusters (= 100, the engine's base), weighted into domains and a composite, ranked high to low,
    with each indicator's contribution. `scope_prefix` keeps the clusters of a region code prefix."""
    domain_rows = list(index.domains.prefetch_related("indicators"))
    domains = tuple(DomainSpec(str(d.pk), d.name, d.weight) for d in domain_rows)
    indicators = tuple(
        IndicatorSpec(str(i.pk), i.name, str(d.pk), i.weight, i.positive)
        for d in domain_rows
        for i in d.indicators.all()
    )
    rows = ClusterIndicatorValue.objects.filter(indicator__domain__index=index, year=year).select_related("cluster")
    if scope_prefix:
        rows = rows.filter(cluster__region__code__startswith=scope_prefix)
    by_cluster: dict[int, dict[str, Decimal]] = {}
    clusters: dict[int, IndustrialCluster] = {}
    for row in rows:
        by_cluster.setdefault(row.cluster_id, {})[str(row.indicator_id)] = row.value
        clusters[row.cluster_id] = row.cluster
    averages: dict[str, Decimal] = {}
    for spec in indicators:
        present = [values[spec.key] for values in by_cluster.values() if spec.key in values]
        if present:
            averages[spec.key] = sum(present, Decimal(0)) / len(present)
    scored = []
    for cluster_id, values in by_cluster.items():
        inputs = {(key, 0): average for key, average in averages.items()}
        inputs.update({(key, year): value for key, value in values.items()})
        result = composite_compute(domains, indicators, inputs, base_year=0, year=year)
        if result.composite is not None:
            scored.append((clusters[cluster_id], result))
    scored.sort(key=lambda item: (-(item[1].composite or 0), item[0].name))
    return [ClusterScore(rank, cluster, result) for rank, (cluster, result) in enumerate(scored, start=1)]


# --- dashboard (by region and industry) ---------------------------------------------------------------

NO_DATA = "暂无数据"
NOT_SUBMITTED = "未报送"
DASHBOARD_INDICATORS = (Indicator.OCEAN_GDP, Indicator.OCEAN_GDP_GROWTH, Indicator.GDP_SHARE)


@dataclass(frozen=True, slots=True)
class DashboardRegion:
    code: str  # "" for 全国
    name: str
    figures: dict[str, Decimal | None]  # DASHBOARD_INDICATORS → value of the year, None when missing


@dataclass(frozen=True, slots=True)
class RoundProgress:
    form_round: FormRound
    assigned: int
    submitted: int
    returned: int
    missing_units: tuple[str, ...]  # names of the assigned units with no submission (未报送)


@dataclass(frozen=True, slots=True)
class Dashboard:
    year: int | None
    years: tuple[int, ...]
    regions: tuple[DashboardRegion, ...]
    industries: tuple[OceanIndustry, ...]
    value_added: dict[tuple[str, str], Decimal]  # (region code, industry key) → 亿元; absent: no data
    rounds: tuple[RoundProgress, ...]


def _preferred(figures: Any) -> dict[tuple[Any, ...], EconomyFigure]:
    """Figures keyed by (indicator, region code, industry key, year), a published one winning."""
    chosen: dict[tuple[Any, ...], EconomyFigure] = {}
    for figure in figures:
        key = (figure.indicator, figure.region.code if figure.region_id else "",
               figure.industry.key if figure.industry_id else "", figure.year)
        if key not in chosen or figure.origin == FigureOrigin.PUBLISHED:
            chosen[key] = figure
    return chosen


def dashboard(*, user: Any, year: int | None = None) -> Dashboard:
    """The year's figures of every region of the user's scope that has any (全国 for administrators), value
    added by region and industry, and the reporting progress of each form's latest round. A figure that is
    not there stays absent (None), never 0."""
    prefix = region_prefix(user)
    if prefix is None:
        return Dashboard(None, (), (), (), {}, ())
    figures = EconomyFigure.objects.filter(
        quarter=0, indicator__in=[*DASHBOARD_INDICATORS, Indicator.VALUE_ADDED]
    ).select_related("region", "industry")
    figures = figures.filter(region__code__startswith=prefix) if prefix else figures
    chosen = _preferred(figures.order_by("year", "-origin"))
    years = tuple(sorted({key[3] for key in chosen}))
    if year not in years:
        gdp_years = [key[3] for key in chosen if key[0] == Indicator.OCEAN_GDP]
        year = max(gdp_years) if gdp_years else (years[-1] if years else None)
    names = {"": "全国"}
    names.update({f.region.code: f.region.name for f in chosen.values() if f.region_id})
    codes = sorted({key[1] for key in chosen})
    regions = tuple(
        DashboardRegion(code, names[code], {
            indicator: (chosen[(indicator, code, "", year)].value if (indicator, code, "", year) in chosen else None)
            for indicator in DASHBOARD_INDICATORS
        })
        for code in codes
    )
    industry_keys = {key[2] for key in chosen if key[0] == Indicator.VALUE_ADDED}
    industries = tuple(OceanIndustry.objects.filter(key__in=industry_keys).order_by("position"))
    value_added = {
        (key[1], key[2]): figure.value for key, figure in chosen.items()
        if key[0] == Indicator.VALUE_ADDED and key[3] == year
    }
    return Dashboard(year, years, regions, industries, value_added, tuple(latest_round_progress(user=user)))


def latest_round_progress(*, user: Any) -> list[RoundProgress]:
    """The latest round of each form and region in the user's scope, with who has not submitted (未报送)."""
    rounds = scoped(FormRound.objects.select_related("form", "region"), user, "region").order_by(
        "form__name", "region__code", "-year", "-period")
    latest: dict[tuple[int, int], FormRound] = {}
    for form_round in rounds:
        latest.setdefault((form_round.form_id, form_round.region_id), form_round)
    chosen = list(latest.values())
    statuses: dict[int, dict[int, str]] = {}
    for round_id, unit_id, status in FormSubmission.objects.filter(round__in=chosen).values_list(
            "round_id", "unit_id", "status"):
        statuses.setdefault(round_id, {})[unit_id] = status
    assigned: dict[int, list[tuple[int, str]]] = {}
    through = FormRound.units.through.objects.filter(formround__in=chosen).order_by("statisticalunit__uscc")
    for round_id, unit_id, name in through.values_list("formround_id", "statisticalunit_id", "statisticalunit__name"):
        assigned.setdefault(round_id, []).append((unit_id, name))
    result = []
    for form_round in chosen:
        units = assigned.get(form_round.pk, [])
        by_unit = statuses.get(form_round.pk, {})
        result.append(RoundProgress(
            form_round=form_round,
            assigned=len(units),
            submitted=sum(1 for unit_id, _ in units if by_unit.get(unit_id) in (SubmissionStatus.SUBMITTED,
                                                                                 SubmissionStatus.ACCEPTED)),
            returned=sum(1 for unit_id, _ in units if by_unit.get(unit_id) == SubmissionStatus.RETURNED),
            missing_units=tuple(name for unit_id, name in units if unit_id not in by_unit),
        ))
    return result


# --- nowcast ------------------------------------------------------------------------------------------


def nowcast_regions(*, user: Any) -> QuerySet[Region]:
    """The regions of the user's scope with monthly series or nowcast vintages."""
    prefix = region_prefix(user)
    if prefix is None:
        return Region.objects.none()
    pks = set(MonthlyValue.objects.values_list("region", flat=True).distinct())
    pks |= set(NowcastRelease.objects.values_list("region", flat=True).distinct())
    return Region.objects.filter(pk__in=pks, code__startswith=prefix).order_by("code")


def nowcast_vintages(*, region: Region) -> list[NowcastRelease]:
    """Every vintage of the region, newest quarter and vintage first."""
    return list(NowcastRelease.objects.filter(region=region).select_related("created_by"))


def monthly_table(*, region: Region, months: int = 12) -> tuple[list[tuple[int, int]], list[dict[str, Any]]]:
    """The last `months` months any series of the region has, and per series its values (None when absent),
    unit and whether any of them is demo data (演示生成)."""
    rows = list(MonthlyValue.objects.filter(region=region).values_list("series", "year", "month", "value", "unit",
                                                                       "generated"))
    periods = sorted({(year, month) for _, year, month, *_ in rows})[-months:]
    by_series: dict[str, dict[str, Any]] = {}
    for series, year, month, value, unit, generated in rows:
        entry = by_series.setdefault(series, {"series": series, "unit": unit, "generated": False, "values": {}})
        entry["values"][(year, month)] = value
        entry["generated"] = entry["generated"] or generated
    table = [
        {**by_series[kind.value], "name": kind.label,
         "cells": [by_series[kind.value]["values"].get(period) for period in periods]}
        for kind in MonthlySeriesKind if kind.value in by_series
    ]
    return periods, table
