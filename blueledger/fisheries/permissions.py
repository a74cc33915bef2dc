"""Who may do what in 渔船监管. Reads follow core.permissions.scoped (the region of the user's department and
below). 系统管理员 and 调度员 keep the registry and run the case loop within their scope; a 填报员 of the
department an alert is assigned to (a home-port station or a patrol) records its verification; 查看 writes
nothing."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import can_keep_register, is_reporter_of


def can_manage_fisheries(user: Any, region_code: str | None = None) -> bool:
    return can_keep_register(user, region_code)


def can_verify(user: Any, alert: Any) -> bool:
    return can_manage_fisheries(user, alert.region.code) or is_reporter_of(user, alert.assignee_id)
