"""An item closed (办结/销号) leaves the rounds opened afterwards — no slot, nothing to report — while the
earlier rounds keep its slots, reports and bulletin rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.dispatch.bulletin_facts import round_facts
from blueledger.dispatch.models import ReportSlot
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import (
    NOVEMBER,
    make_office,
    make_published_ledger,
    make_qualitative_ledger,
    make_round,
    report_all,
)
from blueledger.ledgers.models import LedgerQuantity, LedgerTask
from blueledger.ledgers.services import item_close, item_strike_off

pytestmark = pytest.mark.django_db


def _slots(reporting_round: Any) -> list[tuple[str, str]]:
    return [(slot.label, slot.department.short_name)
            for slot in ReportSlot.objects.filter(round=reporting_round).order_by("position")]


def test_a_closed_target_gets_no_slot_in_the_next_round_and_stays_in_the_last(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    office = make_office(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市生态环境局"], ["12.5"])
    round_close(actor=None, reporting_round=october)
    coast = LedgerQuantity.objects.get(ledger=ledger, unit="公里")

    closure = item_close(actor=office, quantity=coast, note="岸线整治全部完成")
    item_strike_off(actor=office, closure=closure)
    november = make_round(ledger, NOVEMBER)

    assert ("整治岸线", "市生态环境局") in _slots(october)
    assert [department for label, department in _slots(november) if "岸线" in label] == []
    assert len(_slots(november)) == len(_slots(october)) - 1
    october_targets = [fact.target for section in round_facts(october).sections for fact in section.targets]
    assert any("岸线" in target for target in october_targets)


def test_a_closed_task_takes_its_qualitative_slot_and_sub_targets_out(shandong: dict[str, Any]) -> None:
    ledger, _ = make_qualitative_ledger(shandong["weifang"])
    office = make_office(shandong["weifang"])
    october = make_round(ledger)
    item_close(actor=office, task=LedgerTask.objects.get(ledger=ledger, key="二"), note="生态任务全部完成")

    november = make_round(ledger, NOVEMBER)

    closed_labels = [label for label, _ in _slots(october) if label.startswith("二") or "岸线" in label]
    assert closed_labels and all(label not in dict(_slots(november)) for label in closed_labels)
    assert len(_slots(november)) == len(_slots(october)) - len(closed_labels)


def test_a_round_on_a_ledger_with_everything_closed_is_refused(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    office = make_office(shandong["weifang"])
    for task in LedgerTask.objects.filter(ledger=ledger, parent__isnull=True):
        item_close(actor=office, task=task, note="完成")

    with pytest.raises(ValidationError) as refused:
        make_round(ledger, NOVEMBER)

    assert refused.value.messages == ["该台账尚未办结的目标和任务都没有分配到部门 (或已全部办结), 无法发起调度。"]
