from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from blueledger.core.navigation import part_by_slug
from blueledger.core.permissions import region_prefix
from blueledger.orgs.selectors import department_list, department_recent_changes, region_list
from blueledger.users.selectors import user_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope_name = request.user.department.region.name if region_prefix(request.user) else "全部"  # type: ignore[union-attr]
    figures = [
        {"label": "行政区划", "value": region_list(user=request.user).count(), "url": reverse("orgs:region_list")},
        {
            "label": "部门单位",
            "value": department_list(user=request.user).count(),
            "url": reverse("orgs:department_list"),
        },
        {"label": "用户账号", "value": user_list(user=request.user).count(), "url": reverse("users:user_list")},
    ]
    context = {
        "figures": figures,
        "scope_name": scope_name,
        "recent_changes": department_recent_changes(user=request.user, limit=10),
    }
    return render(request, "core/home.html", context)


@login_required
def part_pending(request: HttpRequest, slug: str) -> HttpResponse:
    part = part_by_slug(slug)
    if part is None:
        raise Http404("没有这个板块。")
    return render(request, "core/part_pending.html", {"part": part})
