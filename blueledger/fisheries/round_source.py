"""The 渔船监管 figures a dispatch round takes by itself: a target bound to a figure (TargetBinding) reads, for
the binding's region and below, up to the round's last day:

- 休渔期间违规作业: the year's moratorium breaches found and punished (disposed or closed with 警告, 罚款 or 移送);
  alerts still being checked are named in the note, never counted;
- 休渔渔船在港率: the lowest daily 在港率 at the 20时 check over the year's moratorium days with stored positions
  (a target of 在港率 95%以上 holds only if it holds every day); days without positions are missing, not 0.

Registered with dispatch.sources in FisheriesConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from blueledger.dispatch.sources import SourcedFigure
from blueledger.fisheries import selectors
from blueledger.fisheries.choices import AlertStatus, Disposition, EventKind, RoundIndicator
from blueledger.fisheries.models import Alert, TargetBinding, Vessel
from blueledger.fisheries.tracks.rules import load_rules
from blueledger.lib.numbers import format_percent, round_half_up
from blueledger.orgs.models import Region

HANDLED = (AlertStatus.DISPOSED, AlertStatus.CLOSED)
PUNISHED = (Disposition.WARNING, Disposition.FINE, Disposition.TRANSFERRED)


def fisheries_round_figures(quantities: Sequence[Any], as_of: datetime.date) -> Mapping[int, SourcedFigure]:
    figures: dict[int, SourcedFigure] = {}
    for binding in TargetBinding.objects.filter(quantity__in=quantities).select_related("region"):
        if binding.indicator == RoundIndicator.MORATORIUM_VIOLATIONS:
            figure: SourcedFigure | None = moratorium_violations(binding.region, as_of)
        else:
            figure = lowest_in_port_rate(binding.region, as_of)
        if figure is not None:
            figures[binding.quantity_id] = figure
    return figures


def moratorium_violations(region: Region, as_of: datetime.date) -> SourcedFigure:
    breaches = Alert.objects.filter(region__code__startswith=region.scope_prefix, kind=EventKind.MORATORIUM_BREACH,
                                    day__gte=datetime.date(as_of.year, 1, 1), day__lte=as_of)
    punished = breaches.filter(status__in=HANDLED, disposition__in=PUNISHED).count()
    pending = breaches.exclude(status__in=HANDLED).count()
    note = (f"取自渔船监管: {region.name}{as_of.year}年截至{as_of.month}月{as_of.day}日查处休渔期间违规作业 "
            f"{punished} 起")
    if pending:
        note += f"; 另有 {pending} 起预警正在核查, 未计入"
    return SourcedFigure(value=Decimal(punished), note=note)


def moratorium_days(year: int, until: datetime.date) -> list[datetime.date]:
    """The days of `year` up to `until` (and today) on which any closure of the rules is in force."""
    rules = load_rules(selectors.RULES)
    windows = [rule.window(year, rules.timezone) for rule in rules.rules if not rule.gear_only]
    if not windows:
        return []
    first = timezone.localtime(min(start for start, _ in windows)).date()
    last = min(timezone.localtime(max(end for _, end in windows)).date(), until, timezone.localdate())
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def lowest_in_port_rate(region: Region, as_of: datetime.date) -> SourcedFigure | None:
    vessels = list(Vessel.objects.filter(region__code__startswith=region.scope_prefix).select_related("region"))
    days = moratorium_days(as_of.year, as_of)
    if not vessels or not days:
        return None
    rates = [(rate, day) for day in selectors.occupancy_on(vessels=vessels, days=days)
             if day.positions and (rate := day.total.in_port_rate) is not None]
    if not rates:
        return None
    rate, lowest = min(rates, key=lambda pair: (pair[0], pair[1].day))
    measured = rates
    note = (f"取自渔船监管: {region.name}休渔渔船每日 20 时在港率, {len(measured)} 天中最低 {format_percent(rate)} "
            f"({lowest.day.month}月{lowest.day.day}日 在港 {lowest.total.in_port} 艘 / {lowest.total.vessels} 艘)")
    return SourcedFigure(value=round_half_up(rate * 100, 2), note=note)
