"""The create/edit page every app has: a form whose valid POST calls one service; a refusal goes back onto
the form (services are atomic, so nothing was written); success says so and redirects. Views pass the form,
the service call and where to go, so the shape is written once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def error_text(error: ValidationError) -> str:
    """A refusal's messages as one line, as a page message, an API detail or a command's error shows it."""
    return " ".join(error.messages)


def changed_fields(data: Mapping[str, Any], initial: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The editable fields whose posted value differs from the one the form was opened with."""
    return {field: data[field] for field in fields if data[field] != initial[field]}


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    context: Mapping[str, Any],
    save: Callable[[dict[str, Any]], Any],
    success: Callable[[Any], tuple[str, str]],
) -> HttpResponse:
    """Renders `template` with the form, or on a valid POST calls `save(cleaned_data)`; `success(saved)` gives
    the message and the URL to redirect to."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message, url = success(saved)
            messages.success(request, message)
            return redirect(url)
    return render(request, template, {"form": form, **context})
