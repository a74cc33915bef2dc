"""Who writes what in the registry. Reads follow core.permissions.scoped (region of the user's department and
below). 系统管理员 and 调度员 write projects, leads, layouts and reports within their scope; 填报员 writes the
monthly reports of the projects whose 责任单位 is their own department; 查看 writes nothing."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import in_scope
from blueledger.users.choices import Role


def can_manage_projects(user: Any, region_code: str | None = None) -> bool:
    """Projects, leads and layouts of `region_code` (or of the user's scope when None)."""
    if user is None:  # the command line and demo loads
        return True
    if not user.is_authenticated or not (user.is_admin or user.role == Role.DISPATCHER):
        return False
    return region_code is None or in_scope(user, region_code)


def can_report(user: Any, project: Any) -> bool:
    if can_manage_projects(user, project.region.code):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and user.role == Role.REPORTER
        and user.department_id is not None
        and user.department_id == project.responsible_department_id
    )
