"""API authentication: tokens that expire (kept apart from core.api, which DRF's own modules import)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from blueledger.users.services import api_token_expired


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …` for BLUELEDGER_API_TOKEN_HOURS after the token was issued; then refused, and
    /api/token/ issues a new one. Logout and a password change delete the user's tokens."""

    def authenticate_credentials(self, key: str) -> Any:
        user, token = super().authenticate_credentials(key)
        if api_token_expired(token):
            raise exceptions.AuthenticationFailed("令牌已过期, 请重新获取 (/api/token/)。")
        return user, token
