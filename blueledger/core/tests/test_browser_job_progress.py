"""A job's page in a real browser: an upload waits in the queue as 排队中 with its progress bar, and once the
worker has run it the page (core/job_progress.js, no inline script) reloads itself into the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.models import Job, JobStatus
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.core.tests.test_job_worker import DATABASE_QUEUE, departments_workbook, run_worker
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_job_page_follows_the_queued_import_to_its_result(
    browser_page: Any, live_server: Any, shandong: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.TASKS = DATABASE_QUEUE
    make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN, "admin")
    workbook = tmp_path / "部门.xlsx"
    workbook.write_bytes(
        departments_workbook([("370700", "潍坊市", "潍坊市海洋发展局", "市海洋局", "政府工作部门", "", "是", "")])
    )
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(response.url)
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    log_in(page, live_server, "admin", TEST_PASSWORD)
    page.goto(f"{live_server.url}/orgs/departments/import/")
    page.set_input_files("input[name=file]", str(workbook))
    page.click("button:has-text('上传并导入')")
    page.wait_for_selector("#job-status:has-text('排队中')")
    assert page.locator("#job-progress").count() == 1

    run_worker()

    page.wait_for_selector("#job-message:has-text('导入完成: 新建 1 个, 更新 0 个, 新增别名 0 个。')", timeout=15000)
    assert page.locator("#job-status").inner_text() == "已完成"
    page.click("#job-result")
    page.wait_for_selector("text=潍坊市海洋发展局")
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert errors == []
