"""`blueledger demo` runs its rounds on the seed work plans, once each: Weihai's 2023 plan (October closed,
November open for the desks) and Qingdao's 2021 业务目标 (its year-end round), never on the Weifang notice
seeking comments or the Qingdao summary. (潍坊's 2024年度 round on that notice is the economy step's, for
issue 12: economy/tests/test_economy_demo.py.)"""

from __future__ import annotations

import datetime
from typing import Any

from blueledger.dispatch.choices import HANDED_IN, ReportSource, RoundStatus
from blueledger.dispatch.demo import demo_open_round_load, demo_qingdao_round_load, demo_round_load
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot
from blueledger.dispatch.selectors.rounds import round_latest_closed
from blueledger.ledgers.imports import samples_import_and_publish
from blueledger.orgs.services import departments_load_file


def test_without_a_published_ledger_the_step_is_skipped(db: Any) -> None:
    assert demo_round_load() is None
    assert demo_qingdao_round_load() is None
    assert demo_open_round_load() is None
    assert ReportingRound.objects.count() == 0


def _samples_published() -> None:
    from django.core.management import call_command

    call_command("refdata")
    departments_load_file(actor=None)
    list(samples_import_and_publish(actor=None))


def test_the_weihai_round_runs_on_the_2023_plan_once(db: Any) -> None:
    _samples_published()

    first = demo_round_load()
    second = demo_round_load()

    assert first is not None and second == first
    assert ReportingRound.objects.count() == 1
    assert (first.status, first.period_kind, first.title) == (RoundStatus.CLOSED, "month", "2023年10月调度")
    assert (first.ledger.title, first.ledger.region.name, first.ledger.document.original_filename) == (
        "威海市海洋发展局2023年工作思路", "威海市", "003_0f9e64c915d94e44.txt")
    slots = ReportSlot.objects.filter(round=first)
    assert (slots.count(), slots.filter(quantity__isnull=False).count()) == (43, 28)  # 28 targets, 15 qualitative
    reporters = set(Report.objects.filter(status__in=HANDED_IN).values_list("slot__department__short_name", flat=True))
    assert reporters == {"市海洋发展局"}
    assert Report.objects.filter(slot__round=first, status="accepted").count() == 43
    assert round_latest_closed() == first


def test_the_qingdao_round_runs_on_the_2021_targets_typed_by_the_bureau(db: Any) -> None:
    _samples_published()

    reporting_round = demo_qingdao_round_load()

    assert reporting_round is not None and demo_qingdao_round_load() == reporting_round
    assert (reporting_round.status, reporting_round.ledger.region.code, reporting_round.title) == (
        RoundStatus.CLOSED, "370200", "2021年12月调度")
    assert reporting_round.ledger.title == "2021年度市直单位业务目标"
    reports = Report.objects.filter(slot__round=reporting_round)
    assert reports.count() == 14
    assert set(reports.values_list("slot__department__short_name", "source", "status")) == {
        ("市海洋发展局", ReportSource.FORM, "accepted")}  # the registry holds nothing for 2021: nothing read from it


def test_the_demo_leaves_an_open_round_so_that_the_desks_have_to_dos(db: Any) -> None:
    _samples_published()
    demo_round_load()
    today = datetime.date(2026, 12, 5)
    reporting_round = demo_open_round_load(today=today)
    assert reporting_round is not None and demo_open_round_load(today=today) is None  # once
    assert (reporting_round.title, reporting_round.status, reporting_round.due_date) == (
        "2023年11月调度", RoundStatus.OPEN, datetime.date(2026, 12, 8))
    assert reporting_round.ledger.document.original_filename == "003_0f9e64c915d94e44.txt"
    assert Report.objects.filter(slot__round=reporting_round).count() == 0  # the reporter still has to report
    assert set(ReportSlot.objects.filter(round=reporting_round).values_list("department__short_name", flat=True)) == {
        "市海洋发展局"}
