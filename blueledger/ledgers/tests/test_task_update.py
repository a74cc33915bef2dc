"""Correcting a task's title or deadline is attributed with the value before."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.ledgers import services
from blueledger.ledgers.models import LedgerTask
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_task_update_records_the_old_title(shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER)
    task = LedgerTask.objects.get(ledger=make_ledger(shandong["weifang"]), key="一.(二)")
    services.task_update(
        actor=dispatcher, task=task, title="建设 中心渔港", deadline=datetime.date(2025, 10, 31), reason="补全"
    )
    task.refresh_from_db()
    assert (task.title, task.deadline) == ("建设 中心渔港", datetime.date(2025, 10, 31))
    latest, previous = task.history.all()[:2]
    assert (latest.history_user, latest.history_change_reason) == (dispatcher, "补全")
    assert (previous.title, previous.deadline) == ("建设渔港", None)


def test_task_title_cannot_be_blank_or_unknown_field(shandong: dict[str, Any]) -> None:
    task = LedgerTask.objects.get(ledger=make_ledger(shandong["weifang"]), key="二")
    with pytest.raises(ValidationError) as blank:
        services.task_update(actor=None, task=task, title="  ")
    with pytest.raises(ValidationError) as unknown:
        services.task_update(actor=None, task=task, key="三")
    assert blank.value.messages == ["任务名称不能为空。"]
    assert unknown.value.messages == ["台账任务不可修改的字段: key"]
    task.refresh_from_db()
    assert (task.key, task.title, task.history.count()) == ("二", "保护海洋生态", 1)
