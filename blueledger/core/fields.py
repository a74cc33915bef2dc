"""Model fields as services meet them: text cut to the column it is stored in, reading the length from the field
itself so that a migration that widens a column widens the cut too; and the fields a service may set."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models


def fit_to_field(model: type[models.Model], field_name: str, value: str) -> str:
    """`value` cut to `model.field_name`'s max_length: a 400-character title fits a CharField(max_length=300)."""
    max_length = model._meta.get_field(field_name).max_length
    return value if max_length is None else value[:max_length]


def require_known_fields(given: Iterable[str], allowed: Iterable[str], *, refusal: str) -> None:
    """Refuses a service call that names fields it may not set: “{refusal}: a, b”."""
    unknown = set(given) - set(allowed)
    if unknown:
        raise ValidationError(f"{refusal}: {', '.join(sorted(unknown))}")
