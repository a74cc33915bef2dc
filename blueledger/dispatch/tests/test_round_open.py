from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.choices import PrefillSource
from blueledger.dispatch.models import ReportingRound, ReportSlot
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import (
    NOVEMBER,
    make_office,
    make_published_ledger,
    make_round,
    report_all,
    slots_of,
)
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role


@pytest.fixture
def plan(shandong: dict[str, Any]) -> Any:
    return make_published_ledger(shandong["weifang"])


def _slot_map(reporting_round: ReportingRound) -> set[tuple[str, str, bool]]:
    return {
        (slot.department.short_name, slot.quantity.metric, slot.is_lead)
        for slot in ReportSlot.objects.filter(round=reporting_round).select_related("department", "quantity")
    }


def test_every_assigned_department_gets_a_slot_per_target_of_its_tasks(plan: Any, shandong: Any) -> None:
    ledger, _ = plan
    office = make_office(shandong["weifang"])
    reporting_round = make_round(ledger, actor=office)

    assert reporting_round.title == "2025年10月调度"
    metrics = {slot[1] for slot in _slot_map(reporting_round)}
    assert len(metrics) == ledger.quantities.filter(role="target", task__isnull=False).count()
    by_department = {dept for dept, _, _ in _slot_map(reporting_round)}
    assert by_department == {"市发改委", "市海渔局", "市生态环境局"}
    record = reporting_round.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", office, "发起调度")
    assert ReportSlot.history.filter(round_id=reporting_round.pk).count() == reporting_round.slots.count()


def test_next_round_prefills_last_rounds_cumulative_values(plan: Any) -> None:
    ledger, departments = plan
    october = make_round(ledger)
    haiyu = departments["市海渔局"]
    values = [str(10 + n) for n in range(len(slots_of(october, haiyu)))]
    report_all(october, haiyu, values)
    round_close(actor=None, reporting_round=october)

    november = make_round(ledger, NOVEMBER)

    prefilled = [(slot.prefilled_value, slot.prefilled_from) for slot in slots_of(november, haiyu)]
    assert prefilled == [(Decimal(v), PrefillSource.PREVIOUS_ROUND) for v in values]
    assert {slot.prefilled_value for slot in slots_of(november, departments["市生态环境局"])} == {None}


def test_refusals_write_nothing(plan: Any, shandong: Any) -> None:
    ledger, departments = plan
    make_round(ledger)
    draft = make_ledger(shandong["weifang"], text="草稿台账\n一、任务\n新建渔港3个。(牵头单位:市海渔局)\n",
                        filename="草稿.txt")
    reporter = make_user(departments["市海渔局"], Role.REPORTER)
    outsider = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)
    before = (ReportingRound.objects.count(), ReportSlot.objects.count())

    with pytest.raises(ValidationError, match="已有调度轮次"):
        make_round(ledger)
    with pytest.raises(ValidationError, match="只能对已发布的台账发起调度"):
        make_round(draft)
    with pytest.raises(PermissionDenied):
        make_round(ledger, NOVEMBER, actor=reporter)
    with pytest.raises(PermissionDenied, match="管辖范围"):
        make_round(ledger, NOVEMBER, actor=outsider)
    assert (ReportingRound.objects.count(), ReportSlot.objects.count()) == before
