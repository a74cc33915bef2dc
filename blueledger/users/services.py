"""Writes of user accounts. Administrators create and change accounts; everyone changes their own password."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from blueledger.core.fields import require_known_fields
from blueledger.core.history import attribute_change
from blueledger.core.permissions import can_edit_reference_data, require
from blueledger.orgs.models import Department
from blueledger.users.choices import Role
from blueledger.users.models import User

USER_EDITABLE_FIELDS = ("display_name", "role", "department", "phone", "email", "is_active")


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    department: Department,
    display_name: str = "",
    email: str = "",
    phone: str = "",
    check_password_strength: bool = True,
) -> User:
    """A new account of one department and one role. `actor` None means the command line (system)."""
    if actor is not None:
        require(can_edit_reference_data(actor))
    if role not in Role.values:
        raise ValidationError(f"未知角色 {role!r}: 应为 {'、'.join(Role.values)}")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"用户名“{username}”已存在。")
    user = User(
        username=username,
        role=role,
        department=department,
        display_name=display_name,
        email=email,
        phone=phone,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if check_password_strength:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    attribute_change(user, actor=actor, reason="新建账号")
    user.save()
    return user


@transaction.atomic
def user_update(*, actor: Any, user: User, reason: str = "", **changes: Any) -> User:
    require(can_edit_reference_data(actor))
    require_known_fields(changes, USER_EDITABLE_FIELDS, refusal="用户不可修改的字段")
    if user.pk == actor.pk and changes.get("role", user.role) != Role.ADMIN:
        raise ValidationError("不能撤销自己的系统管理员角色。")
    for field, value in changes.items():
        setattr(user, field, value)
    user.is_staff = user.is_superuser = user.role == Role.ADMIN
    user.full_clean(exclude=["password"])
    attribute_change(user, actor=actor, reason=reason)
    user.save()
    return user


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str | None, reason: str = "") -> User:
    """The one place an existing account's password changes: the self-service page, the users page, the admin's
    two password forms and `blueledger changepassword` all call it (users/tests/test_password_paths.py keeps it
    so). The change is in the history (never the hash), with `reason` or 修改密码 / 停用密码登录, and the user's
    API tokens are deleted, so a token obtained with the old password signs in no more. `password` None disables
    password sign-in (the admin's "unset"); `actor` None means the command line (system)."""
    if actor is not None:
        require(actor.pk == user.pk or can_edit_reference_data(actor), "只能修改自己的密码。")
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    attribute_change(user, actor=actor, reason=reason or ("修改密码" if password is not None else "停用密码登录"))
    user.save()
    api_tokens_revoke(user=user)
    return user


def api_token_expired(token: Token) -> bool:
    return token.created < timezone.now() - datetime.timedelta(hours=settings.API_TOKEN_HOURS)


@transaction.atomic
def api_token_issue(*, user: User) -> Token:
    """The user's API token (one per user), a new one when the old one has expired. Tokens are credentials,
    not business data: no history."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and api_token_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


def api_tokens_revoke(*, user: Any) -> int:
    """Deletes the user's API tokens (on logout and on a password change); how many were deleted."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Token.objects.filter(user=user).delete()[0]
