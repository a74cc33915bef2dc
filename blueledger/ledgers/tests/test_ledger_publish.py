"""Publishing: refused while a department name is unresolved or when published; stamps who and when."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.ledgers import services
from blueledger.ledgers.models import TaskResponsibility
from blueledger.ledgers.tests.factories import make_ledger, make_plan_departments
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_publish_refused_with_the_list_of_unresolved_names(shandong: dict[str, Any]) -> None:
    make_plan_departments(shandong["weifang"])
    ledger = make_ledger(shandong["weifang"], text="计划\n\n一、任务\n(牵头单位:市甲局;配合单位:市乙局、市发改委)\n")
    with pytest.raises(ValidationError) as refused:
        services.ledger_publish(actor=None, ledger=ledger)
    assert refused.value.messages == [
        "还有 2 个单位名称未对应到部门: 市乙局、市甲局。请在“未匹配部门”中逐一指定后再发布。"
    ]
    ledger.refresh_from_db()
    assert (ledger.status, ledger.published_at, ledger.history.count()) == ("draft", None, 1)


def test_publish_stamps_status_time_and_actor(shandong: dict[str, Any]) -> None:
    make_plan_departments(shandong["weifang"])
    dispatcher = make_user(make_department(shandong["weifang"], "市调度办"), Role.DISPATCHER)
    ledger = make_ledger(shandong["weifang"])
    services.ledger_name_resolve(
        actor=dispatcher, ledger=ledger, written_name="市未知局",
        department=make_department(shandong["weifang"], "市未来局"), remember_alias=False,
    )
    services.ledger_publish(actor=dispatcher, ledger=ledger)
    ledger.refresh_from_db()
    assert (ledger.status, ledger.published_by) == ("published", dispatcher)
    assert ledger.published_at is not None
    latest = ledger.history.first()
    assert (latest.history_user, latest.history_change_reason, ledger.history.all()[1].status) == (
        dispatcher, "发布台账", "draft"
    )
    assert not TaskResponsibility.objects.filter(task__ledger=ledger, department__isnull=True).exists()

    with pytest.raises(ValidationError) as again:
        services.ledger_publish(actor=dispatcher, ledger=ledger)
    assert again.value.messages == [f"台账“{ledger.title}”已发布, 不能再修改。"]
    assert ledger.history.count() == 2
