"""Background jobs: an upload is stored, queued and run off the request path by a worker (Django's tasks API
with django-tasks-db; `blueledger worker`), so no file can hold a web worker.

An app offers a kind of job with `@job_handler("app.name")` in its `jobs.py` (found at start-up); the
handler gets a `JobContext` (the actor, the parameters, the uploaded bytes, `progress()`) and returns a
`JobOutcome`, or raises `JobRefused` with the problems to show. Every job runs under a time budget
(BLUELEDGER_JOB_TIME_LIMIT_S): past it the job stops, its transaction rolls back and it fails with a message
saying so. Handlers write through their app's services, each in one transaction, so a refusal or a stop
leaves nothing half-written.

A job its runner never ended is ended by `jobs_reap`: one still 进行中 past the budget and a minute (its worker
was stopped while running it), or still 排队中 past BLUELEDGER_JOB_QUEUE_LIMIT_DAYS (no worker took it). It
becomes 失败 with a message saying nothing was written, and its uploaded files are deleted. The reap runs when a
worker starts, before each job a worker runs, when a job or the job list is read and as `blueledger jobs reap`,
so it needs no cron. With `sweep` (the worker's start, the command, and a worker's first job and then one a
day), it also deletes the stored uploads no waiting or running job holds (a job row deleted, a job whose end
could not delete them), once they are an hour old.
"""

from __future__ import annotations

import datetime
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, connection, models, transaction
from django.http import Http404
from django.utils import timezone

from blueledger.core.models import Job, JobStatus, job_queue_expires_after, job_stalled_after
from blueledger.lib.file_sizes import display_name

logger = logging.getLogger(__name__)
# The start of the message of a job that failed on an error no handler foresaw (the job's 500).
UNEXPECTED_FAILURE = "任务处理时出错"
# Where job_start stores the uploads (in default storage), and how old a file there that no waiting or running
# job holds must be before the sweep deletes it (younger, it may be a job_start's whose row is not committed).
UPLOADS_DIR = "jobs"
ORPHAN_GRACE = datetime.timedelta(hours=1)
SWEEP_EVERY_S = 24 * 3600
# The message of a job ended as stalled (and the mark by which its runner, should it end it after all, knows
# the reaper's verdict may be replaced).
STALLED_MESSAGE = (
    "任务执行中断: 后台任务进程在处理时停止, 请重新提交。本任务未写入任何内容 (任务的写入整体提交, 中断时已全部撤销); "
    "上传的文件已删除。"
)


class JobTimeLimitExceeded(BaseException):
    """Raised into a job past its time budget. A BaseException, so that an engine's `except Exception`
    (which turns its own crashes into refusals) lets it through to the job runner."""


class JobRefused(Exception):
    """The handler refused the work; nothing was written. `problems` are shown one per line, or as a table
    when each is a {"row", "column", "message"} mapping."""

    def __init__(self, message: str, problems: list[Any] | None = None, *, result_url: str = "",
                 result_label: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.result_url = result_url
        self.result_label = result_label


@dataclass(frozen=True, slots=True)
class JobOutcome:
    message: str
    notes: list[str] = field(default_factory=list)
    result_url: str = ""
    result_label: str = ""


class JobContext:
    """What a handler works with. `progress()` also enforces the time budget between steps."""

    def __init__(self, job: Job, *, deadline: float) -> None:
        self.job = job
        self.actor = job.started_by
        self.params: dict[str, Any] = dict(job.params)
        self.deadline = deadline

    @property
    def filename(self) -> str:
        """The (first) uploaded file's name as the user sent it."""
        return str(self.job.uploads[0]["name"]) if self.job.uploads else ""

    def read_upload(self) -> bytes:
        """The (first) uploaded file's content."""
        with default_storage.open(self.job.uploads[0]["stored"], "rb") as upload:
            return bytes(upload.read())

    def upload_paths(self) -> list[tuple[str, Path]]:
        """Each uploaded file: (the user's name for it, where it is stored on disk)."""
        return [(str(item["name"]), Path(default_storage.path(item["stored"]))) for item in self.job.uploads]

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise JobTimeLimitExceeded

    def progress(self, done: int, total: int, unit: str = "") -> None:
        """Records how far the job is. Inside a transaction the row is not written (the other connections
        could not see it before the commit, and on SQLite it would wait for the job's own lock)."""
        self.check_time()
        self.job.progress_done, self.job.progress_total, self.job.progress_unit = done, total, unit
        if not connection.in_atomic_block:
            Job.objects.filter(pk=self.job.pk).update(progress_done=done, progress_total=total, progress_unit=unit)


Handler = Callable[[JobContext], JobOutcome]
JOB_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Registers `kind` ("app.what") for `job_start`; the handler runs in the worker."""

    def register(handler: Handler) -> Handler:
        JOB_HANDLERS[kind] = handler
        return handler

    return register


def job_start(*, actor: Any, kind: str, title: str, upload: UploadedFile | None = None,
              uploads: list[UploadedFile] | None = None, params: dict[str, Any] | None = None) -> Job:
    """Stores the upload with a new job row and queues the job, in one transaction (the queue is a table of
    the same database, so a job is never queued without its row, nor the row left without its queue entry).
    The job's title is `title`, followed by the files' names (`upload`, or several in `uploads`)."""
    from blueledger.core.tasks import job_run_task  # the task module imports this one

    if kind not in JOB_HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job(kind=kind, title=title[:300], started_by=actor, params=params or {})
        files = [upload] if upload is not None else list(uploads or [])
        stamp = f"{timezone.now():%Y%m%d%H%M%S%f}"
        try:
            for number, file in enumerate(files):
                stored = default_storage.save(f"{UPLOADS_DIR}/{stamp[:6]}/job{stamp}-{number}", file)
                job.uploads.append({"stored": stored, "name": display_name(file.name or "")})
            if files:
                job.upload_name = "、".join(item["name"] for item in job.uploads)[:255]
                job.title = f"{title}: {job.upload_name}"[:300]
            job.save()
            result = job_run_task.enqueue(job_id=job.pk)
            # An immediate backend (tests) has already run the job; its row is newer than this copy.
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
        except BaseException:
            _delete_uploads(job.uploads)  # no row will hold them
            raise
    job.refresh_from_db()
    return job


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    """Interrupts the block after `seconds` when it runs in the main thread (the worker runs jobs there):
    a handler stuck inside one long call (a parser, a regular expression) is stopped too, not only one
    that reports progress."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    armed = [True]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise JobTimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_limit_message(seconds: int) -> str:
    return (
        f"任务超过时间上限 ({seconds} 秒), 已停止, 未写入任何内容。"
        "请把文件拆分成几个较小的文件后重新上传; 如确需更长时间, 请管理员调整 BLUELEDGER_JOB_TIME_LIMIT_S。"
    )


def job_execute(*, job_id: int) -> None:
    """Runs a queued job once (a second delivery finds it no longer 排队中 and does nothing), under the time
    budget, and records how it ended. The uploaded file is removed when the job ends."""
    # A worker that stopped while running a job left it 进行中: the next job any worker runs ends it. Whatever
    # goes wrong there must not keep this job from running.
    try:
        jobs_reap(by="后台任务进程处理下一个任务前的检查", sweep=_sweep_due())
    except Exception:
        logger.exception("ending the stalled jobs before job %s failed", job_id)
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.select_related("started_by").get(pk=job_id)
    limit = int(settings.JOB_TIME_LIMIT_S)
    context = JobContext(job, deadline=time.monotonic() + limit)
    end: dict[str, Any]
    try:
        handler = JOB_HANDLERS[job.kind]
        with _alarm(limit):
            outcome = handler(context)
    except JobTimeLimitExceeded:
        end = {"status": JobStatus.FAILED, "message": time_limit_message(limit)}
    except JobRefused as refusal:
        end = {"status": JobStatus.FAILED, "message": refusal.message, "problems": refusal.problems,
               "result_url": refusal.result_url, "result_label": refusal.result_label}
    except ValidationError as error:
        end = {"status": JobStatus.FAILED, "message": "; ".join(error.messages)}
    except PermissionDenied as denied:  # the actor's role changed since the upload
        end = {"status": JobStatus.FAILED, "message": str(denied) or "您的角色无权执行此操作。"}
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        end = {"status": JobStatus.FAILED,
               "message": f"{UNEXPECTED_FAILURE}, 未写入任何内容。请联系管理员 (任务编号 {job.pk})。"}
    else:
        end = {"status": JobStatus.SUCCEEDED, "message": outcome.message, "notes": outcome.notes,
               "result_url": outcome.result_url, "result_label": outcome.result_label,
               "progress_done": context.job.progress_total or 1, "progress_total": context.job.progress_total or 1,
               "progress_unit": context.job.progress_unit}
    _finish(job, end)


def _finish(job: Job, end: dict[str, Any]) -> None:
    end["finished_at"] = timezone.now()
    end.setdefault("notes", [])
    try:
        _write_end(job.pk, end)
    except DatabaseError:
        # An interrupted query can leave the connection unusable; the outcome is written on a fresh one.
        if connection.in_atomic_block:
            raise
        connection.close()
        _write_end(job.pk, end)
    _delete_uploads(job.uploads)


def _write_end(pk: int, end: dict[str, Any]) -> None:
    """Records the runner's outcome on the job it runs: 进行中, or ended as stalled by `jobs_reap` meanwhile
    (its worker was alive after all, and what the job wrote, or did not, is what the runner knows)."""
    if not Job.objects.filter(pk=pk, status=JobStatus.RUNNING).update(**end):
        Job.objects.filter(pk=pk, status=JobStatus.FAILED, message=STALLED_MESSAGE).update(**end)


def _delete_uploads(uploads: list[dict[str, Any]]) -> int:
    """Deletes a job's stored uploads (those still there); how many it deleted. A file the storage refuses to
    delete is logged and left to the sweep (`jobs_reap(sweep=True)`): the job's end is recorded all the same."""
    deleted = 0
    for item in uploads:
        try:
            if default_storage.exists(item["stored"]):
                default_storage.delete(item["stored"])
                deleted += 1
        except OSError:
            logger.exception("could not delete the upload %s", item["stored"])
    return deleted


def queue_expired_message(days: int) -> str:
    return (
        f"任务排队超过 {days} 天仍未开始 (后台任务进程可能未运行), 已取消, 未写入任何内容; 上传的文件已删除。"
        "请重新提交; 如问题持续, 请联系管理员检查 blueledger worker。"
    )


@dataclass(frozen=True, slots=True)
class JobsReaped:
    """What one `jobs_reap` did: the jobs it ended (ids), the upload files of theirs it deleted, and the stored
    uploads it swept that no job held."""

    stalled: list[int]
    expired: list[int]
    upload_files: int
    orphan_files: int

    def summary(self) -> str:
        parts = [
            f"结束中断的任务 {len(self.stalled)} 个" + _ids(self.stalled),
            f"结束排队超期的任务 {len(self.expired)} 个" + _ids(self.expired),
            f"删除其上传文件 {self.upload_files} 个",
            f"删除无任务持有的上传文件 {self.orphan_files} 个",
        ]
        return "; ".join(parts) + "。"


def _ids(pks: list[int]) -> str:
    return f" (任务编号 {', '.join(str(pk) for pk in pks)})" if pks else ""


def jobs_reap(*, by: str, pk: int | None = None, started_by: Any = None, sweep: bool = False) -> JobsReaped:
    """Ends as 失败 the jobs their runner never ended (all, or the one `pk`, or those `started_by` started): a job
    进行中 past the budget and a minute (STALLED_MESSAGE), or 排队中 past the queue limit; deletes their uploaded
    files (the names stay in `upload_name`); `by` (which check found them) is kept in the job's notes.

    Each job is ended by an update on its expected state, so a job its runner ends at the same moment keeps the
    runner's outcome (the reaper's update then matches no row and it deletes nothing). With `sweep`, also
    deletes the stored uploads older than ORPHAN_GRACE that no 排队中 or 进行中 job holds."""
    now = timezone.now()
    stalled_before, queued_before = now - job_stalled_after(), now - job_queue_expires_after()
    jobs = Job.objects.filter(
        models.Q(status=JobStatus.RUNNING, started_at__lt=stalled_before)
        | models.Q(status=JobStatus.QUEUED, created_at__lt=queued_before)
    )
    if pk is not None:
        jobs = jobs.filter(pk=pk)
    if started_by is not None:
        jobs = jobs.filter(started_by=started_by)
    stalled: list[int] = []
    expired: list[int] = []
    upload_files = 0
    note = f"由“{by}”结束。"
    for job_pk, status, uploads in _candidates(jobs.order_by("pk")):
        if status == JobStatus.RUNNING:
            expected = {"status": JobStatus.RUNNING, "started_at__lt": stalled_before}
            message, ended = STALLED_MESSAGE, stalled
        else:
            expected = {"status": JobStatus.QUEUED, "created_at__lt": queued_before}
            message, ended = queue_expired_message(int(settings.JOB_QUEUE_LIMIT_DAYS)), expired
        if Job.objects.filter(pk=job_pk, **expected).update(
            status=JobStatus.FAILED, message=message, notes=[note], problems=[], finished_at=timezone.now()
        ):
            logger.warning("job %s (%s) ended as failed by %s", job_pk, status, by)
            ended.append(job_pk)
            # At once, as the runner's own end does: should an outer transaction undo this end, the job is still
            # one to end, and its files were of no more use.
            upload_files += _delete_uploads(uploads)
    orphan_files = _sweep_uploads(now) if sweep else 0
    return JobsReaped(stalled, expired, upload_files, orphan_files)


_last_sweep: list[float] = []  # when this process last swept (time.monotonic())


def _sweep_due() -> bool:
    """Whether the job about to run should sweep the uploads first: the first job a process runs, then one a
    day, so a worker that runs for months sweeps too (a sweep lists every file under jobs/)."""
    now = time.monotonic()
    if _last_sweep and now - _last_sweep[0] < SWEEP_EVERY_S:
        return False
    _last_sweep[:] = [now]
    return True


def _candidates(jobs: Any) -> list[tuple[int, str, list[dict[str, Any]]]]:
    """The jobs `jobs_reap` would end, read once; each is then ended on its expected state, not on this copy."""
    return list(jobs.values_list("pk", "status", "uploads"))


def _sweep_uploads(now: datetime.datetime) -> int:
    held = {
        item["stored"]
        for uploads in Job.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).values_list(
            "uploads", flat=True
        )
        for item in uploads
    }
    deleted = 0
    for name in _stored_files(UPLOADS_DIR):
        try:
            if name in held or default_storage.get_modified_time(name) > now - ORPHAN_GRACE:
                continue
            default_storage.delete(name)
        except OSError:
            logger.exception("could not sweep the upload %s", name)
            continue
        deleted += 1
    return deleted


def _stored_files(folder: str) -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for sub in sorted(folders):
        yield from _stored_files(f"{folder}/{sub}")


def job_delete(*, actor: Any, job: Job) -> None:
    """Deletes a job's row (the job's own record, which keeps no history) and, once that is committed, its
    stored uploads, so none are left behind."""
    uploads = list(job.uploads)
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).delete()
        transaction.on_commit(lambda: _delete_uploads(uploads))
    logger.info("job %s deleted by %s", job.pk, actor)


def job_visible(*, user: Any, pk: int) -> Job:
    """The job if `user` started it or is an administrator; 404 otherwise (ids are not probed)."""
    job = Job.objects.select_related("started_by").filter(pk=pk).first()
    if job is None or not (user.is_authenticated and (user.is_admin or job.started_by_id == user.pk)):
        raise Http404("没有找到该任务, 或您无权查看。")
    return job


def jobs_of(*, user: Any) -> Any:
    """我的任务: the jobs `user` started, newest first."""
    return Job.objects.filter(started_by=user).order_by("-created_at", "-pk")
