"""In Chromium with a Chinese locale, the main edit forms opened and saved untouched keep every date and
number (the target's deadline was erased: the date input could not show 2027/12/31 and posted it blank)."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD
from blueledger.core.tests.test_edit_form_round_trip import DEADLINE, _fields, build_edit_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_edit_forms_saved_untouched_keep_dates_and_numbers(browser_page: Any, live_server: Any,
                                                            shandong: dict[str, Any]) -> None:
    world = build_edit_world(shandong)
    page = browser_page
    page.set_extra_http_headers({"Accept-Language": "zh-CN,zh;q=0.9"})
    log_in(page, live_server, "admin", TEST_PASSWORD)
    forms = world["forms"]

    for name in ("ledgers:quantity_edit", "ledgers:task_edit", "ledgers:ledger_edit", "projects:project_edit",
                 "dispatch:round_settings",
                 "dispatch:registry_binding", "orgs:department_edit", "users:user_edit"):
        url, action, instance = forms[name]
        before = _fields(instance)
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate("document.documentElement.lang") == "zh-hans"
        form = page.locator(f"form[action='{action}']" if action else "main form.card, main .card form").first
        with page.expect_navigation():
            form.locator("button[type=submit]").first.click()
        assert "error-text" not in page.content(), name
        assert _fields(instance) == before, name

    # The target's row on the ledger page, edited in place (htmx) and saved untouched.
    _, _, quantity = forms["ledgers:quantity_edit"]
    page.goto(f"{live_server.url}/ledgers/{quantity.ledger_id}/")
    row = page.locator(f"tr:has(button[hx-get='/ledgers/quantities/{quantity.pk}/edit/'])")
    row.locator("button:has-text('编辑')").click()
    deadline = page.locator(f"#id_q{quantity.pk}-deadline")
    assert deadline.input_value() == "2027-12-31"
    before = _fields(quantity)
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator("form.quantity-form button[type=submit]").first.click()
    assert _fields(quantity) == before
    assert quantity.deadline == DEADLINE

    # A draft ledger's title corrected from its page: the link, the form, the new title in the header.
    _, _, ledger = forms["ledgers:ledger_edit"]
    page.goto(f"{live_server.url}/ledgers/{ledger.pk}/")
    page.click("#ledger-edit")
    page.fill("#id_title", "潍坊市2025年海洋工作要点")
    with page.expect_navigation():
        page.click("#ledger-form button[type=submit]")
    assert page.inner_text("h1").startswith("潍坊市2025年海洋工作要点")
    ledger.refresh_from_db()
    assert (ledger.title, ledger.kind) == ("潍坊市2025年海洋工作要点", "mixed")
