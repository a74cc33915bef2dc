"""`blueledger demo` leaves closed monthly rounds on seed ledgers, once: Weifang's with two departments'
reports, and Qingdao's whose project targets were read from the key-project registry."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from blueledger.dispatch.choices import HANDED_IN, ReportSource, RoundStatus
from blueledger.dispatch.demo import demo_open_round_load, demo_registry_round_load, demo_round_load
from blueledger.dispatch.models import Report, ReportingRound
from blueledger.dispatch.selectors.rounds import round_latest_closed
from blueledger.ledgers.imports import samples_import_and_publish
from blueledger.orgs.services import departments_load_file
from blueledger.projects.fixtures import qingdao_fixture_load, qingdao_leads_load


def test_without_a_published_ledger_the_step_is_skipped(db: Any) -> None:
    assert demo_round_load() is None
    assert demo_registry_round_load() is None
    assert ReportingRound.objects.count() == 0


def _samples_published() -> None:
    from django.core.management import call_command

    call_command("refdata")
    departments_load_file(actor=None)
    list(samples_import_and_publish(actor=None))


def test_the_demo_round_is_created_once(db: Any) -> None:
    _samples_published()

    first = demo_round_load()
    second = demo_round_load()

    assert first is not None and second == first
    assert ReportingRound.objects.count() == 1
    assert (first.status, first.period_kind, first.ledger.region.name) == (RoundStatus.CLOSED, "month", "潍坊市")
    reporters = set(Report.objects.filter(status__in=HANDED_IN).values_list("slot__department__short_name", flat=True))
    assert reporters == {"市发改委", "市海渔局"}
    assert round_latest_closed() == first


def test_the_qingdao_round_reads_its_project_targets_from_the_registry(db: Any) -> None:
    _samples_published()
    qingdao_fixture_load(actor=None)
    qingdao_leads_load(actor=None)

    reporting_round = demo_registry_round_load()

    assert reporting_round is not None and demo_registry_round_load() == reporting_round
    assert (reporting_round.status, reporting_round.ledger.region.code) == (RoundStatus.CLOSED, "370200")
    read = sorted(
        (report.slot.quantity.registry_binding.query.indicator,
         report.slot.quantity.registry_binding.query.filters_text, report.slot.quantity.value, report.value)
        for report in Report.objects.filter(slot__round=reporting_round, source=ReportSource.REGISTRY)
        .select_related("slot__quantity__registry_binding__query")
    )
    assert read == [  # the demo pipeline's signings by June against the 下半年 targets; the 90 projects
        ("projects", "全部", Decimal(90), Decimal(90)),
        ("signed_leads", "签约额不低于10亿元", Decimal(20), Decimal(7)),
        ("signed_leads", "签约额不低于30亿元", Decimal(10), Decimal(4)),
        ("signed_leads", "签约额不低于50亿元", Decimal(5), Decimal(2)),
    ]
    typed = Report.objects.filter(slot__round=reporting_round, slot__quantity__isnull=False).exclude(
        source=ReportSource.REGISTRY)
    assert [report.slot.department.short_name for report in typed] == ["市海洋发展局"]
    qualitative = Report.objects.filter(slot__round=reporting_round, slot__task__isnull=False)
    assert {(r.slot.department.short_name, r.value, r.status) for r in qualitative} == {
        ("市海洋发展局", None, "accepted")}  # its qualitative tasks, with a state and a written progress
    assert all(r.task_state and r.progress for r in qualitative)


def test_the_demo_leaves_an_open_round_so_that_the_desks_have_to_dos(db: Any) -> None:
    _samples_published()
    demo_round_load()
    today = datetime.date(2026, 12, 5)
    reporting_round = demo_open_round_load(today=today)
    assert reporting_round is not None and demo_open_round_load(today=today) is None  # once a month
    assert (reporting_round.title, reporting_round.status, reporting_round.due_date) == (
        "2026年12月调度", RoundStatus.OPEN, datetime.date(2026, 12, 8))
    handed_in = {r.slot.department.short_name for r in Report.objects.filter(slot__round=reporting_round)}
    assert len(handed_in) == 1 and "市发改委" not in handed_in  # the demo reporter's department still has to report
