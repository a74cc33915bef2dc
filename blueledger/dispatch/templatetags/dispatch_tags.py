from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def posted(values: dict[str, str], key: str) -> str | None:
    """What the user typed into field `key` of a refused form, so that nothing typed is lost."""
    return values.get(key) if values else None


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if mapping else None
