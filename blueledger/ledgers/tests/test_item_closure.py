"""办结/销号: a dispatcher closes a finished task or target of a published ledger with a note and strikes it
off; the state changes re-read and lock their row, and a second close or strike-off is refused with who did
it and when; closed items (a task's sub-tasks and targets too) are listed for the rounds to leave out."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter
from blueledger.ledgers import selectors, services
from blueledger.ledgers.models import ItemClosure, LedgerQuantity, LedgerTask
from blueledger.ledgers.tests.factories import make_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    office = make_office(shandong["weifang"])
    office.display_name = "王调度"
    office.save()
    return {"ledger": ledger, "departments": departments, "office": office, "region": shandong["weifang"]}


def _task(world: dict[str, Any], key: str) -> LedgerTask:
    return LedgerTask.objects.get(ledger=world["ledger"], key=key)


def test_closing_a_task_records_the_note_and_leaves_its_sub_tasks_and_targets_out(world: dict[str, Any]) -> None:
    closure = services.item_close(actor=world["office"], task=_task(world, "一"), note=" 产业目标 全部完成 ")

    assert (closure.state, closure.note, closure.closed_by) == ("closed", "产业目标 全部完成", world["office"])
    record = closure.history.get()
    assert (record.history_user, record.history_change_reason) == (world["office"], "办结: 产业目标 全部完成")
    closed = selectors.closed_items(world["ledger"])
    assert closed.task_ids == {_task(world, key).pk for key in ("一", "一.(一)", "一.(二)")}
    assert closed.quantity_ids == set(
        LedgerQuantity.objects.filter(task__key__in=["一.(一)", "一.(二)"], ledger=world["ledger"])
        .values_list("pk", flat=True))


def test_a_target_is_closed_then_struck_off(world: dict[str, Any]) -> None:
    target = LedgerQuantity.objects.get(ledger=world["ledger"], unit="公里")
    closure = services.item_close(actor=world["office"], quantity=target, note="岸线整治已验收")

    services.item_strike_off(actor=world["office"], closure=closure, note="经核实销号")

    closure.refresh_from_db()
    assert (closure.state, closure.struck_off_note, closure.struck_off_by) == ("struck_off", "经核实销号",
                                                                             world["office"])
    assert [r.history_change_reason for r in closure.history.order_by("history_id")] == [
        "办结: 岸线整治已验收", "销号: 经核实销号"]
    assert selectors.closed_items(world["ledger"]).quantity_ids == {target.pk}


def test_closing_twice_tells_who_closed_it_and_writes_nothing(world: dict[str, Any]) -> None:
    task = _task(world, "二")
    services.item_close(actor=world["office"], task=task, note="完成")
    with pytest.raises(ValidationError) as refused:
        services.item_close(actor=world["office"], task=task, note="再次")

    assert refused.value.messages[0].startswith("任务 二已于 ")
    assert refused.value.messages[0].endswith(" 由王调度办结, 无需再次办结。")
    assert ItemClosure.objects.count() == 1


def test_striking_off_twice_is_refused(world: dict[str, Any]) -> None:
    closure = services.item_close(actor=world["office"], task=_task(world, "二"), note="完成")
    stale = ItemClosure.objects.get(pk=closure.pk)
    services.item_strike_off(actor=world["office"], closure=closure)

    with pytest.raises(ValidationError) as refused:
        services.item_strike_off(actor=world["office"], closure=stale)  # a copy loaded before: re-read

    assert refused.value.messages[0].endswith(" 由王调度销号, 无需再次销号。")
    assert ItemClosure.history.filter(id=closure.pk).count() == 2


def test_a_note_is_required_a_draft_refuses_and_a_reporter_may_not(world: dict[str, Any],
                                                                   shandong: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as blank:
        services.item_close(actor=world["office"], task=_task(world, "二"), note="  ")
    draft_task = make_ledger(shandong["qingdao"]).tasks.first()
    with pytest.raises(ValidationError) as draft:
        services.item_close(actor=None, task=draft_task, note="完成")
    reporter = make_reporter(world["departments"]["市生态环境局"])
    with pytest.raises(PermissionDenied):
        services.item_close(actor=reporter, task=_task(world, "二"), note="完成")

    assert blank.value.messages == ["请填写办结说明。"]
    assert draft.value.messages == ["台账尚未发布: 办结、销号和延期申请只用于已发布台账的事项。"]
    assert not ItemClosure.objects.exists()
