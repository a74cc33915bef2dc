"""The economy figures a dispatch round takes by itself: a target bound to an economy series (TargetBinding)
reads the series' latest annual figure of a year up to the round's, in the target's unit (the binding checks
that the units agree). Registered with dispatch.sources in EconomyConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from blueledger.dispatch.sources import SourcedFigure
from blueledger.economy import selectors
from blueledger.economy.choices import CLUSTER_COUNT_TIERS
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
