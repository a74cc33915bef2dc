"""Who may do what in dispatch (see blueledger.core.permissions for scopes).

调度员 and 系统管理员 of the ledger's region open and close rounds, set weights, return reports, answer
objections and download bulletins. A 填报员 writes only the slots of their own department. Everyone reads
rounds within their scope; a 填报员 reads department pages of their own department only.
"""

from __future__ import annotations

from typing import Any

from blueledger.core.permissions import can_dispatch_in_region, require
from blueledger.dispatch.models import ReportingRound
from blueledger.orgs.models import Department
from blueledger.users.choices import Role


def can_run_round(user: Any, reporting_round: ReportingRound) -> bool:
    return can_dispatch_in_region(user, reporting_round.ledger.region)


def require_run_round(actor: Any, reporting_round: ReportingRound) -> None:
    """Actor None is the system (demo, command line)."""
    if actor is None:
        return
    require(can_run_round(actor, reporting_round), "只有本辖区的调度员可以执行此操作。")


def can_report_for(user: Any, department: Department) -> bool:
    return bool(
        user.is_authenticated and user.role == Role.REPORTER and user.department_id == department.pk
    ) or bool(user.is_authenticated and user.is_admin)


def require_report_for(actor: Any, department: Department) -> None:
    if actor is None:
        return
    require(can_report_for(actor, department), "只能填报本单位的事项。")


def sees_own_department_only(user: Any) -> bool:
    """Reporters see only their own department's slots; everyone else in scope sees all of the round."""
    return bool(user.role == Role.REPORTER and not user.is_admin)


def can_see_department(user: Any, reporting_round: ReportingRound, department: Department) -> bool:
    """See `sees_own_department_only`."""
    if sees_own_department_only(user):
        return bool(user.department_id == department.pk)
    return True
