"""The dispatch part of `blueledger demo`: one closed monthly round with reports from two departments on a
published seed ledger, so that the dashboard, the ranking and `blueledger bulletin --latest` have data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from blueledger.dispatch.choices import PeriodKind, RoundStatus
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.services import ReportEntry, reports_save, round_close, round_open
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.models import Ledger, TaskResponsibility

DEMO_PERIOD_START = datetime.date(2025, 10, 1)
DEMO_PERIOD_END = datetime.date(2025, 10, 31)
DEMO_DUE_DATE = datetime.date(2025, 11, 5)
# Shares of each target the two demo departments report as done, in turn (some ahead, some behind).
DEMO_SHARES = (Decimal("0.9"), Decimal("0.35"), Decimal("1.05"), Decimal("0.55"), Decimal("0.15"))


def demo_ledger() -> Ledger | None:
    """The published seed ledger with the most departments assigned (the Weifang plan, when loaded)."""
    ledger_ids = (
        TaskResponsibility.objects.filter(task__ledger__status=LedgerStatus.PUBLISHED, department__isnull=False)
        .values_list("task__ledger_id", flat=True)
        .distinct()
    )
    ledgers = Ledger.objects.filter(pk__in=list(ledger_ids)).select_related("region").order_by("pk")
    return max(ledgers, key=lambda ledger: (ledger.quantities.filter(task__isnull=False).count(), -ledger.pk),
               default=None)


@transaction.atomic
def demo_round_load() -> ReportingRound | None:
    """Creates the demo round once; returns it (None when no published ledger has assigned targets)."""
    ledger = demo_ledger()
    if ledger is None:
        return None
    existing = ReportingRound.objects.filter(
        ledger=ledger, period_kind=PeriodKind.MONTH, period_start=DEMO_PERIOD_START
    ).first()
    if existing is not None:
        return existing
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=DEMO_PERIOD_START,
        period_end=DEMO_PERIOD_END, due_date=DEMO_DUE_DATE,
    )
    lead_counts: dict[int, int] = {}
    for slot in ReportSlot.objects.filter(round=reporting_round, is_lead=True):
        lead_counts[slot.department_id] = lead_counts.get(slot.department_id, 0) + 1
    reporters = sorted(lead_counts, key=lambda pk: (-lead_counts[pk], pk))[:2]
    for number, department_id in enumerate(reporters):
        slots = list(ReportSlot.objects.filter(round=reporting_round, department_id=department_id)
                     .select_related("quantity", "department"))
        entries = {
            slot.pk: ReportEntry(
                value=(slot.quantity.value * DEMO_SHARES[(index + number) % len(DEMO_SHARES)]).quantize(Decimal(1)),
                progress=f"{slot.quantity.metric}按计划推进, 已召开专题调度会。",
                problems="要素保障仍需加强。" if index % 2 else "",
                next_steps="加快项目前期手续办理。",
            )
            for index, slot in enumerate(slots)
        }
        reports_save(actor=None, reporting_round=reporting_round, department=slots[0].department, entries=entries,
                     submit=True, reason="演示数据")
    if reporting_round.status == RoundStatus.OPEN:
        round_close(actor=None, reporting_round=reporting_round)
    return reporting_round
