"""The pages of 办结/销号 and 延期申请: the published ledger offers 办结 to the dispatcher and 申请延期 to the
reporters of an item's department; the desk shows the pending requests; a second decision is told, not a 500."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from blueledger.core.testing import page_client
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter, make_round
from blueledger.ledgers.models import DeadlineExtension, ItemClosure, LedgerQuantity, LedgerTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    LedgerQuantity.objects.filter(ledger=ledger).update(deadline=datetime.date(2025, 12, 31))
    return {
        "ledger": ledger,
        "office": page_client(make_office(shandong["weifang"])),
        "ecology": page_client(make_reporter(departments["市生态环境局"], "ecology")),
        "coast": LedgerQuantity.objects.get(ledger=ledger, unit="公里"),
        "task": LedgerTask.objects.get(ledger=ledger, key="二"),
    }


def test_the_dispatcher_closes_and_strikes_off_from_the_ledger(world: dict[str, Any]) -> None:
    office, task = world["office"], world["task"]
    page = office.get(reverse("ledgers:ledger_detail", args=[world["ledger"].pk])).content.decode()
    assert f'<a class="small close-link" href="/ledgers/tasks/{task.pk}/close/">办结</a>' in page
    assert "申请延期" not in page.split("<table")[1]

    assert "办结说明" in office.get(reverse("ledgers:task_close", args=[task.pk])).content.decode()
    closed = office.post(reverse("ledgers:task_close", args=[task.pk]), {"note": "岸线整治完成"}, follow=True)

    assert "任务 二 保护海洋生态已办结, 此后发起的调度不再要求报送。" in closed.content.decode()
    closure = ItemClosure.objects.get(task=task)
    page = closed.content.decode()
    assert f'action="/ledgers/closures/{closure.pk}/strike-off/"' in page
    assert 'title="上级任务已办结">已办结</span>' in page  # its target, closed with it

    again = office.post(reverse("ledgers:task_close", args=[task.pk]), {"note": "再次"}, follow=True)
    assert "无需再次办结" in again.content.decode()
    struck = office.post(reverse("ledgers:closure_strike_off", args=[closure.pk]), {"note": ""}, follow=True)
    assert "任务 二 保护海洋生态已销号。" in struck.content.decode()
    assert '<span class="badge ok closure-state" title="岸线整治完成">已销号</span>' in struck.content.decode()


def test_a_reporter_asks_and_the_dispatcher_decides_from_the_desk(world: dict[str, Any]) -> None:
    ecology, office, coast = world["ecology"], world["office"], world["coast"]
    page = ecology.get(reverse("ledgers:ledger_detail", args=[world["ledger"].pk])).content.decode()
    assert f'href="/ledgers/quantities/{coast.pk}/extension/">申请延期</a>' in page
    assert page.count("申请延期</a>") == 2  # the target and its task 二; not the other departments' items
    assert "close-link" not in page

    asked = ecology.post(reverse("ledgers:quantity_extension", args=[coast.pk]),
                         {"deadline": "2099-06-30", "reason": "受台风影响"}, follow=True)
    assert "指标“整治岸线”的延期申请已提交, 等待调度办审批。" in asked.content.decode()
    extension = DeadlineExtension.objects.get()

    desk = office.get("/").content.decode()
    assert "待审批延期申请" in desk and "市生态环境局 · 指标 整治岸线" in desk
    assert "2025-12-31 → 2099-06-30 · 受台风影响" in desk
    decided = office.post(reverse("ledgers:extension_decide", args=[extension.pk]),
                          {"decision": "approve", "comment": "同意"}, follow=True)

    assert "市生态环境局对指标 整治岸线的延期申请已批准, 完成时限改为 2099-06-30。" in decided.content.decode()
    coast.refresh_from_db()
    assert coast.deadline == datetime.date(2099, 6, 30)
    again = office.post(reverse("ledgers:extension_decide", args=[extension.pk]),
                        {"decision": "refuse", "comment": "不同意"}, follow=True)
    assert "不能再次审批" in again.content.decode()
    assert "待审批延期申请" not in office.get("/").content.decode()


def test_a_refused_request_form_shows_the_reason(world: dict[str, Any]) -> None:
    response = world["ecology"].post(reverse("ledgers:quantity_extension", args=[world["coast"].pk]),
                                     {"deadline": "2025-12-01", "reason": "受台风影响"})
    assert response.status_code == 200
    assert "申请延至的日期须晚于现在的完成时限 2025-12-31。" in response.content.decode()
    assert not DeadlineExtension.objects.exists()


def test_a_reporter_may_not_close_or_decide(world: dict[str, Any]) -> None:
    assert world["ecology"].post(reverse("ledgers:task_close", args=[world["task"].pk]),
                                 {"note": "完成"}).status_code == 403
    assert not ItemClosure.objects.exists()


def test_the_history_tab_lists_closures_and_extensions(world: dict[str, Any]) -> None:
    office, ecology = world["office"], world["ecology"]
    ecology.post(reverse("ledgers:quantity_extension", args=[world["coast"].pk]),
                 {"deadline": "2099-06-30", "reason": "受台风影响"})
    office.post(reverse("ledgers:extension_decide", args=[DeadlineExtension.objects.get().pk]),
                {"decision": "approve", "comment": "同意"})
    office.post(reverse("ledgers:task_close", args=[world["task"].pk]), {"note": "岸线整治完成"})

    history = office.get(reverse("ledgers:ledger_detail", args=[world["ledger"].pk]) + "?tab=history")

    page = history.content.decode()
    assert "办结销号 任务 二 保护海洋生态" in page and "办结: 岸线整治完成" in page
    assert "延期申请 指标 整治岸线" in page and "批准延期" in page
    assert "批准延期申请 (市生态环境局): 受台风影响" in page  # the target's own deadline change


def test_the_report_page_offers_the_request_per_item(world: dict[str, Any]) -> None:
    reporting_round = make_round(world["ledger"])
    department = world["coast"].task.responsibilities.get().department
    page = world["ecology"].get(f"/dispatch/rounds/{reporting_round.pk}/departments/{department.pk}/")

    assert page.status_code == 200
    assert (f'<a class="small extension-link" href="/ledgers/quantities/{world["coast"].pk}/extension/">申请延期</a>'
            in page.content.decode())
