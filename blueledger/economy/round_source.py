"""The economy figures a dispatch round takes by itself: a target bound to an economy series (TargetBinding)
reads the series' latest annual figure of a year up to the round's, in the target's unit (the binding checks
that the units agree). Registered with dispatch.sources in EconomyConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from blueledger.dispatch.sources import SourcedFigure
from blueledger.economy import selectors
from blueledger.economy.models import TargetBinding
from blueledger.lib.numbers import format_quantity


def economy_round_figures(quantities: Sequence[Any], as_of: datetime.date) -> Mapping[int, SourcedFigure]:
    bindings = TargetBinding.objects.filter(quantity__in=quantities).select_related("region", "industry", "quantity")
    figures: dict[int, SourcedFigure] = {}
    for binding in bindings:
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
