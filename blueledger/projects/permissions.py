"""Who writes what in the registry. Reads follow core.permissions.scoped (region of the user's department and
below). 系统管理员 and 调度员 write projects, leads, layouts and reports within their scope; 填报员 writes the
monthly reports of the projects whose 责任单位 is their own department; 查看 writes nothing."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import can_keep_register, is_reporter_of


def can_manage_projects(user: Any, region_code: str | None = None) -> bool:
    """Projects, leads and layouts of `region_code` (or of the user's scope when None)."""
    return can_keep_register(user, region_code)


def can_report(user: Any, project: Any) -> bool:
    return can_manage_projects(user, project.region.code) or is_reporter_of(user, project.responsible_department_id)
