"""The economy figures a dispatch round takes by itself: a target bound to an economy series (TargetBinding)
reads the series' latest annual figure of a year up to the round's, in the target's unit (the binding checks
that the units agree); a relative target reads the gap between its two growth rates of the latest year up to
the round's that has both, in 个百分点. Registered with dispatch.sources in EconomyConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from blueledger.dispatch.sources import SourcedFigure
from blueledger.economy import selectors
from blueledger.economy.choices import CLUSTER_COUNT_TIERS, RELATIVE_UNIT, Indicator
from blueledger.economy.models import TargetBinding
from blueledger.lib.numbers import format_decimal, format_quantity


def economy_round_figures(quantities: Sequence[Any], as_of: datetime.date) -> Mapping[int, SourcedFigure]:
    bindings = TargetBinding.objects.filter(quantity__in=quantities).select_related("region", "industry", "quantity")
    figures: dict[int, SourcedFigure] = {}
    for binding in bindings:
        if binding.indicator in CLUSTER_COUNT_TIERS:
            counts = selectors.cluster_count_observations(indicator=binding.indicator, region=binding.region,
                                                          until_year=as_of.year)
            if counts:
                note = (f"取自产业集聚区名录: {binding.region.name}截至{as_of.year}年已认定"
                        f"{binding.get_indicator_display().removesuffix('数量')} {format_decimal(counts[-1].value)}个")
                figures[binding.quantity_id] = SourcedFigure(value=counts[-1].value, note=note)
            continue
        if binding.reference_indicator:
            relative = _relative_figure(binding, as_of)
            if relative is not None:
                figures[binding.quantity_id] = relative
            continue
        series = [
            figure
            for figure in selectors.series_of(indicator=binding.indicator, region=binding.region,
                                              industry=binding.industry)
            if figure.year <= as_of.year
        ]
        if not series:
            continue
        latest = series[-1]
        where = latest.source if latest.source else latest.method
        note = (
            f"取自海洋经济监测: {binding.region.name}{latest.year}年{binding.get_indicator_display()} "
            f"{format_quantity(latest.value, latest.unit)} ({latest.get_origin_display()}: {where})"
        )
        figures[binding.quantity_id] = SourcedFigure(value=latest.value, note=note[:500])
    return figures


def _relative_figure(binding: TargetBinding, as_of: datetime.date) -> SourcedFigure | None:
    growth = selectors.growth_rates(indicator=binding.indicator, region=binding.region, industry=binding.industry)
    reference = selectors.growth_rates(indicator=binding.reference_indicator, region=binding.region)
    years = [year for year in growth if year in reference and year <= as_of.year]
    if not years:
        return None
    year = years[-1]
    gap = growth[year] - reference[year]
    name = binding.get_indicator_display() + (f"({binding.industry.name})" if binding.industry_id else "")
    note = (
        f"取自海洋经济监测: {binding.region.name}{year}年{name}增速 {format_quantity(growth[year], '%', places=1)}, "
        f"{Indicator(binding.reference_indicator).label}增速 {format_quantity(reference[year], '%', places=1)}, "
        f"高出 {format_quantity(gap, RELATIVE_UNIT, places=1)}"
    )
    return SourcedFigure(value=gap, note=note[:500])
