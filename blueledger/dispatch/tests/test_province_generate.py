"""The province-scale generator writes the promised shape (here at a small factor) and no history rows."""

from __future__ import annotations

from typing import Any

from blueledger.dispatch.generate import province_generate
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.orgs.models import Department, Region


def test_a_small_province(db: Any) -> None:
    summary = province_generate(factor=0.02, rounds=3, tasks_per_ledger=20, figures_rounds=2)

    assert (summary.ledgers, summary.rounds) == (1, 3)
    assert Region.objects.filter(level="city").count() == 16
    assert Department.objects.count() == 16 * 12
    # 15 tasks under 5 sections; every other task has 2 targets; lead and support each get a slot.
    assert summary.slots == 3 * 2 * (8 * 2 + 7)
    assert ReportSlot.objects.count() == Report.objects.count() == summary.reports == summary.slots
    assert list(ReportingRound.objects.order_by("period_end").values_list("status", flat=True)) == [
        "closed", "closed", "open"]
    assert RoundFigures.objects.count() == 2
    assert Report.history.count() == 0 and ReportSlot.history.count() == 0
