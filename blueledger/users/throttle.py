"""Login throttling: after LOGIN_FAILURE_LIMIT failed sign-ins of one user name within LOGIN_LOCKOUT_MINUTES,
every sign-in of it is refused, the right password included, until the window ends. Counted by user name,
not by address: behind the TLS proxy every request comes from the proxy's address, and a bureau's staff share
one NAT address, so an address lock would lock everyone out.

A tiny cache-based counter rather than django-axes, whose releases (8.3.1) declare Django up to 6.0 only.
The counts live in the `login_throttle` cache (files under BLUELEDGER_DATA_DIR, so gunicorn's workers share
them). The backend applies it to every sign-in: the login page, /admin/login/ and /api/token/.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import caches

LOCKED_MESSAGE = "登录失败次数过多, 该账号已暂时锁定, 请{minutes}分钟后再试。"


def _keys(username: str, request: Any) -> list[str]:
    return ["login-failures:" + hashlib.sha256(username.strip().lower().encode()).hexdigest()]


def is_locked(username: str, request: Any) -> bool:
    counts = caches["login_throttle"].get_many(_keys(username, request))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def record_failure(username: str, request: Any) -> None:
    cache = caches["login_throttle"]
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    for key in _keys(username, request):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)


def record_success(username: str, request: Any) -> None:
    caches["login_throttle"].delete(_keys(username, request)[0])


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_MINUTES)
