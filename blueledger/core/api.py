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


# The error answers every operation can give, which drf-spectacular leaves out: 401/403 everywhere, 404 on all but
# the paged lists (an object, or the figures asked for, may not be there), 400 where the request carries
# parameters or a body. Errors are DRF's shapes:
# {"detail": "…"} for 401/403/404, and field → messages (or "detail" → messages) for 400.
_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELD_ERRORS = {"type": "object", "additionalProperties": {}}
_ERRORS = {
    "400": ("请求有误: 各字段的错误信息。", _FIELD_ERRORS),
    "401": ("未登录或令牌无效、已过期。", _DETAIL),
    "403": ("无权进行此操作。", _DETAIL),
    "404": ("对象不存在或不在您的权限范围内。", _DETAIL),
    "415": ("请求体的媒体类型不受支持, 或其格式声明 (如 multipart 的分隔符) 无法解析。", _DETAIL),
}


def _is_list(operation: dict[str, Any]) -> bool:
    schema = operation["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
    return str(schema.get("$ref", "")).startswith("#/components/schemas/Paginated")


def document_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: add the error responses to every operation of the schema."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            codes = ["401", "403"]
            if not _is_list(operation):
                codes.append("404")
            if parameters or "requestBody" in operation:
                codes.append("400")
            if "requestBody" in operation:  # DRF answers a body it cannot parse by its content type with 415
                codes.append("415")
            for code in codes:
                description, schema = _ERRORS[code]
                operation["responses"].setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
    return result

