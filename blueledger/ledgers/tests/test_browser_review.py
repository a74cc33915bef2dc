"""A dispatcher uploads sample 004 in a real browser, reviews it, corrects a target, maps an unresolved
department name, publishes, and finds the published tasks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_user
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.tests.factories import SAMPLE_004, SAMPLE_004_NAMES
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_dispatcher_reviews_and_publishes_sample_004(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    weifang = shandong["weifang"]
    for name in SAMPLE_004_NAMES:
        if name != "市台港澳办":  # left for the dispatcher to map by hand
            Department.objects.create(region=weifang, name=f"潍坊{name}", short_name=name)
    taiwan_office = Department.objects.create(region=weifang, name="中共潍坊市委台港澳工作办公室",
                                              short_name="市委台港澳办")
    make_user(Department.objects.get(short_name="市海渔局"), Role.DISPATCHER, "dispatcher")
    page = browser_page

    log_in(page, live_server, "dispatcher", TEST_PASSWORD)
    page.wait_for_selector("h1:has-text('工作台')")
    page.click("nav.mainnav >> text=计划台账")
    page.wait_for_selector("h1:has-text('计划台账')")
    page.set_input_files("input[name=file]", str(SAMPLE_004))
    page.select_option("select[name=region]", str(weifang.pk))
    page.click("button:has-text('上传并抽取')")
    page.wait_for_selector("#job-result")  # the import ran as a job; its page links to the draft ledger
    page.click("#job-result")
    # A click waits for the next page's first bytes, not its deferred scripts (review.js, htmx), which the
    # clicks below need: under load they ran after the click, and it flashed nothing.
    page.wait_for_load_state()
    ledger = Ledger.objects.get()
    assert page.url == f"{live_server.url}/ledgers/{ledger.pk}/"

    lead_marks = page.locator("#doctext mark.dept.lead")
    assert "市发改委" in lead_marks.all_inner_texts()
    assert page.locator("#doctext mark.dept.unresolved").first.inner_text() == "市台港澳办"

    # Clicking a department in the ledger scrolls to and flashes its place in the text.
    page.locator(".task-departments .dept-name.resolved").first.click()
    page.wait_for_selector("#doctext mark.flash")

    quantity = LedgerQuantity.objects.filter(ledger=ledger).order_by("position").first()
    assert quantity is not None
    row = page.locator(f"tr[data-quantity='{quantity.pk}']")
    row.locator("button:has-text('编辑')").click()
    page.fill(f"#id_q{quantity.pk}-value", "12")
    page.locator(f"tr[data-quantity='{quantity.pk}'] button:has-text('保存')").click()
    page.wait_for_selector(f"tr[data-quantity='{quantity.pk}'] td.value:text-is('12')")
    quantity.refresh_from_db()
    assert quantity.value == Decimal("12")

    page.click("#publish")
    page.wait_for_selector(".messages li.error")
    assert "市台港澳办" in page.inner_text(".messages li.error")

    form = page.locator("form.resolve-form[data-name='市台港澳办']")
    form.locator("select[name=department]").select_option(str(taiwan_office.pk))
    form.locator("button:has-text('指定')").click()
    page.wait_for_selector(".messages li.success")
    assert page.locator("#unresolved").count() == 0

    page.click("#publish")
    page.wait_for_selector("table.published-tasks")
    assert "已发布" in page.inner_text("h1")
    rows = page.locator("table.published-tasks tbody tr")
    assert rows.count() == ledger.tasks.count() == 26
    assert "市发改委" in page.inner_text("table.published-tasks")
    assert "市委台港澳办" in page.inner_text("table.published-tasks")

    page.click("text=变更历史")
    page.wait_for_selector("table.history")
    history = page.inner_text("table.history")
    assert "发布台账" in history and "→ 12" in history
    ledger.refresh_from_db()
    assert ledger.status == "published"
