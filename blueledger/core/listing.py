"""List pages: one page of a filtered queryset, and the query string that keeps the filters from page to page
(the `_pagination.html` include prints the links, `_choice_select.html` the filters)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset: Any, *, per_page: int = PAGE_SIZE) -> tuple[Page[Any], str]:
    """The requested page (?page=, the last one when it is past the end) and the request's other parameters."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
