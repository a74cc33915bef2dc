"""One way to print a number: its value, its unit with the magnitude, fixed or plain decimals, and one rounding
rule (四舍五入, half-up, as Chinese statistical tables round). Pages, Excel, Word and the API all print through
here, so that a figure reads the same wherever it appears and a 万元 amount is never labelled 亿元.

Missing is not zero: every function takes None and prints `MISSING` (or the caller's word for it, such as
未报送), never 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from blueledger.lib.units import fold_magnitude

MISSING = "—"


def round_half_up(value: Decimal, places: int) -> Decimal:
    """`value` rounded to `places` decimals, halves away from zero: 0.125 → 0.13 at two places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain_decimal(value: Decimal | int | None, *, max_places: int | None = None, missing: str = MISSING) -> str:
    """The value as written by a person: no exponent, no trailing zeros (2.800000 → 2.8, 1E+3 → 1000);
    with `max_places`, a longer fraction is first rounded to that many decimals (1/3 → 0.3333 at four)."""
    if value is None:
        return missing
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    if max_places is not None and isinstance(exponent, int) and exponent < -max_places:
        number = round_half_up(number, max_places)
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_decimal(value: Decimal | int | None, places: int | None = None, *, missing: str = MISSING) -> str:
    """Fixed `places` decimals (kept for table alignment), or plain when `places` is None."""
    if value is None:
        return missing
    if places is None:
        return plain_decimal(value)
    return format(round_half_up(Decimal(value), places), "f")


def rounded_float(value: Decimal | int | None, places: int) -> float | None:
    """The value rounded half-up to `places` decimals as a float, for JSON and charts (0.84444 → 0.8444)."""
    if value is None:
        return None
    return float(round_half_up(Decimal(value), places))


def json_number(value: Decimal | int | None) -> int | float | None:
    """81 for Decimal('81'), 1114.4 for Decimal('1114.4'): JSON and Excel have no decimals, readers expect
    numbers, and a whole number stays an int (no 81.0)."""
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def convert_unit(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """The value moved between magnitudes of one base unit: 20219000 万元 → 2021.9 亿元.

    Raises ValueError when the base units differ (万元 cannot become 吨), so a wrong label cannot slip through.
    """
    from_multiplier, from_base = fold_magnitude(from_unit)
    to_multiplier, to_base = fold_magnitude(to_unit)
    if from_base != to_base:
        raise ValueError(f"单位不可换算: {from_unit} → {to_unit}")
    return value * from_multiplier / to_multiplier


def format_quantity(
    value: Decimal | int | None,
    unit: str,
    *,
    places: int | None = None,
    as_unit: str | None = None,
    show_unit: bool = True,
    missing: str = MISSING,
) -> str:
    """A value with its unit: 2.8亿元; with `as_unit` the value is first converted (万元 → 亿元). A table whose
    header names the unit (总投资(亿元)) passes `show_unit=False` and gets the converted number alone."""
    if value is None:
        return missing
    shown_unit = as_unit or unit
    shown = convert_unit(Decimal(value), unit, shown_unit) if as_unit else Decimal(value)
    return f"{format_decimal(shown, places)}{shown_unit if show_unit else ''}"


def format_percent(rate: Decimal | None, places: int = 1, *, missing: str = MISSING) -> str:
    """A rate held as a fraction (0.8444) printed as a percentage: 84.4%."""
    if rate is None:
        return missing
    return f"{percent_points(rate, places)}%"


def percent_points(rate: Decimal | int, places: int = 1) -> str:
    """A fraction as percentage points without the sign: 0.12345 → 12.35 at two places (个百分点, scores)."""
    return format_decimal(Decimal(rate) * 100, places)

