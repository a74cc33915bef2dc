"""Plain factories of the dispatch tests: a published ledger with three departments, rounds and reports."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from blueledger.core.testing import make_user
from blueledger.dispatch.choices import PeriodKind
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.services.rounds import round_open
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import ledger_name_resolve, ledger_publish
from blueledger.ledgers.tests.factories import PLAN_TEXT, make_ledger, make_plan_departments
from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role

OCTOBER = (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
NOVEMBER = (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))


def make_published_ledger(region: Region) -> tuple[Ledger, dict[str, Department]]:
    """PLAN_TEXT of the ledgers tests, published: 市发改委 leads 1200亿元 (确保) with 市海渔局 supporting,
    市海渔局 leads 渔港 ≥3个 (力争), 市生态环境局 leads 岸线 ≥12.5公里."""
    departments = make_plan_departments(region)
    ledger = make_ledger(region)
    ledger_name_resolve(actor=None, ledger=ledger, written_name="市未知局", department=departments["市发改委"],
                        remember_alias=False)
    ledger_publish(actor=None, ledger=ledger)
    return ledger, departments


QUALITATIVE_TEXT = PLAN_TEXT + (
    "(三)推进智慧海洋建设。完善海洋大数据平台功能。(牵头单位:市海渔局;配合单位:市生态环境局)\n"
)


def make_qualitative_ledger(region: Region) -> tuple[Ledger, dict[str, Department]]:
    """make_published_ledger's plan with a qualitative task (no target): 二.(三) 推进智慧海洋建设, led by 市海渔局
    with 市生态环境局."""
    departments = make_plan_departments(region)
    ledger = make_ledger(region, text=QUALITATIVE_TEXT)
    ledger_name_resolve(actor=None, ledger=ledger, written_name="市未知局", department=departments["市发改委"],
                        remember_alias=False)
    ledger_publish(actor=None, ledger=ledger)
    return ledger, departments


def make_round(ledger: Ledger, period: tuple[datetime.date, datetime.date] = OCTOBER, **fields: Any) -> ReportingRound:
    return round_open(actor=fields.pop("actor", None), ledger=ledger, period_kind=PeriodKind.MONTH,
                      period_start=period[0], period_end=period[1],
                      due_date=fields.pop("due_date", period[1] + datetime.timedelta(days=5)))


def slots_of(reporting_round: ReportingRound, department: Department) -> list[ReportSlot]:
    return list(ReportSlot.objects.filter(round=reporting_round, department=department)
                .select_related("quantity").order_by("position"))


def report_all(reporting_round: ReportingRound, department: Department, values: list[str], *,
               submit: bool = True, actor: Any = None) -> None:
    slots = slots_of(reporting_round, department)
    entries = {slot.pk: ReportEntry(value=Decimal(value), progress="推进中") for slot, value in
               zip(slots, values, strict=True)}
    reports_save(actor=actor, reporting_round=reporting_round, department=department, entries=entries, submit=submit)


def make_office(region: Region) -> Any:
    office = Department.objects.create(region=region, name=f"{region.name}调度办", short_name="调度办")
    return make_user(office, Role.DISPATCHER, "office")


def make_reporter(department: Department, username: str = "") -> Any:
    return make_user(department, Role.REPORTER, username)
