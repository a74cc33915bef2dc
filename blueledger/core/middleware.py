"""Requests refused before any view reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render

NULL_CHARACTER_REFUSAL = "请求中含有空字符 (U+0000), 已拒绝。"


def _has_null(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class RefuseNullCharacters:
    """Answers 400 to a query string, form field or JSON body holding U+0000. PostgreSQL cannot store or compare
    text with it (SQLite can), so one in a filter or a lookup reached the database as a DataError: a 500 on
    PostgreSQL alone, found by schemathesis. No form or person types it. Uploaded files are not looked at."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        json_body = request.content_type == "application/json" and b"\\u0000" in request.body
        if _has_null(request.GET) or (request.method == "POST" and _has_null(request.POST)) or json_body:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NULL_CHARACTER_REFUSAL}, status=400)
            return render(request, "400.html", {"message": NULL_CHARACTER_REFUSAL}, status=400)
        return self.get_response(request)
