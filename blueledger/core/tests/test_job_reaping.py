"""A job its runner will never end is ended by the platform (core/jobs.py `jobs_reap`): one left 进行中 by a
stopped worker, past the budget and a minute, or one 排队中 past BLUELEDGER_JOB_QUEUE_LIMIT_DAYS, becomes 失败
with a message saying nothing was written, its uploaded files deleted; on the command, when a worker starts,
before the next job a worker runs and when the job or the job list is read. A job its runner ends at the same
moment keeps the runner's outcome. Stored uploads no job holds are swept. No test sleeps: the times are set in
the past."""

from __future__ import annotations

import datetime
import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from blueledger.core import jobs
from blueledger.core.jobs import (
    JOB_HANDLERS,
    STALLED_MESSAGE,
    JobOutcome,
    job_delete,
    job_start,
    jobs_reap,
    queue_expired_message,
    time_limit_message,
)
from blueledger.core.models import Job, JobStatus
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.users.choices import Role

STALLED_TEXT = (
    "任务执行中断: 后台任务进程在处理时停止, 请重新提交。本任务未写入任何内容 (任务的写入整体提交, 中断时已全部撤销); "
    "上传的文件已删除。"
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploads of this test alone (the sweep counts every file under jobs/); a 60 s budget, a 7-day queue."""
    settings.MEDIA_ROOT = tmp_path
    settings.JOB_TIME_LIMIT_S = 60
    settings.JOB_QUEUE_LIMIT_DAYS = 7
    return tmp_path


@pytest.fixture
def admin(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN, username="admin")


def stored(name: str, *, hours_old: float = 0) -> str:
    """A file stored where job_start stores uploads, last modified `hours_old` hours ago."""
    path = default_storage.save(f"jobs/202612/{name}", ContentFile(b"data"))
    if hours_old:
        moment = (timezone.now() - datetime.timedelta(hours=hours_old)).timestamp()
        os.utime(default_storage.path(path), (moment, moment))
    return path


def make_job(actor: Any, *, status: str, files: list[str], started_s_ago: int | None = None,
             created_days_ago: float = 0, upload_name: str = "部门.xlsx") -> Job:
    now = timezone.now()
    job = Job.objects.create(
        kind="orgs.departments_import", title=f"导入部门: {upload_name}", started_by=actor, status=status,
        uploads=[{"stored": name, "name": upload_name} for name in files], upload_name=upload_name,
        started_at=None if started_s_ago is None else now - datetime.timedelta(seconds=started_s_ago),
    )
    if created_days_ago:  # created_at is set on insert
        Job.objects.filter(pk=job.pk).update(created_at=now - datetime.timedelta(days=created_days_ago))
    job.refresh_from_db()
    return job


def reap_command() -> str:
    out = StringIO()
    call_command("jobs", "reap", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_ends_a_stalled_job_and_deletes_its_files(admin: Any, media: Path) -> None:
    stalled = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a"), stored("b")])
    running = make_job(admin, status=JobStatus.RUNNING, started_s_ago=119, files=[stored("c")])
    done = make_job(admin, status=JobStatus.SUCCEEDED, started_s_ago=3600, files=[stored("d")])
    Job.objects.filter(pk=done.pk).update(message="导入完成", finished_at=timezone.now())
    before = timezone.now()

    output = reap_command()

    assert output == (
        f"结束中断的任务 1 个 (任务编号 {stalled.pk}); 结束排队超期的任务 0 个; 删除其上传文件 2 个; "
        "删除无任务持有的上传文件 0 个。\n"
    )
    ended = Job.objects.get(pk=stalled.pk)
    assert (ended.status, ended.message, ended.notes, ended.problems) == (
        JobStatus.FAILED, STALLED_TEXT, ["由“运维命令 blueledger jobs reap”结束。"], []
    )
    assert ended.message == STALLED_MESSAGE
    assert ended.finished_at is not None and before <= ended.finished_at <= timezone.now()
    assert (ended.upload_name, ended.uploads) == ("部门.xlsx", stalled.uploads)  # the names stay
    assert [default_storage.exists(item["stored"]) for item in stalled.uploads] == [False, False]
    # within budget + 60 s it is still running; a finished job is not touched
    running.refresh_from_db()
    assert (running.status, running.message, running.finished_at) == (JobStatus.RUNNING, "", None)
    assert default_storage.exists(running.uploads[0]["stored"])
    done.refresh_from_db()
    assert (done.status, done.message, done.notes) == (JobStatus.SUCCEEDED, "导入完成", [])
    # and a second run finds nothing
    assert reap_command() == (
        "结束中断的任务 0 个; 结束排队超期的任务 0 个; 删除其上传文件 0 个; 删除无任务持有的上传文件 0 个。\n"
    )

    page = page_client(admin).get(reverse("core:job_detail", args=[stalled.pk])).content.decode()
    assert '<span class="badge bad" id="job-status">失败</span>' in page
    assert f'<li class="error" id="job-message">{STALLED_TEXT}</li>' in page
    assert '<p class="muted job-note">由“运维命令 blueledger jobs reap”结束。</p>' in page
    assert "job_progress.js" not in page


@pytest.mark.django_db
def test_a_job_its_runner_ends_at_the_same_moment_keeps_its_outcome(
    admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the reaper loses: it has read the job as stalled, then the job's runner ends it (succeeded)
    before the reaper's update: the update matches no row, the job stays 已完成 and nothing is reported."""
    job = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a")])
    read = jobs._candidates

    def read_then_runner_ends(queryset: Any) -> Any:
        found = read(queryset)
        jobs._finish(job, {"status": JobStatus.SUCCEEDED, "message": "导入完成: 新建 1 个", "result_url": "/x/"})
        return found

    monkeypatch.setattr(jobs, "_candidates", read_then_runner_ends)
    reaped = jobs_reap(by="运维命令 blueledger jobs reap", sweep=True)

    assert (reaped.stalled, reaped.expired, reaped.upload_files, reaped.orphan_files) == ([], [], 0, 0)
    job.refresh_from_db()
    assert (job.status, job.message, job.notes, job.result_url) == (
        JobStatus.SUCCEEDED, "导入完成: 新建 1 个", [], "/x/"
    )
    assert not default_storage.exists(job.uploads[0]["stored"])  # the runner's end deleted it, as always


@pytest.mark.django_db
def test_a_runner_that_ends_its_job_after_the_reaper_has_the_last_word(admin: Any, media: Path) -> None:
    """The worker was alive after all: its outcome replaces the reaper's verdict. A job that failed for its
    own reason is never replaced."""
    job = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a")])
    assert jobs_reap(by="运维命令 blueledger jobs reap").stalled == [job.pk]
    jobs._finish(job, {"status": JobStatus.SUCCEEDED, "message": "导入完成: 新建 1 个"})
    job.refresh_from_db()
    assert (job.status, job.message, job.notes) == (JobStatus.SUCCEEDED, "导入完成: 新建 1 个", [])

    timed_out = make_job(admin, status=JobStatus.FAILED, started_s_ago=121, files=[])
    Job.objects.filter(pk=timed_out.pk).update(message=time_limit_message(60))
    jobs._finish(timed_out, {"status": JobStatus.SUCCEEDED, "message": "不应写入"})
    timed_out.refresh_from_db()
    assert (timed_out.status, timed_out.message) == (JobStatus.FAILED, time_limit_message(60))


@pytest.mark.django_db
def test_a_job_queued_past_the_limit_is_ended_when_the_list_is_read(
    shandong: dict[str, Any], admin: Any, media: Path
) -> None:
    expired = make_job(admin, status=JobStatus.QUEUED, created_days_ago=7.01, files=[stored("a")])
    waiting = make_job(admin, status=JobStatus.QUEUED, created_days_ago=6.99, files=[stored("b")])
    stalled = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("c")])
    other = make_user(make_department(shandong["qingdao"], "市海洋与渔业局"), Role.DISPATCHER, username="other")
    theirs = make_job(other, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("d")])

    page = page_client(admin).get(reverse("core:job_list")).content.decode()

    assert page.count('<span class="badge bad">失败</span>') == 2
    expired.refresh_from_db()
    assert (expired.status, expired.message, expired.notes) == (
        JobStatus.FAILED, queue_expired_message(7), ["由“查看任务列表时的检查”结束。"]
    )
    assert expired.message == (
        "任务排队超过 7 天仍未开始 (后台任务进程可能未运行), 已取消, 未写入任何内容; 上传的文件已删除。"
        "请重新提交; 如问题持续, 请联系管理员检查 blueledger worker。"
    )
    assert expired.finished_at is not None and expired.started_at is None
    stalled.refresh_from_db()
    assert (stalled.status, stalled.message) == (JobStatus.FAILED, STALLED_MESSAGE)
    assert [default_storage.exists(name) for name in ("jobs/202612/a", "jobs/202612/b", "jobs/202612/c")] == [
        False, True, False
    ]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.finished_at) == (JobStatus.QUEUED, None)
    # the list reads the reader's jobs only; another user's is ended when it is read, by its page or its status
    theirs.refresh_from_db()
    assert theirs.status == JobStatus.RUNNING and default_storage.exists("jobs/202612/d")
    state = page_client(other).get(reverse("core:job_status", args=[theirs.pk])).json()
    assert (state["status"], state["status_label"], state["finished"]) == ("failed", "失败", True)
    theirs.refresh_from_db()
    assert (theirs.status, theirs.notes) == (JobStatus.FAILED, ["由“查看任务时的检查”结束。"])
    assert not default_storage.exists("jobs/202612/d")


@pytest.mark.django_db
def test_the_sweep_deletes_the_uploads_no_waiting_or_running_job_holds(admin: Any, media: Path) -> None:
    orphan = stored("orphan", hours_old=2)  # its job row was deleted
    fresh = stored("fresh")  # a job_start's whose row is not committed yet: younger than an hour
    held = make_job(admin, status=JobStatus.QUEUED, files=[stored("queued", hours_old=2)])
    left = make_job(admin, status=JobStatus.FAILED, files=[stored("left", hours_old=2)])  # its end did not delete

    assert reap_command() == (
        "结束中断的任务 0 个; 结束排队超期的任务 0 个; 删除其上传文件 0 个; 删除无任务持有的上传文件 2 个。\n"
    )
    assert sorted(path.name for path in (media / "jobs" / "202612").iterdir()) == ["fresh", "queued"]
    assert not default_storage.exists(orphan) and default_storage.exists(fresh)
    assert default_storage.exists(held.uploads[0]["stored"]) and not default_storage.exists(left.uploads[0]["stored"])


@pytest.mark.django_db
def test_a_worker_ends_the_stalled_jobs_when_it_starts(
    admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import django
    import django.core.management

    from blueledger import cli

    started: list[list[str]] = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", started.append)
    monkeypatch.setattr(django, "setup", lambda: None)  # set up already; again, it would redo the logging
    job = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a")])

    assert cli.main(["worker"]) == 0

    assert started == [["blueledger", "db_worker", "--no-reload"]]  # the reap came first, then the worker
    assert capsys.readouterr().out == (
        f"结束中断的任务 1 个 (任务编号 {job.pk}); 结束排队超期的任务 0 个; 删除其上传文件 1 个; "
        "删除无任务持有的上传文件 0 个。\n"
    )
    job.refresh_from_db()
    assert (job.status, job.message, job.notes) == (
        JobStatus.FAILED, STALLED_MESSAGE, ["由“后台任务进程启动时的检查”结束。"]
    )
    assert cli.main(["worker", "--verbosity", "0"]) == 0  # `blueledger run`'s worker: quiet
    assert capsys.readouterr().out == ""


@pytest.mark.django_db
def test_the_next_job_a_worker_runs_ends_a_stalled_one_first(admin: Any, media: Path) -> None:
    stalled = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a")])
    JOB_HANDLERS["tests.quick"] = lambda context: JobOutcome("完成")
    try:
        quick = job_start(actor=admin, kind="tests.quick", title="快任务")  # immediate backend: runs now
    finally:
        del JOB_HANDLERS["tests.quick"]
    stalled.refresh_from_db()
    assert (stalled.status, stalled.notes) == (JobStatus.FAILED, ["由“后台任务进程处理下一个任务前的检查”结束。"])
    assert (quick.status, quick.message) == (JobStatus.SUCCEEDED, "完成")


@pytest.mark.django_db
def test_a_job_start_that_fails_keeps_no_file(admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from blueledger.core import tasks

    class Unavailable:
        def enqueue(self, **kwargs: Any) -> Any:
            raise DatabaseError("queue unavailable")

    monkeypatch.setattr(tasks, "job_run_task", Unavailable())
    JOB_HANDLERS["tests.quick"] = lambda context: JobOutcome("完成")
    try:
        with pytest.raises(DatabaseError):
            job_start(actor=admin, kind="tests.quick", title="导入", upload=SimpleUploadedFile("部门.xlsx", b"x"))
    finally:
        del JOB_HANDLERS["tests.quick"]
    assert Job.objects.count() == 0
    assert [path for path in media.rglob("*") if path.is_file()] == []


@pytest.mark.django_db
def test_deleting_a_job_deletes_its_files(
    admin: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    job = make_job(admin, status=JobStatus.QUEUED, files=[stored("a")])
    by_admin = make_job(admin, status=JobStatus.QUEUED, files=[stored("b"), stored("c")])
    kept = make_job(admin, status=JobStatus.QUEUED, files=[stored("d")])
    with django_capture_on_commit_callbacks(execute=True):
        job_delete(actor=admin, job=job)
    with django_capture_on_commit_callbacks(execute=True):  # the admin's delete (action) goes through it too
        response = page_client(admin).post(reverse("admin:core_job_changelist"), {
            "action": "delete_selected", "_selected_action": [by_admin.pk], "post": "yes"})
    assert response.status_code == 302
    assert list(Job.objects.values_list("pk", flat=True)) == [kept.pk]
    assert [default_storage.exists(f"jobs/202612/{name}") for name in "abcd"] == [False, False, False, True]


@pytest.mark.concurrent  # SQLite then has its test database on disk: each thread its own connection
@pytest.mark.django_db(transaction=True)
def test_the_reaper_waits_for_a_runner_ending_the_job_and_then_leaves_it(
    admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two connections at once: the runner's end holds the row (uncommitted) while the reaper, which has read
    the job as stalled, makes its update; once the runner commits, the update matches no row. On PostgreSQL the
    update is seen waiting for the runner's row lock; SQLite has one writer at a time, so its update waits for
    the runner's commit whenever it comes."""
    import threading
    import time

    from django.db import connection, transaction

    job = make_job(admin, status=JobStatus.RUNNING, started_s_ago=121, files=[stored("a")])
    reaped: list[Any] = []
    reaper_pid: list[int] = []
    has_read = threading.Event()
    read = jobs._candidates

    def read_and_say_so(queryset: Any) -> Any:
        found = read(queryset)
        has_read.set()
        return found

    monkeypatch.setattr(jobs, "_candidates", read_and_say_so)

    def reaper() -> None:
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    reaper_pid.append(cursor.fetchone()[0])
            reaped.append(jobs_reap(by="运维命令 blueledger jobs reap"))
        finally:
            connection.close()

    thread = threading.Thread(target=reaper)
    with transaction.atomic():
        jobs._write_end(job.pk, {"status": JobStatus.SUCCEEDED, "message": "导入完成", "finished_at": timezone.now()})
        thread.start()
        assert has_read.wait(timeout=10), "the reaper never read the jobs"
        if connection.vendor == "postgresql":
            # until its update waits for this transaction's row lock (pg_blocking_pids is read live, where
            # pg_stat_activity would be a snapshot taken once in the transaction)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                runner_pid = cursor.fetchone()[0]
                for _ in range(1000):
                    cursor.execute("SELECT pg_blocking_pids(%s)", [reaper_pid[0]])
                    if runner_pid in cursor.fetchone()[0]:
                        break
                    time.sleep(0.01)
                else:
                    raise AssertionError("the reaper's update never waited for the runner's row lock")
    thread.join(timeout=30)
    assert [(result.stalled, result.upload_files) for result in reaped] == [([], 0)]
    job.refresh_from_db()
    assert (job.status, job.message, job.notes) == (JobStatus.SUCCEEDED, "导入完成", [])
    assert default_storage.exists(job.uploads[0]["stored"])  # the reaper deleted nothing (the runner's end does)


@pytest.mark.django_db
def test_a_reap_that_fails_does_not_keep_the_next_job_from_running(
    admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> Any:
        raise DatabaseError("reap failed")

    monkeypatch.setattr(jobs, "jobs_reap", broken)
    JOB_HANDLERS["tests.quick"] = lambda context: JobOutcome("完成")
    try:
        quick = job_start(actor=admin, kind="tests.quick", title="快任务")
    finally:
        del JOB_HANDLERS["tests.quick"]
    assert (quick.status, quick.message) == (JobStatus.SUCCEEDED, "完成")


@pytest.mark.django_db
def test_a_long_running_worker_sweeps_on_its_first_job_and_then_once_a_day(
    admin: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "_last_sweep", [])  # a fresh worker process
    JOB_HANDLERS["tests.quick"] = lambda context: JobOutcome("完成")
    try:
        stored("first", hours_old=2)
        job_start(actor=admin, kind="tests.quick", title="快任务")
        assert not default_storage.exists("jobs/202612/first")  # its first job swept
        stored("second", hours_old=2)
        job_start(actor=admin, kind="tests.quick", title="快任务")
        assert default_storage.exists("jobs/202612/second")  # not again within the day
        jobs._last_sweep[0] -= jobs.SWEEP_EVERY_S
        job_start(actor=admin, kind="tests.quick", title="快任务")
        assert not default_storage.exists("jobs/202612/second")  # a day later
    finally:
        del JOB_HANDLERS["tests.quick"]
