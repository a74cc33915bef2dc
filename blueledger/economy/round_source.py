"""The economy figures a dispatch round takes by itself: a target bound to an economy series (TargetBinding)
reads the series' latest annual figure of a year up to the round's, in the target's unit (the binding checks
that the units agree); a relative target reads the gap between its two growth rates of the latest year up to
the round's that has both, in 个百分点. The note beside each figure says where it comes from and where the
target's trajectory stands as of the round's year (selectors.binding_trajectory, the one the trajectory page
and `blueledger economy trajectory` use): 距2027年目标 2000亿元需年均增长 5.5%, 2024年增长 5.8%, 按进度.
Registered with dispatch.sources in EconomyConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from blueledger.dispatch.sources import SourcedFigure
from blueledger.economy import selectors
from blueledger.economy.choices import CLUSTER_COUNT_TIERS, RELATIVE_UNIT, Indicator
from blueledger.economy.models import TargetBinding
from blueledger.economy.trajectory import Trajectory
from blueledger.lib.numbers import format_decimal, format_percent, format_quantity


def economy_round_figures(quantities: Sequence[Any], as_of: datetime.date) -> Mapping[int, SourcedFigure]:
    """Three queries however many targets are bound: the bindings, their series, their clusters' recognitions."""
    bindings = list(
        TargetBinding.objects.filter(quantity__in=quantities).select_related("region", "industry", "quantity"))
    bound = selectors.bound_figures(bindings)
    figures: dict[int, SourcedFigure] = {}
    for binding in bindings:
        trajectory = selectors.binding_trajectory(binding, until_year=as_of.year, figures=bound)
        if binding.indicator in CLUSTER_COUNT_TIERS:
            if trajectory.latest is not None:
                note = (f"取自产业集聚区名录: {binding.region.name}截至{as_of.year}年已认定"
                        f"{binding.get_indicator_display().removesuffix('数量')} "
                        f"{format_decimal(trajectory.latest.value)}个")
                figures[binding.quantity_id] = SourcedFigure(value=trajectory.latest.value,
                                                             note=_with_trajectory(note, binding, trajectory))
            continue
        if binding.reference_indicator:
            relative = _relative_figure(binding, trajectory)
            if relative is not None:
                figures[binding.quantity_id] = relative
            continue
        latest = bound.latest(binding, until_year=as_of.year)
        if latest is None:
            continue
        where = latest.source if latest.source else latest.method
        note = (
            f"取自海洋经济监测: {binding.region.name}{latest.year}年{binding.get_indicator_display()} "
            f"{format_quantity(latest.value, latest.unit)} ({latest.get_origin_display()}: {where})"
        )
        figures[binding.quantity_id] = SourcedFigure(value=latest.value,
                                                     note=_with_trajectory(note, binding, trajectory))
    return figures


def _with_trajectory(note: str, binding: TargetBinding, trajectory: Trajectory) -> str:
    """The note and, after a semicolon, where the target stands: 距2027年目标 2000亿元需年均增长 5.5%,
    2024年增长 5.8%, 按进度; 已不低于2027年目标值 21%; a target without a deadline has no trajectory."""
    quantity = binding.quantity
    latest = trajectory.latest
    if not trajectory.deadline_year or latest is None:
        return note
    target = format_quantity(quantity.value, quantity.unit)
    verdict = selectors.trajectory_verdict(trajectory.on_track)
    if trajectory.relative:
        return f"{note}; 目标每年高出 {target}, {verdict}"  # judged year by year, gap ≥ margin
    if latest.value >= trajectory.target:
        return f"{note}; 已不低于{trajectory.deadline_year}年目标值 {target}"  # the engine's test: latest ≥ target
    if trajectory.required_annual_growth is None:  # the deadline year has come: no growth left to ask for
        return f"{note}; {trajectory.deadline_year}年目标 {target}, {verdict}"
    growth = trajectory.periods[-1].growth
    grown = f", {latest.year}年增长 {format_percent(growth)}" if growth is not None else ""
    return (f"{note}; 距{trajectory.deadline_year}年目标 {target}需年均增长 "
            f"{format_percent(trajectory.required_annual_growth)}{grown}, {verdict}")


def _relative_figure(binding: TargetBinding, trajectory: Trajectory) -> SourcedFigure | None:
    measured = [gap for gap in trajectory.gaps if gap.gap_points is not None]
    if not measured:
        return None
    latest = measured[-1]
    assert latest.gap_points is not None and latest.growth_percent is not None  # measured: both rates known
    name = binding.get_indicator_display() + (f"({binding.industry.name})" if binding.industry_id else "")
    note = (
        f"取自海洋经济监测: {binding.region.name}{latest.year}年{name}增速 "
        f"{format_quantity(latest.growth_percent, '%', places=1)}, "
        f"{Indicator(binding.reference_indicator).label}增速 "
        f"{format_quantity(latest.reference_percent, '%', places=1)}, "
        f"高出 {format_quantity(latest.gap_points, RELATIVE_UNIT, places=1)}"
    )
    return SourcedFigure(value=latest.gap_points, note=_with_trajectory(note, binding, trajectory))
