"""Text from documents and uploads cut to the column it is stored in, reading the length from the field itself
so that a migration that widens a column widens the cut too."""

from __future__ import annotations

from django.db import models


def fit_to_field(model: type[models.Model], field_name: str, value: str) -> str:
    """`value` cut to `model.field_name`'s max_length: a 400-character title fits a CharField(max_length=300)."""
    max_length = model._meta.get_field(field_name).max_length
    return value if max_length is None else value[:max_length]
