"""Targets read from the key-project registry: their bindings, suggestions and previews."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from blueledger.dispatch.models import RegistryBinding
from blueledger.ledgers.choices import QuantityRole
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.orgs.models import Region
from blueledger.projects.choices import Indicator
from blueledger.projects.indicators import IndicatorValue, suggested_query
from blueledger.projects.models import IndicatorQuery
from blueledger.projects.selectors import indicator_value


@dataclass(frozen=True, slots=True)
class RegistryTargetRow:
    """A target of a published ledger: its binding to the registry if any, else the indicator its metric
    suggests (suggested_query), for the office to confirm."""

    quantity: LedgerQuantity
    binding: RegistryBinding | None
    suggestion: tuple[str, dict[str, str]] | None

    @property
    def suggestion_label(self) -> str:
        return Indicator(self.suggestion[0]).label if self.suggestion else ""


def registry_target_rows(ledger: Ledger) -> list[RegistryTargetRow]:
    quantities = (
        ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False)
        .select_related("task", "registry_binding__query")
        .order_by("position", "pk")
    )
    return [
        RegistryTargetRow(
            quantity=quantity,
            binding=getattr(quantity, "registry_binding", None),
            suggestion=suggested_query(quantity.metric, quantity.unit),
        )
        for quantity in quantities
    ]


def registry_binding_of(quantity: LedgerQuantity) -> RegistryBinding | None:
    return RegistryBinding.objects.filter(quantity=quantity).select_related("query").first()


def registry_query_of(quantity: LedgerQuantity, binding: RegistryBinding | None) -> tuple[str, dict[str, str]]:
    """The (indicator, filters) the binding form starts from: the binding's own, else the suggestion."""
    if binding is not None:
        return binding.query.indicator, dict(binding.query.filters)
    return suggested_query(quantity.metric, quantity.unit) or ("", {})


def registry_preview_month(ledger: Ledger) -> datetime.date:
    """The month a preview reads: the end of the ledger's latest round, or this month before any round."""
    latest = ledger.reporting_rounds.order_by("-period_end").values_list("period_end", flat=True).first()
    return latest or timezone.localdate()


def registry_preview(region: Region, indicator: str, filters: dict[str, str], as_of: datetime.date) -> IndicatorValue:
    """What a query would read now, before it is saved."""
    return indicator_value(query=IndicatorQuery(region=region, indicator=indicator, filters=filters), as_of=as_of)
