"""Done when: one monthly round walked end to end in a real browser on the demo data — the office opens it,
two departments report (one by form, one by Excel upload with one error fixed), one is returned and
corrected, the dashboard and ranking update, and the bulletin downloads and opens."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from blueledger.core.browser import log_in
from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import TEST_PASSWORD, make_user
from blueledger.dispatch.choices import ReportStatus
from blueledger.dispatch.exports import TEMPLATE_SHEET
from blueledger.dispatch.models import Report, ReportingRound
from blueledger.dispatch.selectors.dashboard import dashboard
from blueledger.dispatch.selectors.figures import previous_ranks
from blueledger.ledgers.models import Ledger
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_template(path: Path, first_value: Any) -> bytes:
    workbook = load_workbook(path)
    sheet = workbook[TEMPLATE_SHEET]
    for line in range(4, sheet.max_row + 1):
        if sheet.cell(line, 4).value == "定性任务":  # stated in 完成状态 (M), not as a number
            sheet.cell(line, 13).value = "推进中"
        else:
            sheet.cell(line, 9).value = 2
        sheet.cell(line, 10).value = "已完成前期论证"
    sheet.cell(4, 9).value = first_value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_one_monthly_round_end_to_end(browser_page: Any, live_server: Any, tmp_path: Path,
                                     demo_snapshot: Snapshot) -> None:
    demo_snapshot.restore()  # the session's run of `blueledger demo`
    weifang = {d.short_name: d for d in Department.objects.filter(region__code="370700")}
    make_user(weifang["市海渔局"], Role.DISPATCHER, "wf_office")
    make_user(weifang["市发改委"], Role.REPORTER, "wf_fagai")
    make_user(weifang["市海渔局"], Role.REPORTER, "wf_haiyu")
    page = browser_page

    # The office opens November's round on the Weifang plan.
    log_in(page, live_server, "wf_office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/")
    # The demo's own rounds run on work plans that name one department; this walk needs two, so it runs on
    # the Weifang notice, which names its departments.
    plan = Ledger.objects.get(document__original_filename="004_2e91e0d14aca89a2.txt")
    page.select_option("#id_ledger", label=plan.title)
    page.select_option("#id_period_kind", "month")
    page.fill("#id_period_start", "2025-11-01")
    page.fill("#id_period_end", "2025-11-30")
    page.fill("#id_due_date", "2025-12-05")
    page.click("#round-open button[type=submit]")
    page.wait_for_selector("h1:has-text('2025年11月调度')")
    november = ReportingRound.objects.get(ledger=plan, period_start__month=11)
    assert "市发改委" in page.inner_text("#reminders")

    # 市发改委 reports through the form.
    log_in(page, live_server, "wf_fagai", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/")
    page.click("#own-report")
    # The click waits for the report page's first bytes only: the lists below do not wait for their elements,
    # and with the page's body a moment later they were empty and nothing was filled in.
    page.wait_for_load_state()
    for field in page.query_selector_all("input[name^=value_]"):
        field.fill("3")
    for card in page.locator(".report-item:has(input[name^=task_state_])").all():  # qualitative tasks
        card.locator("input[value=in_progress]").check()
        card.locator("textarea[name^=progress_]").fill("按计划推进")
    page.click("#submit-report")
    page.wait_for_selector("text=已报送, 报送内容已锁定。")

    # 市海渔局 downloads its template, uploads it with text in a number cell, then fixed.
    log_in(page, live_server, "wf_haiyu", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/departments/{weifang['市海渔局'].pk}/")
    with page.expect_download() as download_info:
        page.click("#template-download")
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_fill_template(template, "约50"))
    page.set_input_files("#template-upload input[type=file]", str(bad))
    page.click("#template-upload button[type=submit]")
    page.wait_for_selector("#job-problems")  # the upload ran as a background job; its page lists the problems
    assert page.inner_text("#job-problems").strip() == "填报 第4行 I列(累计完成值): 应为数字, 实为“约50”"
    page.click("#job-result")  # back to the department's report
    assert Report.objects.filter(slot__round=november, slot__department=weifang["市海渔局"]).count() == 0
    good = tmp_path / "good.xlsx"
    good.write_bytes(_fill_template(template, 4))
    page.set_input_files("#template-upload input[type=file]", str(good))
    page.click("#template-upload button[type=submit]")
    page.wait_for_selector("#job-message:has-text('保存为草稿')")
    page.click("#job-result")
    page.click("#submit-report")
    page.wait_for_selector("text=已报送, 报送内容已锁定。")

    # The office returns 市海渔局's report; the department corrects it as version 2.
    log_in(page, live_server, "wf_office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/departments/{weifang['市海渔局'].pk}/")
    page.fill("#return-form textarea", "第一项数值与统计快报不符, 请核实")
    page.click("#return-form button[type=submit]")
    page.wait_for_selector("text=已退回")
    log_in(page, live_server, "wf_haiyu", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/departments/{weifang['市海渔局'].pk}/")
    assert page.inner_text("#returned-comment") == "第一项数值与统计快报不符, 请核实"
    page.fill("input[name^=value_] >> nth=0", "3")
    page.click("#submit-report")
    page.wait_for_selector("text=已报送, 报送内容已锁定。")
    first_slot = Report.objects.filter(slot__round=november, slot__department=weifang["市海渔局"]).order_by(
        "slot__position", "version").values_list("version", "value", "status")[:2]
    assert [(v, int(value), s) for v, value, s in first_slot] == [
        (1, 4, ReportStatus.RETURNED), (2, 3, ReportStatus.SUBMITTED)]

    # The dashboard and the ranking show the round; the bulletin downloads and opens.
    log_in(page, live_server, "wf_office", TEST_PASSWORD)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/dashboard/")
    page.wait_for_selector("#chart-sections svg")
    assert "市发改委" in page.inner_text("#departments")
    reported = Report.objects.filter(slot__round=november, slot__quantity__isnull=False,
                                     status=ReportStatus.SUBMITTED).count()
    assert page.inner_text("#figure-missing") == str(november.slots.filter(quantity__isnull=False).count() - reported)
    page.goto(f"{live_server.url}/dispatch/rounds/{november.pk}/ranking/")
    ranking = page.inner_text("#ranking")
    # The round before it on this ledger is the demo's 2024年度 round (issue 12): each unit's place in it shows.
    assert ReportingRound.objects.get(ledger=plan, period_kind="year").title == "2024年度调度"
    previous = previous_ranks(november)
    first = dashboard(november).ranking[0]
    assert previous is not None and first.previous_rank == previous[first.key]
    change = "新列入" if first.change is None else (
        "持平" if first.change == 0 else f"↑{first.change}" if first.change > 0 else f"↓{-first.change}")
    cells = ranking.split("\n")[1].split("\t")
    assert "市发改委" in ranking and "市海渔局" in ranking
    assert (cells[1], cells[3:]) == (first.label, [first.reporting_text, str(first.previous_rank), change])
    with page.expect_download() as bulletin_info:
        page.click("#bulletin-download")
    bulletin = tmp_path / "bulletin.docx"
    bulletin_info.value.save_as(bulletin)
    text = "\n".join(p.text for p in Document(str(bulletin)).paragraphs)
    assert "（2025年11月）" in text and "2025年第1期" in text
    handed_in = Report.objects.filter(slot__round=november, slot__quantity__isnull=False,  # targets, not tasks
                                      status=ReportStatus.SUBMITTED).count()
    assert f"已报送{handed_in}项" in text
