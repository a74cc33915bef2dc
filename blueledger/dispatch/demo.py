"""The dispatch part of `blueledger demo`: closed monthly rounds on published seed ledgers, so that the
dashboard, the ranking and `blueledger bulletin --latest` have data.

- 潍坊 (sample 004, the only sample that names its departments): October 2025, two departments report.
- 潍坊, again: an open round for the current month (due in three days), so that each role's 工作台 has to-dos.
- 青岛 (sample 000, the half-year summary with its 下半年 targets): June 2023, the project targets read from
  the key-project registry (the 90-project fixture and the demo pipeline), the one other target reported by
  市海洋发展局, to which the demo's review gave the summary's unassigned tasks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from blueledger.dispatch.choices import PeriodKind, RoundStatus, TaskState
from blueledger.dispatch.generate import province_generate
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.services.registry import registry_binding_set
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.services.rounds import round_close, round_open
from blueledger.ledgers.choices import LedgerStatus, QuantityRole
from blueledger.ledgers.models import Ledger
from blueledger.orgs.models import Department

DEMO_ORDER = 40

WEIFANG_SAMPLE = "004_2e91e0d14aca89a2.txt"
QINGDAO_SAMPLE = "000_060449e17469e9f6.txt"
DEMO_PERIOD_START = datetime.date(2025, 10, 1)
DEMO_PERIOD_END = datetime.date(2025, 10, 31)
DEMO_DUE_DATE = datetime.date(2025, 11, 5)
QINGDAO_PERIOD = (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30), datetime.date(2023, 7, 5))
# Shares of each target the demo departments report as done, in turn (some ahead, some behind).
DEMO_SHARES = (Decimal("0.9"), Decimal("0.35"), Decimal("1.05"), Decimal("0.55"), Decimal("0.15"))
DEMO_REPORTER_DEPARTMENT = "市发改委"  # wf-reporter's (users/demo.py): its items stay open in the open round
DEMO_TASK_STATES = (TaskState.IN_PROGRESS, TaskState.DONE, TaskState.IN_PROGRESS, TaskState.NOT_STARTED)
# The Qingdao targets the office reads from the registry: (words of the metric, indicator, filters). The
# summary writes 新签约过50亿元项目5个、过30亿元项目10个、过10亿元项目20个: all three count new signings.
QINGDAO_BINDINGS = (
    ("过50亿元项目", "signed_leads", {"min_signed_yi": "50"}),
    ("过30亿元项目", "signed_leads", {"min_signed_yi": "30"}),
    ("过10亿元项目", "signed_leads", {"min_signed_yi": "10"}),
    ("重点项目建设", "projects", {}),
)


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


@transaction.atomic
def demo_round_load() -> ReportingRound | None:
    """The Weifang round, created once; None when sample 004 is not published."""
    ledger = _sample_ledger(WEIFANG_SAMPLE)
    if ledger is None:
        return None
    existing = _existing(ledger, DEMO_PERIOD_START)
    if existing is not None:
        return existing
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=DEMO_PERIOD_START,
        period_end=DEMO_PERIOD_END, due_date=DEMO_DUE_DATE,
    )
    lead_counts: dict[int, int] = {}
    for slot in ReportSlot.objects.filter(round=reporting_round, is_lead=True):
        lead_counts[slot.department_id] = lead_counts.get(slot.department_id, 0) + 1
    for number, department_id in enumerate(sorted(lead_counts, key=lambda pk: (-lead_counts[pk], pk))[:2]):
        _report(reporting_round, department_id, number)
    round_close(actor=None, reporting_round=reporting_round)
    return reporting_round


@transaction.atomic
def demo_registry_round_load() -> ReportingRound | None:
    """The Qingdao round with registry-bound targets, created once; None when sample 000 is not published."""
    ledger = _sample_ledger(QINGDAO_SAMPLE)
    if ledger is None:
        return None
    period_start, period_end, due_date = QINGDAO_PERIOD
    existing = _existing(ledger, period_start)
    if existing is not None:
        return existing
    targets = list(ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False))
    for words, indicator, filters in QINGDAO_BINDINGS:
        for quantity in targets:
            if words in quantity.metric and not hasattr(quantity, "registry_binding"):
                registry_binding_set(actor=None, quantity=quantity, indicator=indicator, filters=filters)
                break
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start, period_end=period_end,
        due_date=due_date,
    )
    departments = sorted(set(ReportSlot.objects.filter(round=reporting_round).values_list("department_id", flat=True)))
    for number, department_id in enumerate(departments):
        _report(reporting_round, department_id, number)
    if reporting_round.status == RoundStatus.OPEN:
        round_close(actor=None, reporting_round=reporting_round)
    return reporting_round


# The open round's deadline, days after the demo is loaded: 即将到期 on the desk and for `blueledger remind`.
OPEN_ROUND_DUE_IN_DAYS = 3


@transaction.atomic
def demo_open_round_load(today: datetime.date | None = None) -> ReportingRound | None:
    """An open Weifang round for the current month, so that the desks have something to do: the largest lead
    department has handed in (待审核 for the office), the others have not (待填报, 即将到期, 催报). Created once
    per month; None when sample 004 is not published or its period is taken."""
    ledger = _sample_ledger(WEIFANG_SAMPLE)
    if ledger is None:
        return None
    today = today or timezone.localdate()
    period_start = today.replace(day=1)
    if _existing(ledger, period_start) is not None:
        return None
    next_month = (period_start + datetime.timedelta(days=32)).replace(day=1)
    reporting_round = round_open(
        actor=None, ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start,
        period_end=next_month - datetime.timedelta(days=1),
        due_date=today + datetime.timedelta(days=OPEN_ROUND_DUE_IN_DAYS),
    )
    lead_counts: dict[int, int] = {}
    for slot in ReportSlot.objects.filter(round=reporting_round, is_lead=True):
        lead_counts[slot.department_id] = lead_counts.get(slot.department_id, 0) + 1
    own = set(Department.objects.filter(short_name=DEMO_REPORTER_DEPARTMENT).values_list("pk", flat=True))
    others = sorted((pk for pk in lead_counts if pk not in own), key=lambda pk: (-lead_counts[pk], pk))
    if others:  # the demo reporter's own department is left to fill in
        _report(reporting_round, others[0], 1)
    return reporting_round


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    for demo_round in (demo_round_load(), demo_registry_round_load()):
        if demo_round is None:
            write("调度通报: 示例台账未发布, 跳过演示轮次")
        else:
            write(f"调度通报: {demo_round.ledger.title} · {demo_round.title} ({demo_round.get_status_display()})")
    open_round = demo_open_round_load()
    if open_round is not None:
        write(f"调度通报: {open_round.ledger.title} · {open_round.title} (填报中, 截止 {open_round.due_date:%Y-%m-%d})")
    if province_scale is not None:
        write(f"全省规模调度数据: {province_generate(factor=province_scale)}")
