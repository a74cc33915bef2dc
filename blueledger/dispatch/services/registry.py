"""Targets read from the key-project registry (or measured by another app, dispatch.sources): binding a
target to a registry query and filling its slots."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.dispatch.choices import PrefillSource, ReportSource, ReportStatus, RoundStatus
from blueledger.dispatch.models import RegistryBinding, Report, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import require_run_round
from blueledger.dispatch.progress import UnitMismatch, convert_value
from blueledger.dispatch.services.locks import require_open
from blueledger.dispatch.services.reports import REPORT_WRITTEN_FIELDS
from blueledger.dispatch.sources import sourced_figures
from blueledger.ledgers.models import LedgerQuantity
from blueledger.ledgers.services import require_bindable_target
from blueledger.lib.numbers import round_half_up
from blueledger.lib.units import is_count_unit
from blueledger.projects.choices import INDICATOR_UNITS
from blueledger.projects.indicators import IndicatorValue
from blueledger.projects.models import IndicatorQuery
from blueledger.projects.selectors import indicator_value
from blueledger.projects.services import indicator_query_save

# A bound target's saved query is named by the start of its ledger's title and the target's metric.
QUERY_NAME_TITLE_CHARS = 60


def registry_value(quantity: LedgerQuantity, indicator_value: IndicatorValue) -> Decimal | None:
    """A registry figure in the target's unit (亿元 into 万元, 个 as 项 …); ValidationError when the two do not
    measure the same thing."""
    if indicator_value.value is None:
        return None
    if indicator_value.unit == "个" and is_count_unit(quantity.unit):
        return indicator_value.value  # the registry counts projects and leads; 个, 项, 家 all count one each
    try:
        return convert_value(indicator_value.value, indicator_value.unit, quantity.unit)
    except UnitMismatch:
        raise ValidationError(
            f"“{quantity.metric}”的单位“{quantity.unit or '无'}”与重点项目库指标的单位“{indicator_value.unit}”不一致, "
            "无法取数。"
        ) from None


@transaction.atomic
def registry_binding_set(
    *, actor: Any, quantity: LedgerQuantity, indicator: str, filters: Mapping[str, Any]
) -> RegistryBinding:
    """Reads the target from the registry from now on: saves the query (through projects' services), binds
    the target to it and fills the target's slots in the ledger's open rounds."""
    ledger = quantity.ledger
    require_dispatch_in_region(actor, ledger.region)
    require_bindable_target(quantity, source="重点项目库")
    if indicator not in INDICATOR_UNITS:
        raise ValidationError(f"未知的指标“{indicator}”。")
    registry_value(quantity, IndicatorValue(Decimal(1), INDICATOR_UNITS[indicator]))  # the units must agree
    existing = RegistryBinding.objects.filter(quantity=quantity).select_related("query").first()
    query = indicator_query_save(
        actor=actor, region=ledger.region,
        name=fit_to_field(IndicatorQuery, "name", f"{ledger.title[:QUERY_NAME_TITLE_CHARS]} · {quantity.metric}"),
        indicator=indicator,
        filters={key: value for key, value in filters.items() if value not in ("", None)},
        query=existing.query if existing else None,
    )
    binding = existing or RegistryBinding(quantity=quantity)
    binding.query = query
    binding.bound_by = actor
    attribute_change(binding, actor=actor, reason=f"从重点项目库取数: {query.get_indicator_display()}")
    binding.save()
    for reporting_round in ReportingRound.objects.filter(ledger=ledger, status=RoundStatus.OPEN):
        registry_values_fill(actor=actor, reporting_round=reporting_round)
    return binding


@transaction.atomic
def registry_binding_remove(*, actor: Any, binding: RegistryBinding) -> None:
    """The target is typed by its departments again from the next round on; reports already filled from
    the registry stay as they are (they were right when written)."""
    require_dispatch_in_region(actor, binding.quantity.ledger.region)
    attribute_change(binding, actor=actor, reason="取消重点项目库取数")
    binding.delete()


@transaction.atomic
def registry_values_fill(*, actor: Any, reporting_round: ReportingRound) -> int:
    """Writes each registry-bound slot of an open round as handed in, with the registry's figure as of the
    round's month, so no department types it; a figure unchanged since the last fill writes nothing. Targets
    another app measures (dispatch.sources, e.g. economy figures) are filled the same way. Returns how many
    reports were written. Runs when the round opens, when it closes, and on request."""
    require_run_round(actor, reporting_round)
    require_open(reporting_round)
    all_slots = list(
        ReportSlot.objects.filter(round=reporting_round).select_related("quantity__registry_binding__query__region")
    )
    unbound = {slot.quantity_id: slot.quantity for slot in all_slots if not hasattr(slot.quantity, "registry_binding")}
    sourced = sourced_figures(list(unbound.values()), reporting_round.period_end)
    slots = [slot for slot in all_slots if slot.quantity_id not in unbound or slot.quantity_id in sourced]
    if not slots:
        return 0
    latest: dict[int, Report] = {}
    for report in Report.objects.filter(slot__in=slots).order_by("slot_id", "version"):
        latest[report.slot_id] = report
    figures: dict[int, IndicatorValue] = {}
    now = timezone.now()
    created: list[Report] = []
    updated: list[Report] = []
    prefilled: list[ReportSlot] = []
    for slot in slots:
        if slot.quantity_id in sourced:
            value, progress = sourced[slot.quantity_id].value, sourced[slot.quantity_id].note
        else:
            query = slot.quantity.registry_binding.query
            if query.pk not in figures:
                figures[query.pk] = indicator_value(query=query, as_of=reporting_round.period_end)
            value = registry_value(slot.quantity, figures[query.pk])
            progress = f"取自重点项目库: {query.get_indicator_display()}, 截至{reporting_round.period_end:%Y年%-m月}"
        if value is None:
            continue  # the query finds nothing to measure yet (a rate of no projects): left unreported
        value = round_half_up(value, Report._meta.get_field("value").decimal_places)
        if slot.prefilled_value != value or slot.prefilled_from != PrefillSource.REGISTRY:
            slot.prefilled_value, slot.prefilled_from = value, PrefillSource.REGISTRY
            prefilled.append(slot)
        current = latest.get(slot.pk)
        if current is not None and current.source == ReportSource.REGISTRY and current.value == value:
            continue
        if current is None or current.status != ReportStatus.DRAFT:
            # A new version: the first fill, or the figure changed since a handed-in one (kept as it was).
            report = Report(slot=slot, version=(current.version + 1) if current else 1)
            created.append(report)
        else:
            report = current
            updated.append(report)
        report.value, report.unit = value, slot.quantity.unit
        # A source's note (dispatch.sources) is as long as its app writes it; the field decides the cut.
        report.progress = fit_to_field(Report, "progress", progress)
        report.problems = report.next_steps = ""
        report.value_typed = False
        report.source = ReportSource.REGISTRY
        report.status = ReportStatus.SUBMITTED
        report.updated_by = report.submitted_by = actor
        report.updated_at = report.submitted_at = now
    reason = "平台取数" if sourced else "重点项目库取数"
    if prefilled:
        bulk_update_with_history(prefilled, ReportSlot, ["prefilled_value", "prefilled_from"], default_user=actor,
                                 default_change_reason=reason)
    if created:
        Report.objects.bulk_create(created)
        history_bulk_create(created, actor=actor, reason=reason)
    if updated:
        bulk_update_with_history(updated, Report, [*REPORT_WRITTEN_FIELDS, "unit"], default_user=actor,
                                 default_change_reason=reason)
    return len(created) + len(updated)
