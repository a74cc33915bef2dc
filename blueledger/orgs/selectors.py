"""Reads of regions and departments, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from blueledger.core.history import CHANGE_KIND_LABELS
from blueledger.core.permissions import region_prefix, scoped
from blueledger.orgs.models import Department, DepartmentAlias, Region


def region_list(*, user: Any) -> QuerySet[Region]:
    """Regions are public reference data: every signed-in user reads all of them."""
    return Region.objects.select_related("parent").annotate(department_count=Count("departments"))


def regions_in_scope(*, user: Any) -> QuerySet[Region]:
    """The regions the user works in: their region and every region below it (all for an administrator)."""
    prefix = region_prefix(user)
    regions = Region.objects.order_by("code")
    if prefix is None:
        return regions.none()
    return regions if prefix == "" else regions.filter(code__startswith=prefix)


def department_list(*, user: Any) -> QuerySet[Department]:
    """The departments `user` sees, with their regions and aliases (filters: orgs.filtersets)."""
    return scoped(Department.objects.all(), user, "region").select_related("region").prefetch_related(
        Prefetch("aliases", queryset=DepartmentAlias.objects.order_by("alias"))
    )


def department_regions(*, user: Any) -> QuerySet[Region]:
    """The regions that hold a department the user sees, for the department list's filter."""
    return Region.objects.filter(pk__in=scoped(Department.objects.all(), user, "region").values("region_id")).only(
        "code", "name")


def department_resolve(*, region: Region, written_name: str) -> Department | None:
    """The department of `region` (or of its parent city) a document means by `written_name`."""
    name = "".join(written_name.split())
    regions = [region] + ([region.parent] if region.parent_id else [])
    for candidate_region in regions:
        match = (
            Department.objects.filter(region=candidate_region)
            .filter(Q(name=name) | Q(short_name=name) | Q(aliases__alias=name))
            .first()
        )
        if match is not None:
            return match
    return None


def department_recent_changes(*, user: Any, limit: int) -> list[dict[str, Any]]:
    """The latest changes to departments of the user's scope, newest first, for the dashboard."""
    records = scoped(Department.history.all(), user, "region").select_related("history_user", "region")[:limit]
    return [
        {
            "when": record.history_date,
            "who": str(record.history_user) if record.history_user else "系统",
            "kind_label": "部门单位",
            "label": f"{record.region.name} {record.short_name}",
            "action": CHANGE_KIND_LABELS[record.history_type],
        }
        for record in records
    ]
