"""Publishing a ledger whose targets have no department asks first: those targets would never be dispatched."""

from __future__ import annotations

from typing import Any

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.ledgers.choices import LedgerStatus
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.tests.factories import make_ledger, make_plan_departments
from blueledger.users.choices import Role


def test_unassigned_targets_take_a_confirmation_before_publishing(shandong: dict[str, Any]) -> None:
    make_plan_departments(shandong["weifang"])
    text = "计划\n\n一、建设渔港\n新建渔港3个。\n二、整治岸线\n整治岸线5公里。(牵头单位:市海渔局)\n"
    ledger = make_ledger(shandong["weifang"], text=text)
    client = page_client(make_user(make_department(shandong["weifang"], "调度办"), Role.DISPATCHER))

    page = client.post(f"/ledgers/{ledger.pk}/publish/").content.decode()
    assert "1 项任务的目标没有责任单位, 发布后不会进入调度:" in page
    assert f'<li><a href="/ledgers/tasks/{ledger.tasks.get(key="一").pk}/edit/">一 建设渔港</a></li>' in page
    assert Ledger.objects.get().status == LedgerStatus.DRAFT

    response = client.post(f"/ledgers/{ledger.pk}/publish/", {"confirm_unassigned": "1"})
    assert response.status_code == 302
    assert Ledger.objects.get().status == LedgerStatus.PUBLISHED
