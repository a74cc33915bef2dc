from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import defaults

from blueledger.core.desk import desk_panels
from blueledger.core.models import Notification
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


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: under /api/ the JSON answer the schema documents (a URL the router cannot match, e.g. a non-numeric
    id); elsewhere the Chinese page inside the site frame."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "未找到。"}, status=404)
    return defaults.page_not_found(request, exception)

