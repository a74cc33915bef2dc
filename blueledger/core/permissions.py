"""Who may see and change what. One place for pages, API and services alike.

Scope: an administrator sees everything; any other user sees the region of their department and every
region below it (by GB/T 2260 code prefix). Writes depend on the role: 系统管理员 edits reference data and
accounts, 调度员 runs ledgers and rounds of its scope, 填报员 writes only its own department's reports,
查看 writes nothing. Objects outside the scope are reported as missing (404), not as forbidden, so that ids
of other organisations cannot be probed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404


def region_prefix(user: Any) -> str | None:
    """The GB/T 2260 prefix of everything `user` may see; '' for all; None for nothing."""
    if not user.is_authenticated:
        return None
    if user.is_admin:
        return ""
    if user.department_id is None:
        return None
    return str(user.department.region.scope_prefix)


def scope_filter(user: Any, region_field: str) -> Q:
    """A filter keeping the rows whose `region_field` (a path to a Region) lies in the user's scope."""
    prefix = region_prefix(user)
    if prefix is None:
        return Q(pk__in=[])
    if prefix == "":
        return Q()
    return Q(**{f"{region_field}__code__startswith": prefix})


def scoped(queryset: QuerySet[Any], user: Any, region_field: str) -> QuerySet[Any]:
    return queryset.filter(scope_filter(user, region_field))


def get_scoped_or_404(queryset: QuerySet[Any], user: Any, region_field: str, **lookup: Any) -> Any:
    try:
        return scoped(queryset, user, region_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("没有找到该记录, 或您无权查看。") from None


def in_scope(user: Any, region_code: str) -> bool:
    """Whether the region of `region_code` lies in what `user` may see."""
    prefix = region_prefix(user)
    return prefix is not None and region_code.startswith(prefix)


def can_dispatch_in_region(user: Any, region: Any) -> bool:
    """调度员 or 系统管理员 whose scope holds `region`."""
    return can_dispatch(user) and in_scope(user, str(region.code))


def can_remember_alias(user: Any, region: Any) -> bool:
    """Names written in documents are mapped during review, so the dispatch office of the region may keep
    such a mapping as an alias; renaming or creating departments stays with administrators."""
    return can_edit_reference_data(user) or can_dispatch_in_region(user, region)


def can_edit_reference_data(user: Any) -> bool:
    """Regions, departments, aliases and accounts are kept by administrators."""
    return bool(user.is_authenticated and user.is_admin)


def can_dispatch(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_admin or user.is_dispatcher))


def can_instruct(user: Any, region: Any) -> bool:
    """批示: a 领导 whose scope holds `region` comments on its tasks, reports and bulletins."""
    return bool(user is not None and user.is_authenticated and user.is_leader and in_scope(user, str(region.code)))


def can_keep_register(user: Any, region_code: str | None = None) -> bool:
    """Writes of a register kept by the dispatch office (key projects, fishing vessels): the command line and
    demo loads (no user), or a 调度员/系统管理员 whose scope holds `region_code` (their whole scope when None)."""
    if user is None:
        return True
    return can_dispatch(user) and (region_code is None or in_scope(user, region_code))


def is_reporter_of(user: Any, department_id: int | None) -> bool:
    """A 填报员 of the department that answers for an item (a project's 责任单位, an alert's assignee)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_reporter
        and user.department_id is not None
        and user.department_id == department_id
    )


def require(allowed: bool, message: str = "您的角色无权执行此操作。") -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_dispatch_in_region(actor: Any, region: Any) -> None:
    """Refuses unless `actor` dispatches for `region` (imports documents, edits ledgers, runs rounds);
    `actor` None is the system (demo, command line)."""
    if actor is None:
        return
    require(can_dispatch(actor))
    require(can_dispatch_in_region(actor, region), "该区划不在您的管辖范围内。")
