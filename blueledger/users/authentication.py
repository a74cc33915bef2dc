"""API authentication: tokens that expire (kept apart from core.api, which DRF's own modules import)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from blueledger.users.services import api_token_expired


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …` for BLUELEDGER_API_TOKEN_HOURS after the token was issued; then refused, and
    /api/token/ issues a new one. Logout and a password change delete the user's tokens."""

    def authenticate_credentials(self, key: str) -> Any:
        # DRF's own lookup and messages (translated by its catalogue), with the user's department and region
        # read in the same query as the token: every scope check reads them.
        try:
            token = Token.objects.select_related("user__department__region").get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if api_token_expired(token):
            raise exceptions.AuthenticationFailed("令牌已过期, 请重新获取 (/api/token/)。")
        return token.user, token
