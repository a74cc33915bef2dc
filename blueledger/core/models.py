"""In-app notifications (站内通知): what the platform tells one user, with read/unread; and background jobs
(后台任务, core/jobs.py): what a user started and what became of it.

Notifications are messages, not business data: they carry no history of their own; what caused them (a
reminder, a return) is recorded where it happened.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """One message to one user; the header's bell counts the unread ones."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


def job_stalled_after() -> datetime.timedelta:
    """How long a job may stay 进行中 before it counts as stalled: the time budget (past which the runner itself
    fails it) and a minute for the runner to write that end."""
    return datetime.timedelta(seconds=int(settings.JOB_TIME_LIMIT_S) + 60)


def job_queue_expires_after() -> datetime.timedelta:
    """How long a job may stay 排队中 before it is given up (BLUELEDGER_JOB_QUEUE_LIMIT_DAYS)."""
    return datetime.timedelta(days=int(settings.JOB_QUEUE_LIMIT_DAYS))


class Job(models.Model):
    """A piece of background work a user started (an import, a position ingest) and what became of it.

    The row is what the user sees: who started it and what, its state, progress and message, the problems
    that refused it (one line each, naming row, column and reason) and a link to the result. It is the job's
    own record, not business data: what the job writes carries its own history, attributed to `started_by`.
    State moves only forward (排队中 → 进行中 → 已完成/失败), each step an update on the expected state. A job
    the runner never ended (stalled: its worker stopped while running it; or left 排队中 past the queue limit) is
    ended as 失败 by `jobs_reap` (core/jobs.py); should its runner after all end it, the runner's outcome wins.
    """

    kind = models.CharField("类型", max_length=100)
    title = models.CharField("任务", max_length=300)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, related_name="jobs"
    )
    status = models.CharField("状态", max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField("参数", default=dict, blank=True)
    # The uploaded files while the job waits and runs ([{"stored": storage name, "name": the user's name}]);
    # they are deleted when it ends, the names stay in `upload_name`.
    uploads = models.JSONField("上传的文件", default=list, blank=True)
    upload_name = models.CharField("文件名", max_length=255, blank=True)
    progress_done = models.PositiveIntegerField("已处理", default=0)
    progress_total = models.PositiveIntegerField("总数", default=0)
    progress_unit = models.CharField("进度单位", max_length=20, blank=True)
    message = models.TextField("结果", blank=True)
    notes = models.JSONField("说明", default=list, blank=True)
    problems = models.JSONField("问题", default=list, blank=True)
    result_url = models.CharField("结果链接", max_length=300, blank=True)
    result_label = models.CharField("结果链接文字", max_length=100, blank=True)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["started_by", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Still 进行中 well past the time budget: its worker was stopped while running it (the budget would
        otherwise have failed it)."""
        if self.status != JobStatus.RUNNING or self.started_at is None:
            return False
        return timezone.now() - self.started_at > job_stalled_after()

    @property
    def is_queue_expired(self) -> bool:
        """Still 排队中 past the queue limit: no worker took it (none runs, or its queue entry was lost)."""
        return self.status == JobStatus.QUEUED and timezone.now() - self.created_at > job_queue_expires_after()

    @property
    def problems_are_rows(self) -> bool:
        """The problems name row, column and reason each ({"row", "column", "message"}): shown as a table."""
        return bool(self.problems) and all(isinstance(problem, dict) for problem in self.problems)

    @property
    def progress_percent(self) -> int | None:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return None
        return min(100, self.progress_done * 100 // self.progress_total)
