"""`blueledger demo` leaves one closed monthly round with two departments' reports on a seed ledger, once."""

from __future__ import annotations

from typing import Any

from blueledger.dispatch.choices import HANDED_IN, RoundStatus
from blueledger.dispatch.demo import demo_round_load
from blueledger.dispatch.models import Report, ReportingRound
from blueledger.dispatch.selectors import round_latest_closed
from blueledger.ledgers.imports import samples_import_and_publish
from blueledger.orgs.services import departments_load_file


def test_without_a_published_ledger_the_step_is_skipped(db: Any) -> None:
    assert demo_round_load() is None
    assert ReportingRound.objects.count() == 0


def test_the_demo_round_is_created_once(db: Any) -> None:
    from django.core.management import call_command

    call_command("refdata")
    departments_load_file(actor=None)
    list(samples_import_and_publish(actor=None))

    first = demo_round_load()
    second = demo_round_load()

    assert first is not None and second == first
    assert ReportingRound.objects.count() == 1
    assert (first.status, first.period_kind, first.ledger.region.name) == (RoundStatus.CLOSED, "month", "潍坊市")
    reporters = set(Report.objects.filter(status__in=HANDED_IN).values_list("slot__department__short_name", flat=True))
    assert reporters == {"市发改委", "市海渔局"}
    assert round_latest_closed() == first
