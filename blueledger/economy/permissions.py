"""Who writes what in ocean-economy monitoring. Reads follow core.permissions.scoped (the region of the
user's department and below); the classification and published figures are reference data every signed-in
user reads. 系统管理员 and 调度员 write units, figures and target bindings within their scope; 填报员 and
查看 write nothing here."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import in_scope
from blueledger.users.choices import Role


def can_manage_economy(user: Any, region_code: str | None = None) -> bool:
    """Units, figures and bindings of `region_code` (or of the user's scope when None)."""
    if user is None:  # the command line and demo loads
        return True
    if not user.is_authenticated or not (user.is_admin or user.role == Role.DISPATCHER):
        return False
    return region_code is None or in_scope(user, region_code)
