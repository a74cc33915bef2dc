"""Who may change ledgers: 调度员 and 系统管理员, within their scope (see blueledger.core.permissions)."""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import can_dispatch, can_dispatch_in_region, require
from blueledger.orgs.models import Region


def require_dispatch_in_region(actor: Any, region: Region) -> None:
    """Refuses unless `actor` dispatches for `region`; `actor` None is the system (demo, command line)."""
    if actor is None:
        return
    require(can_dispatch(actor))
    require(can_dispatch_in_region(actor, region), "该区划不在您的管辖范围内。")
