"""Templates print numbers through `blueledger.lib.numbers` too: `{% load numbers %}`.

    {{ value|plain }}                 2.800000 → 2.8 (never 1E+3, never .normalize)
    {{ value|fixed:2 }}               fixed decimals, half-up
    {{ rate|percent:1 }}              0.8444 → 84.4%, — when missing
    {{ score|points:0 }}              0.8512 → 85 (percentage points, no sign)
    {% ratio part whole places=0 %}   part / whole as a percentage, — when whole is 0 or missing
    {% quantity value "万元" as_unit="亿元" places=2 show_unit=False %}   20219000 → 2021.90
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from blueledger.lib.numbers import format_decimal, format_percent, format_quantity, percent_points, plain_decimal

register = template.Library()


def _number(value: Any) -> Decimal | int | None:
    """None for what a template passes when a value is missing ("" for an unknown attribute)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, (Decimal, int)) else Decimal(str(value))


@register.filter
def plain(value: Any) -> str:
    return plain_decimal(_number(value))


@register.filter
def fixed(value: Any, places: int) -> str:
    return format_decimal(_number(value), int(places))


@register.filter
def percent(rate: Any, places: int = 1) -> str:
    number = _number(rate)
    return format_percent(None if number is None else Decimal(number), int(places))


@register.simple_tag
def ratio(part: Any, whole: Any, places: int = 0) -> str:
    numerator, denominator = _number(part), _number(whole)
    if numerator is None or not denominator:
        return format_percent(None)
    return format_percent(Decimal(numerator) / Decimal(denominator), int(places))


@register.simple_tag
def quantity(
    value: Any, unit: str, as_unit: str | None = None, places: int | None = None, show_unit: bool = True
) -> str:
    return format_quantity(_number(value), unit, as_unit=as_unit, places=places, show_unit=show_unit)


@register.filter
def points(rate: Any, places: int = 0) -> str:
    """A fraction as percentage points without the sign (a ranking score 0.8512 → 85)."""
    number = _number(rate)
    return format_percent(None) if number is None else percent_points(number, int(places))
