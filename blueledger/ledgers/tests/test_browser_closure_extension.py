"""In a browser: a reporter asks from the published ledger to extend a target's deadline; the dispatcher finds
the request on the desk, approves it, then closes (办结) the task and strikes it off (销号)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter
from blueledger.ledgers.models import ItemClosure, LedgerQuantity, LedgerTask

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_request_is_approved_and_the_task_closed(browser_page: Any, live_server: Any,
                                                   shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    LedgerQuantity.objects.filter(ledger=ledger).update(deadline=datetime.date(2025, 12, 31))
    make_office(shandong["weifang"])
    make_reporter(departments["市生态环境局"], "ecology")
    coast = LedgerQuantity.objects.get(ledger=ledger, unit="公里")
    task = LedgerTask.objects.get(ledger=ledger, key="二")
    page = browser_page

    log_in(page, live_server, "ecology", TEST_PASSWORD)
    page.goto(f"{live_server.url}/ledgers/{ledger.pk}/")
    page.click(f"[data-item='quantity-{coast.pk}'] .extension-link")
    page.fill("#id_deadline", "2099-06-30")
    page.fill("#id_reason", "受台风影响, 施工推迟")
    page.click("#extension-form button[type=submit]")
    page.wait_for_selector("#pending-extensions")
    assert "受台风影响, 施工推迟" in page.inner_text("#pending-extensions")
    page.context.clear_cookies()

    log_in(page, live_server, "office", TEST_PASSWORD)
    page.wait_for_selector("text=待审批延期申请")
    page.click("a:has-text('市生态环境局 · 指标 整治岸线')")
    page.wait_for_selector("#pending-extensions .decide-form")
    page.fill("#pending-extensions input[name=comment]", "同意")
    page.click("#pending-extensions button[value=approve]")
    page.wait_for_selector(".messages li.success")
    assert "完成时限改为 2099-06-30" in page.inner_text(".messages li.success")
    coast.refresh_from_db()
    assert coast.deadline == datetime.date(2099, 6, 30)

    page.goto(f"{live_server.url}/ledgers/{ledger.pk}/")
    page.click(f"[data-item='task-{task.pk}'] .close-link")
    page.fill("#id_note", "岸线整治全部完成")
    page.click("#close-form button[type=submit]")
    page.wait_for_selector(f"[data-item='task-{task.pk}'] .strike-off-form")
    assert page.inner_text(f"[data-item='task-{task.pk}'] .closure-state") == "已办结"
    page.click(f"[data-item='task-{task.pk}'] .strike-off-form button")
    page.wait_for_selector(".messages li.success")
    assert page.inner_text(f"[data-item='task-{task.pk}'] .closure-state") == "已销号"
    assert ItemClosure.objects.get(task=task).state == "struck_off"
