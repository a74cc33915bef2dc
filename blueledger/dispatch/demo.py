"""The dispatch part of `blueledger demo`: rounds on the seed work plans (not on a notice seeking comments or
a summary), so that the dashboard, the ranking, the desks and `blueledger bulletin --latest` have data. The one
exception is not made here: 潍坊's 2024年度 round on the 004 notice is opened by the economy step (order 50),
after it binds 004's targets, because issue 12 asks for their trajectory in 潍坊's dispatch round.

- 威海 (sample 003, 威海市海洋发展局2023年工作思路): October 2023, closed; 市海洋发展局, to which the demo's
  review gave the plan's tasks (a bureau's own plan names no other department), reports its targets and its
  qualitative tasks.
- 威海, again: November 2023, open and due three days after the demo is loaded, nothing handed in yet, so
  that the reporter's 工作台 has 待填报 and 即将到期 and the office's has 催报.
- 青岛 (sample 002, 2021年度市直单位业务目标): the year-end round of December 2021, reported by
  市海洋发展局. Its targets are not bound to the key-project registry: the registry holds 2022–2023 (the
  90-project fixture and the demo pipeline), nothing for 2021, and a registry figure for 2021 would be a
  zero that was never measured.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from blueledger.dispatch.choices import PeriodKind, TaskState
from blueledger.dispatch.generate import province_generate
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.services.rounds import round_close, round_open
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.models import Ledger

DEMO_ORDER = 40

WEIHAI_PLAN = "003_0f9e64c915d94e44.txt"
QINGDAO_PLAN = "002_a93a219fb6b82c86.txt"
DEMO_PERIOD_START = datetime.date(2023, 10, 1)
DEMO_PERIOD_END = datetime.date(2023, 10, 31)
DEMO_DUE_DATE = datetime.date(2023, 11, 5)
OPEN_PERIOD = (datetime.date(2023, 11, 1), datetime.date(2023, 11, 30))
QINGDAO_PERIOD = (datetime.date(2021, 12, 1), datetime.date(2021, 12, 31), datetime.date(2022, 1, 5))
# Shares of each target the demo departments report as done, in turn (some ahead, some behind).
DEMO_SHARES = (Decimal("0.9"), Decimal("0.35"), Decimal("1.05"), Decimal("0.55"), Decimal("0.15"))
DEMO_TASK_STATES = (TaskState.IN_PROGRESS, TaskState.DONE, TaskState.IN_PROGRESS, TaskState.NOT_STARTED)
def _sample_ledger(filename: str) -> Ledger | None:
    return (
        Ledger.objects.filter(document__original_filename=filename, status=LedgerStatus.PUBLISHED)
        .select_related("region")
        .first()
    )


def _existing(ledger: Ledger, period_start: datetime.date) -> ReportingRound | None:
    return ReportingRound.objects.filter(
        ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start
    ).first()


def _report(reporting_round: ReportingRound, department_id: int, number: int) -> None:
    """The department's typed slots, reported at the demo shares and handed in."""
    slots = list(
        ReportSlot.objects.filter(round=reporting_round, department_id=department_id,
                                  quantity__registry_binding__isnull=True)
        .select_related("quantity", "task", "department")
    )
    if not slots:
        return
    entries = {
        slot.pk: ReportEntry(
            value=(slot.quantity.value * DEMO_SHARES[(index + number) % len(DEMO_SHARES)]).quantize(Decimal(1)),
            progress=f"{slot.quantity.metric}按计划推进, 已召开专题调度会。",
            problems="要素保障仍需加强。" if index % 2 else "",
            next_steps="加快项目前期手续办理。",
        ) if slot.quantity is not None else ReportEntry(  # a qualitative task: its state and a written progress
            value=None, progress="已制定工作方案, 按计划推进。", next_steps="加快推进。",
            task_state=DEMO_TASK_STATES[(index + number) % len(DEMO_TASK_STATES)],
        )
        for index, slot in enumerate(slots)
    }
    reports_save(actor=None, reporting_round=reporting_round, department=slots[0].department, entries=entries,
                 submit=True, reason="演示数据")


def _report_all(reporting_round: ReportingRound) -> None:
    """Every department of the round reports and hands in."""
    departments = sorted(set(ReportSlot.objects.filter(round=reporting_round).values_list("department_id", flat=True)))
    for number, department_id in enumerate(departments):
        _report(reporting_round, department_id, number)


@transaction.atomic
def demo_round_load() -> ReportingRound | None:
    """Weihai's October round, reported and closed, created once; None when sample 003 is not published."""
    ledger = _sample_ledger(WEIHAI_PLAN)
    if ledger is None:
        return None
    existing = _existing(ledger, DEMO_PERIOD_START)
    if existing is not None:
        return existing
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=DEMO_PERIOD_START,
        period_end=DEMO_PERIOD_END, due_date=DEMO_DUE_DATE,
    )
    _report_all(reporting_round)
    round_close(actor=None, reporting_round=reporting_round)
    return reporting_round


@transaction.atomic
def demo_qingdao_round_load() -> ReportingRound | None:
    """Qingdao's year-end round on its 2021 业务目标, reported and closed, created once; None when sample 002
    is not published."""
    ledger = _sample_ledger(QINGDAO_PLAN)
    if ledger is None:
        return None
    period_start, period_end, due_date = QINGDAO_PERIOD
    existing = _existing(ledger, period_start)
    if existing is not None:
        return existing
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start, period_end=period_end,
        due_date=due_date,
    )
    _report_all(reporting_round)
    round_close(actor=None, reporting_round=reporting_round)
    return reporting_round


# The open round's deadline, days after the demo is loaded: 即将到期 on the desk and for `blueledger remind`.
OPEN_ROUND_DUE_IN_DAYS = 3


@transaction.atomic
def demo_open_round_load(today: datetime.date | None = None) -> ReportingRound | None:
    """Weihai's November round, open, due three days after `today` with nothing handed in, so that the desks
    have something to do (待填报 and 即将到期 for the reporter, 催报 for the office). Created once; None when
    sample 003 is not published or the round exists."""
    ledger = _sample_ledger(WEIHAI_PLAN)
    if ledger is None:
        return None
    period_start, period_end = OPEN_PERIOD
    if _existing(ledger, period_start) is not None:
        return None
    today = today or timezone.localdate()
    return round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start, period_end=period_end,
        due_date=today + datetime.timedelta(days=OPEN_ROUND_DUE_IN_DAYS),
    )


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    for demo_round in (demo_round_load(), demo_qingdao_round_load()):
        if demo_round is None:
            write("调度通报: 示例工作计划未发布, 跳过演示轮次")
        else:
            write(f"调度通报: {demo_round.ledger.title} · {demo_round.title} ({demo_round.get_status_display()})")
    open_round = demo_open_round_load()
    if open_round is not None:
        write(f"调度通报: {open_round.ledger.title} · {open_round.title} (填报中, 截止 {open_round.due_date:%Y-%m-%d})")
    if province_scale is not None:
        write(f"全省规模调度数据: {province_generate(factor=province_scale)}")
