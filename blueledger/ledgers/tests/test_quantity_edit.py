"""Correcting, adding, deleting and re-assigning targets: each write is attributed with the value before."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.history import history_entries
from blueledger.core.testing import make_department, make_user
from blueledger.ledgers import services
from blueledger.ledgers.models import LedgerQuantity, LedgerTask
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(shandong: dict[str, Any]) -> dict[str, Any]:
    dispatcher = make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER, "dispatcher")
    ledger = make_ledger(shandong["weifang"])
    quantity = LedgerQuantity.objects.get(ledger=ledger, metric="新建渔港")
    return {"dispatcher": dispatcher, "ledger": ledger, "quantity": quantity}


def test_quantity_update_records_who_and_the_old_value(draft: dict[str, Any]) -> None:
    quantity = draft["quantity"]
    services.quantity_update(
        actor=draft["dispatcher"], quantity=quantity, value=Decimal("4"), unit="座", reason="原文为4座"
    )
    quantity.refresh_from_db()
    assert (quantity.value, quantity.unit) == (Decimal("4"), "座")
    latest, previous = quantity.history.all()[:2]
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == ("~", draft["dispatcher"],
                                                                                        "原文为4座")
    assert (previous.value, previous.unit) == (Decimal("3"), "个")
    shown = [(c.label, c.before, c.after) for c in history_entries(quantity)[0].changes]
    assert ("数值", "3", "4") in shown and ("单位", "个", "座") in shown


def test_quantity_reassigned_to_another_task(draft: dict[str, Any]) -> None:
    quantity = draft["quantity"]
    other = LedgerTask.objects.get(ledger=draft["ledger"], key="二")
    services.quantity_update(actor=draft["dispatcher"], quantity=quantity, task=other)
    quantity.refresh_from_db()
    assert quantity.task == other
    assert quantity.history.all()[1].task.key == "一.(二)"


def test_quantity_cannot_move_to_a_task_of_another_ledger(draft: dict[str, Any], shandong: dict[str, Any]) -> None:
    other_ledger = make_ledger(shandong["weifang"], text="另一份计划\n\n一、其他任务\n新增5个。\n", filename="另.txt")
    foreign_task = LedgerTask.objects.get(ledger=other_ledger, key="一")
    with pytest.raises(ValidationError) as refused:
        services.quantity_update(actor=draft["dispatcher"], quantity=draft["quantity"], task=foreign_task)
    assert refused.value.messages == ["所选任务不属于该台账。"]
    draft["quantity"].refresh_from_db()
    assert draft["quantity"].task.key == "一.(二)"
    assert draft["quantity"].history.count() == 1


def test_quantity_create_has_no_span_and_is_attributed(draft: dict[str, Any]) -> None:
    task = LedgerTask.objects.get(ledger=draft["ledger"], key="二")
    quantity = services.quantity_create(
        actor=draft["dispatcher"], ledger=draft["ledger"], task=task, role="target", metric="修复滨海湿地",
        value=Decimal("200"), unit="公顷", op="ge", hardness="aim",
    )
    assert (quantity.span_start, quantity.span_end, quantity.position) == (None, None, 3)
    record = quantity.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", draft["dispatcher"],
                                                                                        "人工新增")


def test_range_needs_its_upper_value(draft: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        services.quantity_update(actor=draft["dispatcher"], quantity=draft["quantity"], op="range")
    assert refused.value.messages == ["区间需要填写上限值。"]
    draft["quantity"].refresh_from_db()
    assert draft["quantity"].op == "ge"


def test_quantity_delete_keeps_the_deleted_row_in_history(draft: dict[str, Any]) -> None:
    quantity_id = draft["quantity"].pk
    services.quantity_delete(actor=draft["dispatcher"], quantity=draft["quantity"], reason="重复")
    assert not LedgerQuantity.objects.filter(pk=quantity_id).exists()
    record = LedgerQuantity.history.filter(id=quantity_id).first()
    assert (record.history_type, record.history_user, record.history_change_reason, record.metric) == (
        "-", draft["dispatcher"], "重复", "新建渔港"
    )


def test_viewer_cannot_edit_and_nothing_changes(draft: dict[str, Any], shandong: dict[str, Any]) -> None:
    viewer = make_user(make_department(shandong["weifang"], "市查看办"), Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.quantity_update(actor=viewer, quantity=draft["quantity"], value=Decimal("9"))
    with pytest.raises(PermissionDenied):
        services.quantity_delete(actor=viewer, quantity=draft["quantity"])
    draft["quantity"].refresh_from_db()
    assert draft["quantity"].value == Decimal("3")
    assert draft["quantity"].history.count() == 1


def test_dispatcher_of_another_region_cannot_edit(draft: dict[str, Any], shandong: dict[str, Any]) -> None:
    qingdao_dispatcher = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)
    with pytest.raises(PermissionDenied) as refused:
        services.quantity_update(actor=qingdao_dispatcher, quantity=draft["quantity"], value=Decimal("9"))
    assert str(refused.value) == "该区划不在您的管辖范围内。"
    draft["quantity"].refresh_from_db()
    assert draft["quantity"].value == Decimal("3")


def test_quantity_update_clears_the_review_flags(draft: dict[str, Any]) -> None:
    quantity = draft["quantity"]
    LedgerQuantity.objects.filter(pk=quantity.pk).update(review_flags=["数值以汉字书写"])
    quantity.refresh_from_db()
    services.quantity_update(actor=draft["dispatcher"], quantity=quantity, value=Decimal("4"))
    quantity.refresh_from_db()
    assert (quantity.value, quantity.review_flags) == (Decimal("4"), [])
