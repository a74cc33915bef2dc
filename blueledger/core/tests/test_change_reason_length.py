"""A change reason is cut to the history's column (varchar(100)): a long return comment, reopening reason or
correction reason is kept in full where it is stored and never makes the write fail (PostgreSQL refused it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from blueledger.core.testing import make_user
from blueledger.dispatch.models import Report
from blueledger.dispatch.services.reports import report_item_return, reports_return
from blueledger.dispatch.services.rounds import round_close, round_reopen, round_settings_update
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all, slots_of
from blueledger.users.choices import Role

LONG = "请核实" * 60  # 180 characters


def test_long_reasons_fit_the_history(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    office = make_office(shandong["weifang"])
    haiyu = departments["市海渔局"]
    report_all(reporting_round, haiyu, ["100", "1"])

    reports_return(actor=office, reporting_round=reporting_round, department=haiyu, comment=LONG)
    report = Report.objects.filter(slot__department=haiyu).order_by("pk").first()
    assert report is not None and report.returned_comment == LONG
    assert report.history.first().history_change_reason == f"退回: {LONG}"[:100]

    report_all(reporting_round, haiyu, ["100", "1"])
    slot = slots_of(reporting_round, haiyu)[0]
    report_item_return(actor=office, slot=slot, comment=LONG)
    latest = Report.objects.filter(slot=slot).order_by("-version").first()
    assert latest is not None and latest.returned_comment == LONG
    assert len(latest.history.first().history_change_reason) == 100

    round_close(actor=office, reporting_round=reporting_round)
    weights = {"binding": Decimal(2), "strive": Decimal(1), "try": Decimal(1), "none": Decimal(1)}
    round_settings_update(actor=office, reporting_round=reporting_round, hardness_weights=weights,
                          tolerance_share=Decimal("0.05"), severe_lag_points=Decimal(20), correction_reason=LONG)
    round_reopen(actor=make_user(None, Role.ADMIN), reporting_round=reporting_round, reason=LONG)
    reasons = [record.history_change_reason for record in reporting_round.history.order_by("history_id")]
    assert [len(reason) for reason in reasons[-2:]] == [100, 100]
