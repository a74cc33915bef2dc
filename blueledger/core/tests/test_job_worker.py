"""A queued import runs in the real worker (django-tasks-db's, in-process), on SQLite and PostgreSQL alike: the
request only stores the file and queues the job; the worker writes, with history, and the job's page shows
the result. A job past its time budget fails with its message and nothing written, whether it reports
progress or is stuck inside one long call."""

from __future__ import annotations

import time
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from blueledger.core.jobs import JOB_HANDLERS, JobContext, JobOutcome, job_execute, job_start, time_limit_message
from blueledger.core.models import Job, JobStatus
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.documents.models import Document
from blueledger.ledgers.models import Ledger
from blueledger.orgs.exports import DEPARTMENT_COLUMNS
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PLAN = "青岛市海洋发展局2025年工作要点\n\n一、发展海洋经济\n海洋生产总值增长6%。\n".encode()


def departments_workbook(rows: list[tuple[Any, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "部门单位"
    sheet.append(DEPARTMENT_COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run_worker() -> None:
    """django-tasks-db's worker, in this (main) thread, until the queue is empty."""
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()


@pytest.fixture
def queue(settings: Any) -> None:
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def admin(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN)


@pytest.mark.django_db(transaction=True)
def test_a_queued_department_import_runs_in_the_worker(shandong: dict[str, Any], admin: Any, queue: None) -> None:
    client = page_client(admin)
    data = departments_workbook([("370700", "潍坊市", "潍坊市海洋发展局", "市海洋局", "政府工作部门", "", "是", "")])
    response = client.post(reverse("orgs:department_import"), {"file": SimpleUploadedFile("部门.xlsx", data)})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert (job.status, job.title, job.started_by) == (JobStatus.QUEUED, "导入部门: 部门.xlsx", admin)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not Department.objects.filter(region=shandong["weifang"]).exists()  # nothing written by the request
    waiting = client.get(response["Location"]).content.decode()
    assert "排队中" in waiting and "core/job_progress.js" in waiting and "<script>" not in waiting

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.message == "导入完成: 新建 1 个, 更新 0 个, 新增别名 0 个。"
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert job.started_at is not None and job.finished_at is not None and job.started_at <= job.finished_at
    stored = job.uploads[0]["stored"]
    assert job.uploads == [{"stored": stored, "name": "部门.xlsx"}]
    assert not default_storage.exists(stored)  # the stored upload is removed when the job ends
    department = Department.objects.get(region=shandong["weifang"])
    assert department.history.get().history_user == admin
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    done = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "导入完成: 新建 1 个, 更新 0 个, 新增别名 0 个。" in done and "job_progress.js" not in done
    assert client.get(reverse("core:job_status", args=[job.pk])).json() == {
        "status": "succeeded", "status_label": "已完成", "done": 1, "total": 1, "unit": "", "percent": 100,
        "finished": True, "started_at": job.started_at.astimezone(__import__("zoneinfo").ZoneInfo(
            "Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S"),
    }


def test_row_errors_are_shown_on_the_job_page(shandong: dict[str, Any], admin: Any) -> None:
    data = departments_workbook([("370700", "潍坊市", "潍坊市海洋发展局", "市海洋局", "政府工作部门", "", "也许", "")])
    response = page_client(admin).post(
        reverse("orgs:department_import"), {"file": SimpleUploadedFile("部门.xlsx", data)}, follow=True
    )
    job = Job.objects.get()
    page = response.content.decode()
    assert job.status == JobStatus.FAILED
    assert job.problems == ["部门单位 第2行 G列(在用): 应为“是”或“否”, 实为“也许”"]
    assert "文件未导入, 请改正以下问题后重新上传:" in page
    assert "部门单位 第2行 G列(在用): 应为“是”或“否”, 实为“也许”" in page
    assert not Department.objects.filter(region=shandong["weifang"]).exists()


@pytest.fixture
def slow_handlers() -> Iterator[None]:
    """Two test handlers that write a department and then outlive any budget: one reporting progress as it
    goes, one stuck in a single call."""

    def reporting(context: JobContext) -> JobOutcome:
        with transaction.atomic():
            make_department(context.actor.department.region, "慢任务写的部门")
            for step in range(3000):  # 30 s at least, unless stopped
                context.progress(step, 3000, "步")
                time.sleep(0.01)
        return JobOutcome("不应完成")

    def stuck(context: JobContext) -> JobOutcome:
        with transaction.atomic():
            make_department(context.actor.department.region, "慢任务写的部门")
            time.sleep(30)
        return JobOutcome("不应完成")

    JOB_HANDLERS["tests.reporting"], JOB_HANDLERS["tests.stuck"] = reporting, stuck
    yield
    del JOB_HANDLERS["tests.reporting"], JOB_HANDLERS["tests.stuck"]


@pytest.mark.parametrize("kind", ["tests.reporting", "tests.stuck"])
@pytest.mark.django_db(transaction=True)
def test_a_job_over_its_time_budget_fails_with_nothing_written(
    shandong: dict[str, Any], admin: Any, queue: None, slow_handlers: None, settings: Any, kind: str
) -> None:
    settings.JOB_TIME_LIMIT_S = 1
    job = job_start(actor=admin, kind=kind, title="慢任务")
    started = time.monotonic()
    run_worker()
    elapsed = time.monotonic() - started
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == (
        "任务超过时间上限 (1 秒), 已停止, 未写入任何内容。请把文件拆分成几个较小的文件后重新上传; "
        "如确需更长时间, 请管理员调整 BLUELEDGER_JOB_TIME_LIMIT_S。"
    ) == time_limit_message(1)
    assert not Department.objects.filter(name="慢任务写的部门").exists()
    assert elapsed < 15  # stopped after about 1 s, not after the handler's 30 s (slack for a loaded machine)


@pytest.mark.django_db(transaction=True)
def test_a_document_import_over_its_budget_is_rolled_back(
    shandong: dict[str, Any], queue: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extraction stuck (a pathological document): the stored document is rolled back with it."""
    from blueledger.ledgers import services as ledger_services

    def slow_extract(*args: Any, **kwargs: Any) -> Any:
        time.sleep(30)

    monkeypatch.setattr(ledger_services, "extract", slow_extract)
    settings.JOB_TIME_LIMIT_S = 1
    dispatcher = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)
    response = page_client(dispatcher).post(
        reverse("ledgers:ledger_upload"),
        {"region": shandong["qingdao"].pk, "file": SimpleUploadedFile("要点.txt", PLAN)},
    )
    assert response.status_code == 302
    run_worker()
    job = Job.objects.get()
    assert (job.status, job.message) == (JobStatus.FAILED, time_limit_message(1))
    assert (Document.objects.count(), Ledger.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_job_runs_once(shandong: dict[str, Any], admin: Any, slow_handlers: None, settings: Any) -> None:
    calls: list[int] = []
    JOB_HANDLERS["tests.count"] = lambda context: calls.append(1) or JobOutcome("完成")  # type: ignore[func-returns-value]
    try:
        job = job_start(actor=admin, kind="tests.count", title="计数")  # immediate backend: ran once
        job_execute(job_id=job.pk)  # delivered again: finds it 已完成 and does nothing
    finally:
        del JOB_HANDLERS["tests.count"]
    job.refresh_from_db()
    assert (calls, job.status, job.message) == ([1], JobStatus.SUCCEEDED, "完成")


@pytest.mark.django_db
def test_only_the_starter_and_administrators_see_a_job(shandong: dict[str, Any]) -> None:
    bureau = make_department(shandong["qingdao"], "市海洋发展局")
    starter = make_user(bureau, Role.DISPATCHER, username="starter")
    colleague = make_user(bureau, Role.DISPATCHER, username="colleague")
    admin = make_user(bureau, Role.ADMIN, username="admin")
    JOB_HANDLERS["tests.quick"] = lambda context: JobOutcome("完成")
    try:
        job = job_start(actor=starter, kind="tests.quick", title="我的导入")
    finally:
        del JOB_HANDLERS["tests.quick"]
    pages = [reverse("core:job_detail", args=[job.pk]), reverse("core:job_status", args=[job.pk])]
    for user, expected in ((starter, 200), (admin, 200), (colleague, 404)):
        client = page_client(user)
        assert [client.get(url).status_code for url in pages] == [expected, expected], user
    assert "我的导入" in page_client(starter).get(reverse("core:job_list")).content.decode()
    assert "我的导入" not in page_client(colleague).get(reverse("core:job_list")).content.decode()
    anonymous = pytest.importorskip("django.test").Client()
    assert anonymous.get(pages[0]).status_code == 302


@pytest.mark.django_db
def test_a_job_left_running_by_a_stopped_worker_ends_when_its_page_is_read(admin: Any, settings: Any) -> None:
    """Past the budget and a minute (60 + 60 s) the page ends it as 失败 (test_job_reaping.py has the rest);
    within it, the page only shows it 进行中."""
    import datetime

    from django.utils import timezone

    from blueledger.core.jobs import STALLED_MESSAGE

    settings.JOB_TIME_LIMIT_S = 60
    started = timezone.now() - datetime.timedelta(seconds=121)
    job = Job.objects.create(kind="orgs.departments_import", title="导入部门: 部门.xlsx", started_by=admin,
                             status=JobStatus.RUNNING, started_at=started)
    page = page_client(admin).get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert f'<li class="error" id="job-message">{STALLED_MESSAGE}</li>' in page
    assert "job_progress.js" not in page
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    running = Job.objects.create(kind="orgs.departments_import", title="导入部门: 部门.xlsx", started_by=admin,
                                 status=JobStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(seconds=30))
    again = page_client(admin).get(reverse("core:job_detail", args=[running.pk])).content.decode()
    assert "任务执行中断" not in again and "job_progress.js" in again
    running.refresh_from_db()
    assert (running.status, running.message, running.finished_at) == (JobStatus.RUNNING, "", None)
