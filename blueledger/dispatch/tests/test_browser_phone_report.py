"""Done when: a reporter completes a round's report on a 390 px phone with a photo attached, and the same at
desktop size — from the 工作台 to the handed-in report, the navigation collapsed and no page wider than the
screen."""

from __future__ import annotations

import datetime
import os
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD
from blueledger.dispatch.choices import ReportStatus, TaskState
from blueledger.dispatch.models import Report, ReportAttachment
from blueledger.dispatch.tests.factories import make_qualitative_ledger, make_reporter, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("BLUELEDGER_SCREENSHOTS", "")  # a folder: keep the pages as PNG for a look
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "现场照片.jpg"
    buffer = BytesIO()
    Image.new("RGB", (1600, 1200), (30, 120, 70)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _report_round(page: Any, live_server: Any, username: str, viewport: dict[str, int], photo: Path) -> None:
    page.set_viewport_size(viewport)
    log_in(page, live_server, username, TEST_PASSWORD)
    page.wait_for_selector("h1:has-text('工作台')")
    assert _page_width(page) <= viewport["width"]
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/desk-{viewport['width']}.png", full_page=True)
    if viewport is PHONE:
        assert not page.is_visible("nav.mainnav")
        page.click("#nav-toggle-label")
        assert page.is_visible("nav.mainnav")
    page.click("li[data-entry=to_fill] a")
    page.wait_for_selector("#report-form")
    # A click waits for the next page's first bytes only: its stylesheet (the page's width) and its deferred
    # script (which names the chosen photo) came later, and the photo was chosen with nobody to name it.
    page.wait_for_load_state()
    assert _page_width(page) <= viewport["width"]
    for field in page.query_selector_all("input[name^=value_]"):
        field.fill("2")
    page.check("input[name^=task_state_][value=in_progress]")
    page.fill(".report-item:has(input[name^=task_state_]) textarea[name^=progress_]", "已完成平台需求调研")
    first_card = page.locator(".report-item").first
    first_card.locator("input[name^=photo_]").set_input_files(str(photo))
    assert "已选择: 现场照片.jpg" in first_card.inner_text()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/form-{viewport['width']}.png", full_page=True)
    page.click("#submit-report")
    page.wait_for_selector("text=已报送, 报送内容已锁定。")
    page.wait_for_selector(".report-item img.thumb")
    page.wait_for_load_state()  # the page's width with its stylesheet and the thumbnail loaded
    assert _page_width(page) <= viewport["width"]
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/report-{viewport['width']}.png", full_page=True)


def test_a_reporter_completes_a_round_on_a_phone_and_on_a_desktop(
    browser_page: Any, live_server: Any, shandong: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    ledger, departments = make_qualitative_ledger(shandong["weifang"])
    reporting_round = make_round(ledger, due_date=timezone.localdate() + datetime.timedelta(days=2))
    make_reporter(departments["市海渔局"], "phone")
    make_reporter(departments["市生态环境局"], "desk")
    photo = _photo(tmp_path)

    for username, name, viewport in (("phone", "市海渔局", PHONE), ("desk", "市生态环境局", DESKTOP)):
        _report_round(browser_page, live_server, username, viewport, photo)
        department = departments[name]
        reports = Report.objects.filter(slot__round=reporting_round, slot__department=department)
        assert {r.status for r in reports} == {ReportStatus.SUBMITTED}
        assert reports.get(slot__task__isnull=False).task_state == TaskState.IN_PROGRESS
        assert reports.count() == reporting_round.slots.filter(department=department).count()
        attachment = ReportAttachment.objects.get(department=department)
        assert (attachment.filename, attachment.content_type, attachment.slot.position) == (
            "现场照片.jpg", "image/jpeg", reporting_round.slots.filter(department=department)
            .order_by("position").first().position)


def test_a_photo_chosen_before_the_page_script_ran_is_named(
    browser_page: Any, live_server: Any, shandong: dict[str, Any], tmp_path: Path
) -> None:
    """On a slow connection the form shows before its deferred script has run: a photo chosen then is named
    once the script runs (it was not, the script only named what was chosen after it)."""
    ledger, departments = make_qualitative_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    make_reporter(departments["市海渔局"], "phone")
    page = browser_page
    log_in(page, live_server, "phone", TEST_PASSWORD)
    held: list[Any] = []
    page.route("**/department_report.js", lambda route: held.append(route))
    page.goto(f"{live_server.url}/dispatch/rounds/{reporting_round.pk}/departments/{departments['市海渔局'].pk}/",
              wait_until="commit")
    first_card = page.locator(".report-item").first
    first_card.locator("input[name^=photo_]").set_input_files(str(_photo(tmp_path)))
    while not held:  # the script's request, held until the photo is chosen
        page.wait_for_timeout(10)
    held[0].continue_()
    page.wait_for_load_state()
    assert "已选择: 现场照片.jpg" in first_card.inner_text()
