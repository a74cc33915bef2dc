from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import defaults

from blueledger.core.desk import desk_panels
from blueledger.core.jobs import job_start, job_visible, jobs_of, jobs_reap
from blueledger.core.models import Job, Notification
from blueledger.core.navigation import part_by_slug
from blueledger.core.permissions import region_prefix
from blueledger.core.services import notifications_mark_read


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """工作台: the user's to-do panels from the apps (administrators also get the reference data they keep)."""
    scope_name = request.user.department.region.name if region_prefix(request.user) else "全部"  # type: ignore[union-attr]
    return render(request, "core/home.html", {"panels": desk_panels(request.user), "scope_name": scope_name})


@login_required
def part_pending(request: HttpRequest, slug: str) -> HttpResponse:
    part = part_by_slug(slug)
    if part is None:
        raise Http404("没有这个板块。")
    return render(request, "core/part_pending.html", {"part": part})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first. Reading them is a POST (全部标为已读, up to the newest shown):
    a GET never changes anything."""
    if request.method == "POST":
        up_to = request.POST.get("up_to", "")
        notifications_mark_read(user=request.user, up_to_pk=int(up_to) if up_to.isdigit() else None)
        return redirect("core:notifications")
    items = list(Notification.objects.filter(user=request.user)[:100])
    unread = [item for item in items if item.read_at is None]
    return render(request, "core/notifications.html", {"notifications": items, "unread": unread,
                                                       "newest_pk": items[0].pk if items else None})


@login_required
def notification_count(request: HttpRequest) -> HttpResponse:
    """The bell's number, loaded after the page (htmx) so that no page pays a query for it."""
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return HttpResponse(f'<span class="bell-count" id="bell-count">{unread}</span>' if unread else "")


def start_job(request: HttpRequest, *, kind: str, title: str, upload: UploadedFile | None = None,
              uploads: list[UploadedFile] | None = None, params: dict[str, Any] | None = None) -> HttpResponse:
    """What an upload view does once its form is valid: store the file(s), queue the job and send the user
    to the job's page, which follows it to its result."""
    job = job_start(actor=request.user, kind=kind, title=title, upload=upload, uploads=uploads, params=params)
    return redirect("core:job_detail", pk=job.pk)


def _job_state(job: Job) -> dict[str, Any]:
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.progress_done,
        "total": job.progress_total,
        "unit": job.progress_unit,
        "percent": job.progress_percent,
        "finished": job.is_finished,
        "started_at": timezone.localtime(job.started_at).strftime("%Y-%m-%d %H:%M:%S") if job.started_at else "",
    }


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's page: its state and progress while it runs (core/job_progress.js polls job_status and reloads
    the page when it ends), then its result: the message, every problem, the link to what it made."""
    return render(request, "core/job_detail.html", {"job": _job_shown(request, pk)})


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    return JsonResponse(_job_state(_job_shown(request, pk)))


def _job_shown(request: HttpRequest, pk: int) -> Job:
    """The job to show; one its runner will never end (stalled, or queued past the limit) is ended first, so
    the user reads its final answer, not 进行中 for ever (a fact recorded, not a change the user makes)."""
    job = job_visible(user=request.user, pk=pk)
    if job.is_stalled or job.is_queue_expired:
        jobs_reap(by="查看任务时的检查", pk=job.pk)
        job = job_visible(user=request.user, pk=pk)
    return job


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    """我的任务: the jobs the user started, newest first (those their runner will never end ended first)."""
    jobs_reap(by="查看任务列表时的检查", started_by=request.user)
    page = Paginator(jobs_of(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: under /api/ the JSON answer the schema documents (a URL the router cannot match, e.g. a non-numeric
    id); elsewhere the Chinese page inside the site frame."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "未找到。"}, status=404)
    return defaults.page_not_found(request, exception)
