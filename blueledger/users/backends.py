"""The authentication backend: Django's model backend behind the login throttle (users/throttle.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from blueledger.users import throttle
from blueledger.users.models import User
from blueledger.users.selectors import accounts_with_department


class ThrottledModelBackend(ModelBackend):
    """Refuses every sign-in of a locked user name or address (PermissionDenied stops authenticate()), and
    counts each failed one. Each request's user is read with its department and region (one query)."""

    def get_user(self, user_id: Any) -> Any:
        try:
            user = accounts_with_department().get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> Any:
        name = username if username is not None else kwargs.get("username", "")
        if name is None or password is None:
            return None
        if throttle.is_locked(name, request):
            raise PermissionDenied(throttle.locked_message())
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(name, request)
        else:
            throttle.record_success(name, request)
        return user
