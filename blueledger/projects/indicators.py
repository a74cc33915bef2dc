"""Key-project indicators, Django-free: totals in, figures out. Amounts are Decimal 万元 (`*_wan`); rates are
Decimal fractions (0.8444…), None where the denominator is 0 — shown as "—", never divided by zero.

Definitions (domain-facts §8.1, with the sources cited there):

- 开工在建率 = 开工在建项目数 ÷ 全部项目数. 开工在建 = status 开工在建 or 竣工投产: a project completed this
  year was started and under construction this year. 前期工作 and 停缓建 projects are not counted.
- 年度计划投资完成率 = 年初至报告期累计完成投资 ÷ 年度计划投资, over the projects that have an annual plan for
  the reporting year. A project without one adds to 累计完成投资 but to neither side of this rate.
- 序时进度 = months elapsed ÷ 12 (1–6月 → 0.5).
- 列统率 = 已入统的开工在建项目 ÷ 开工在建项目 (i.e. 已入统 ÷ 已开工应入统). The formula is UNCONFIRMED in the
  sources (domain-facts §8.1 marks it so); this is blueledger's documented definition.
- Size classes by 总投资, cumulative: 50亿元以上 ⊂ 30亿元以上 ⊂ 10亿元以上 ⊂ 亿元以上.
- 滞后项目 (lagging): a project with an annual plan whose own completion rate is below 序时进度.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from blueledger.lib.numbers import format_percent, format_quantity
from blueledger.lib.units import is_count_unit

WAN_PER_YI = Decimal(10000)
# The registry's own figures keep two places: 开工在建率84.44%, 总投资2021.90亿元.
REGISTRY_PLACES = 2
ZERO = Decimal(0)

# 总投资 thresholds of the size classes, in 万元 (1亿元 = 10000万元).
SIZE_THRESHOLDS_WAN: tuple[tuple[str, Decimal], ...] = (
    ("50", Decimal(500000)),
    ("30", Decimal(300000)),
    ("10", Decimal(100000)),
    ("1", Decimal(10000)),
)
SIZE_LABELS = {"50": "50亿元以上", "30": "30亿元以上", "10": "10亿元以上", "1": "亿元以上"}


def wan_to_yi(amount_wan: Decimal) -> Decimal:
    return amount_wan / WAN_PER_YI


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def percent_text(rate: Decimal | None, places: int = REGISTRY_PLACES) -> str:
    """84.44% from 0.84444…; '—' when there is no rate. The registry's rates keep two places."""
    return format_percent(rate, places)


def yi_text(amount_wan: Decimal, places: int = REGISTRY_PLACES) -> str:
    """2021.90 from 20219000 万元, for a table or sentence that names 亿元 itself; trailing zeros of the two
    places are kept for table alignment."""
    return format_quantity(amount_wan, "万元", as_unit="亿元", places=places, show_unit=False)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A figure with its unit: 个 for counts, 亿元 for amounts, % for rates (84.44 means 84.44%)."""

    value: Decimal | None
    unit: str


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One project as the indicators see it at the reporting month."""

    status_started: bool
    is_listed: bool
    total_investment_wan: Decimal
    annual_plan_wan: Decimal | None
    year_to_date_completed_wan: Decimal  # 0 when there is no report this year up to the reporting month


@dataclass(frozen=True, slots=True)
class ProjectTotals:
    """Counts and sums of a set of projects; what the database aggregates. Adding two totals gives the totals
    of the union (the sets are disjoint: districts, tracks)."""

    projects: int = 0
    started: int = 0
    listed_started: int = 0
    total_investment_wan: Decimal = ZERO
    planned_projects: int = 0
    annual_plan_wan: Decimal = ZERO
    completed_wan: Decimal = ZERO
    completed_planned_wan: Decimal = ZERO
    over_50_yi: int = 0
    over_30_yi: int = 0
    over_10_yi: int = 0
    over_1_yi: int = 0
    lagging: int = 0  # projects behind 序时进度 (is_lagging)

    def __add__(self, other: ProjectTotals) -> ProjectTotals:
        # Field names read once (TOTALS_FIELDS): the page adds hundreds of district × track totals.
        return ProjectTotals(*[getattr(self, name) + getattr(other, name) for name in TOTALS_FIELDS])


TOTALS_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ProjectTotals))


def sum_totals(items: Iterable[ProjectTotals]) -> ProjectTotals:
    """The totals of the union of disjoint sets, in one pass (the same as adding them one by one)."""
    empty = ProjectTotals()
    sums: list[Any] = [getattr(empty, name) for name in TOTALS_FIELDS]
    for item in items:
        for index, name in enumerate(TOTALS_FIELDS):
            sums[index] += getattr(item, name)
    return ProjectTotals(*sums)


def totals_of(rows: Iterable[ProjectRow], *, month: int | None = None) -> ProjectTotals:
    """The totals of hand-made or loaded rows — the definition the database aggregation must agree with.
    `lagging` is counted against 序时进度 of 1–`month`月 (0 without a month)."""
    result = ProjectTotals()
    for row in rows:
        planned = row.annual_plan_wan is not None
        sizes = [row.total_investment_wan >= threshold for _, threshold in SIZE_THRESHOLDS_WAN]
        result = result + ProjectTotals(
            projects=1,
            started=int(row.status_started),
            listed_started=int(row.status_started and row.is_listed),
            total_investment_wan=row.total_investment_wan,
            planned_projects=int(planned),
            annual_plan_wan=row.annual_plan_wan or ZERO,
            completed_wan=row.year_to_date_completed_wan,
            completed_planned_wan=row.year_to_date_completed_wan if planned else ZERO,
            over_50_yi=int(sizes[0]),
            over_30_yi=int(sizes[1]),
            over_10_yi=int(sizes[2]),
            over_1_yi=int(sizes[3]),
            lagging=int(month is not None and is_lagging(row, month=month)),
        )
    return result


def schedule_rate(month: int) -> Decimal:
    """序时进度 of 1–`month`月."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return Decimal(month) / Decimal(12)


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    label: str
    key: str
    totals: ProjectTotals
    started_rate: Decimal | None
    annual_completion_rate: Decimal | None
    schedule_rate: Decimal
    listed_rate: Decimal | None

    @property
    def total_investment_yi(self) -> Decimal:
        return wan_to_yi(self.totals.total_investment_wan)

    @property
    def annual_plan_yi(self) -> Decimal:
        return wan_to_yi(self.totals.annual_plan_wan)

    @property
    def completed_yi(self) -> Decimal:
        return wan_to_yi(self.totals.completed_wan)

    @property
    def schedule_gap(self) -> Decimal | None:
        """完成率 − 序时进度 (positive: ahead of schedule)."""
        if self.annual_completion_rate is None:
            return None
        return self.annual_completion_rate - self.schedule_rate

    @property
    def size_counts(self) -> tuple[tuple[str, str, int], ...]:
        t = self.totals
        counts = (t.over_50_yi, t.over_30_yi, t.over_10_yi, t.over_1_yi)
        return tuple(
            (key, SIZE_LABELS[key], count) for (key, _), count in zip(SIZE_THRESHOLDS_WAN, counts, strict=True)
        )


def figures_of(totals: ProjectTotals, *, month: int, label: str = "合计", key: str = "") -> ProjectFigures:
    return ProjectFigures(
        label=label,
        key=key,
        totals=totals,
        started_rate=ratio(totals.started, totals.projects),
        annual_completion_rate=ratio(totals.completed_planned_wan, totals.annual_plan_wan),
        schedule_rate=schedule_rate(month),
        listed_rate=ratio(totals.listed_started, totals.started),
    )


def is_lagging(row: ProjectRow, *, month: int) -> bool:
    """Behind schedule: has an annual plan (> 0) and completed less than 序时进度 of it."""
    if not row.annual_plan_wan:
        return False
    return row.year_to_date_completed_wan < row.annual_plan_wan * schedule_rate(month)


@dataclass(frozen=True, slots=True)
class LaggingProject:
    project_id: int
    name: str
    district: str
    track: str
    annual_plan_wan: Decimal
    completed_wan: Decimal
    completion_rate: Decimal | None
    schedule_rate: Decimal


@dataclass(frozen=True, slots=True)
class ProjectsSection:
    """The 重点项目 section of a bulletin: the figures of a region at a month, by district and by track, and
    the projects behind schedule (worst first). Django-free, for the bulletin writer."""

    region_name: str
    year: int
    month: int
    overall: ProjectFigures
    by_district: tuple[ProjectFigures, ...]
    by_track: tuple[ProjectFigures, ...]
    lagging: tuple[LaggingProject, ...]
    lagging_total: int = 0
    notes: tuple[str, ...] = field(default=())


# --- reading a ledger target as a registry figure -----------------------------------------------------

_SIGNED_OVER_YI = re.compile(r"(?:过|超过|超)(\d+(?:\.\d+)?)亿元|(\d+(?:\.\d+)?)亿元以上")
_AMOUNT_UNITS = ("元", "万元", "亿元")
# A project 引进 (brought in) or 签约 (signed) is a lead of the 招商 pipeline, not yet a registry project.
_SIGNING_WORDS = ("签约", "引进", "招引", "引入")
# Words of a metric and the indicator they name, first match wins (完成投资 before 计划投资).
_RATE_WORDS = (("列统", "listed_rate"), ("开工在建率", "started_rate"), ("开工率", "started_rate"),
               ("投资完成率", "annual_completion_rate"))
_AMOUNT_WORDS = ((re.compile("完成.{0,6}投资"), "completed"), (re.compile("计划投资"), "annual_plan"),
                 (re.compile("总投资"), "total_investment"))


def suggested_query(metric: str, unit: str) -> tuple[str, dict[str, str]] | None:
    """The registry figure a ledger target measures, as (indicator, filters) with the values of
    choices.Indicator and IndicatorQuery.filters — 新签约过50亿元项目 (个) → signed leads of 50亿元 and more,
    列统率 (%) → listed rate — or None when the metric is not one the registry keeps. A suggestion for the
    office to confirm, never applied by itself."""
    if unit == "%":
        return next(((indicator, {}) for words, indicator in _RATE_WORDS if words in metric), None)
    if unit in _AMOUNT_UNITS:
        return next(((indicator, {}) for pattern, indicator in _AMOUNT_WORDS if pattern.search(metric)), None)
    if "项目" not in metric or not is_count_unit(unit) or any(words in metric for words, _ in _RATE_WORDS):
        return None
    size = _SIGNED_OVER_YI.search(metric)
    over_yi = (size.group(1) or size.group(2)) if size else ("1" if "亿元以上" in metric else "")
    if any(words in metric for words in _SIGNING_WORDS):
        return "signed_leads", ({"min_signed_yi": over_yi} if over_yi else {})
    filters: dict[str, str] = {}
    if "新开工" in metric:
        filters["kind"] = "new"
    elif "开工" in metric:
        filters["status"] = "started"
    if over_yi in {key for key, _ in SIZE_THRESHOLDS_WAN}:
        filters["size"] = over_yi
    return "projects", filters
