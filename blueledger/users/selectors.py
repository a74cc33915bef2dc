"""Reads of user accounts: administrators see all; 调度员 see the accounts of their scope; others only themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from blueledger.core.permissions import scoped
from blueledger.users.choices import Role
from blueledger.users.models import User


def accounts_with_department() -> QuerySet[User]:
    """Accounts with their department and its region, as a signed-in request reads its user (every page's header
    names the department, every scope check reads core.permissions.region_prefix) and the users page lists them:
    one query, not two more an account."""
    return User.objects.select_related("department__region")


def user_list(*, user: Any) -> QuerySet[User]:
    accounts = accounts_with_department()
    if user.is_admin:
        return accounts
    if user.role == Role.DISPATCHER:
        return scoped(accounts, user, "department__region")
    return accounts.filter(pk=user.pk)
