"""Base classes of the /api/ layer: views parse and call services; permissions come from core.permissions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions
from rest_framework.views import exception_handler as drf_exception_handler

from blueledger.core.permissions import can_edit_reference_data


class ReferenceDataPermission(permissions.BasePermission):
    """Everyone signed in reads (within their scope, by queryset); administrators write."""

    message = "您的角色无权修改参考数据。"

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or can_edit_reference_data(request.user)


def exception_handler(error: Exception, context: dict[str, Any]) -> Any:
    """Services raise Django's exceptions; the API answers them as 400/403 with the Chinese message."""
    if isinstance(error, DjangoValidationError):
        error = exceptions.ValidationError({"detail": error.messages})
    elif isinstance(error, DjangoPermissionDenied):
        error = exceptions.PermissionDenied(str(error) or None)
    return drf_exception_handler(error, context)
