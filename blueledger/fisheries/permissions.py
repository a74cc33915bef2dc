"""Who may do what in 渔船监管. Reads follow core.permissions.scoped (the region of the user's department and
below). 系统管理员 and 调度员 keep the registry and run the case loop within their scope; a 填报员 of the
department an alert is assigned to (a home-port station or a patrol) records its verification; 查看 writes
nothing."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import in_scope
from blueledger.users.choices import Role


def can_manage_fisheries(user: Any, region_code: str | None = None) -> bool:
    if user is None:  # the command line and demo loads
        return True
    if not user.is_authenticated or not (user.is_admin or user.role == Role.DISPATCHER):
        return False
    return region_code is None or in_scope(user, region_code)


def can_verify(user: Any, alert: Any) -> bool:
    if can_manage_fisheries(user, alert.region.code):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and user.role == Role.REPORTER
        and user.department_id is not None
        and user.department_id == alert.assignee_id
    )
