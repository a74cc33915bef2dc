"""Reads of user accounts: administrators see all; 调度员 see the accounts of their scope; others only themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from blueledger.core.permissions import scoped
from blueledger.users.choices import Role
from blueledger.users.models import User


def signed_in_users() -> QuerySet[User]:
    """Accounts as a signed-in page request reads its user: with the department and its region, which every
    page's header (the department's name) and every scope check (core.permissions.region_prefix) read, so that a
    page does not spend two queries on them."""
    return User.objects.select_related("department__region")


def user_list(*, user: Any) -> QuerySet[User]:
    accounts = User.objects.select_related("department__region")
    if user.is_admin:
        return accounts
    if user.role == Role.DISPATCHER:
        return scoped(accounts, user, "department__region")
    return accounts.filter(pk=user.pk)
