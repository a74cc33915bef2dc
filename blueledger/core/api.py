"""Base classes of the /api/ layer: views parse and call services; permissions come from core.permissions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.views import exception_handler as drf_exception_handler

from blueledger.core.permissions import can_edit_reference_data


class ReferenceDataPermission(permissions.BasePermission):
    """Everyone signed in reads (within their scope, by queryset); administrators write."""

    message = "您的角色无权修改参考数据。"

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or can_edit_reference_data(request.user)


class Pagination(LimitOffsetPagination):
    """limit/offset of every list endpoint. A limit above MAX_LIMIT is cut to it and an offset past the end
    gives an empty page, so no number in the query string reaches the database as an out-of-range integer;
    a negative or non-numeric limit or offset falls back to the default (DRF's rule)."""

    MAX_LIMIT = 1000
    max_limit = MAX_LIMIT


def exception_handler(error: Exception, context: dict[str, Any]) -> Any:
    """Services raise Django's exceptions; the API answers them as 400/403 with the Chinese message."""
    if isinstance(error, DjangoValidationError):
        error = exceptions.ValidationError({"detail": error.messages})
    elif isinstance(error, DjangoPermissionDenied):
        error = exceptions.PermissionDenied(str(error) or None)
    return drf_exception_handler(error, context)
