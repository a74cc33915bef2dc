"""Django-free trajectory of a target: the annual growth needed from the latest value to reach the target
by its deadline, and whether each period's pace keeps the target in reach.

required annual growth g = (target / latest) ^ (1 / years) − 1, years = deadline year − latest year; a
latest value already at or past the target needs g = 0. A period is on track when its growth (published or
computed) is at least the growth still needed from its value: kept up, that pace reaches the target in
time. Without a growth figure the period says nothing (None), never "off track".

A relative target ("海洋产业增加值增幅高于全市生产总值增幅2个百分点左右") compares two growth rates: each year's
gap = indicator growth − reference growth, in percentage points; the year is on track when gap ≥ margin
(the target's value). A year missing either growth says nothing (None). "左右" adds no tolerance: the
platform does not invent one, the reviewer reads the gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext


@dataclass(frozen=True, slots=True)
class Observation:
    year: int
    value: Decimal
    growth_percent: Decimal | None  # the period's growth in %, None when unknown


@dataclass(frozen=True, slots=True)
class PeriodCheck:
    year: int
    value: Decimal
    required_annual_growth: Decimal | None  # a fraction; None at or after the deadline year
    growth: Decimal | None  # a fraction
    on_track: bool | None


@dataclass(frozen=True, slots=True)
class GapCheck:
    """One year of a relative target: both growth rates in %, their gap in percentage points."""

    year: int
    growth_percent: Decimal | None
    reference_percent: Decimal | None
    gap_points: Decimal | None
    on_track: bool | None


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A level target's path; for a relative target `latest` and `periods` hold the gap in percentage points
    as their value (no required growth) and `gaps` the two growth rates behind each gap."""

    target: Decimal
    deadline_year: int
    latest: Observation | None
    required_annual_growth: Decimal | None
    on_track: bool | None
    periods: tuple[PeriodCheck, ...]
    gaps: tuple[GapCheck, ...] = ()
    relative: bool = False


def required_annual_growth(target: Decimal, latest: Decimal, years: int) -> Decimal | None:
    """(target / latest) ^ (1 / years) − 1 as a fraction; 0 when the latest value already reaches the
    target; None when there are no years left or the latest value is not positive."""
    if latest <= 0:
        return None
    if latest >= target:
        return Decimal(0)
    if years <= 0:
        return None
    with localcontext() as context:
        context.prec = 28
        ratio = target / latest
        return (ratio.ln() / years).exp() - 1


def _check(target: Decimal, deadline_year: int, observation: Observation) -> PeriodCheck:
    required = required_annual_growth(target, observation.value, deadline_year - observation.year)
    growth = observation.growth_percent / 100 if observation.growth_percent is not None else None
    if observation.value >= target:
        on_track: bool | None = True
    elif required is None or growth is None:
        on_track = None
    else:
        on_track = growth >= required
    return PeriodCheck(observation.year, observation.value, required, growth, on_track)


def trajectory_compute(target: Decimal, deadline_year: int, observations: Sequence[Observation]) -> Trajectory:
    """`observations` in any order; the latest is the one of the highest year."""
    ordered = sorted(observations, key=lambda observation: observation.year)
    periods = tuple(_check(target, deadline_year, observation) for observation in ordered)
    if not ordered:
        return Trajectory(target, deadline_year, None, None, None, periods)
    latest = ordered[-1]
    required = required_annual_growth(target, latest.value, deadline_year - latest.year)
    return Trajectory(target, deadline_year, latest, required, periods[-1].on_track, periods)


def relative_compute(
    margin_points: Decimal, deadline_year: int, growth_percent: Mapping[int, Decimal],
    reference_percent: Mapping[int, Decimal],
) -> Trajectory:
    """A relative target: for every year either series has, gap = growth − reference growth, on track when
    gap ≥ `margin_points`. The latest is the latest year with both rates; the verdict is that year's."""
    gaps = []
    for year in sorted(set(growth_percent) | set(reference_percent)):
        growth, reference = growth_percent.get(year), reference_percent.get(year)
        gap = growth - reference if growth is not None and reference is not None else None
        gaps.append(GapCheck(year, growth, reference, gap, None if gap is None else gap >= margin_points))
    periods = tuple(
        PeriodCheck(check.year, check.gap_points, None, None, check.on_track)
        for check in gaps if check.gap_points is not None
    )
    latest = periods[-1] if periods else None
    return Trajectory(
        target=margin_points, deadline_year=deadline_year,
        latest=Observation(latest.year, latest.value, None) if latest else None,
        required_annual_growth=None, on_track=latest.on_track if latest else None, periods=periods,
        gaps=tuple(gaps), relative=True,
    )
