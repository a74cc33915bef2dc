"""The one formatting path: units keep their magnitude, halves round up, missing never prints as zero."""

from decimal import Decimal

import pytest

from blueledger.lib.numbers import (
    convert_unit,
    format_decimal,
    format_percent,
    format_quantity,
    json_number,
    percent_points,
    plain_decimal,
    rounded_float,
)


def test_plain_decimal_drops_trailing_zeros_and_exponents() -> None:
    assert plain_decimal(Decimal("2.800000")) == "2.8"
    assert plain_decimal(Decimal("1E+3")) == "1000"
    assert plain_decimal(None) == "—"


def test_fixed_places_round_halves_up() -> None:
    assert format_decimal(Decimal("0.125"), 2) == "0.13"
    assert format_decimal(Decimal("2.5"), 0) == "3"
    assert format_decimal(Decimal("-2.5"), 0) == "-3"


def test_an_amount_in_wan_yuan_is_converted_before_it_is_labelled_yi_yuan() -> None:
    assert format_quantity(Decimal("20219000"), "万元", as_unit="亿元", places=2) == "2021.90亿元"
    assert format_quantity(Decimal("2.800000"), "亿元") == "2.8亿元"


def test_units_of_different_bases_do_not_convert() -> None:
    with pytest.raises(ValueError, match="万元 → 吨"):
        convert_unit(Decimal(1), "万元", "吨")
    assert convert_unit(Decimal("21.13"), "万吨", "吨") == Decimal("211300")


def test_missing_prints_the_callers_word_never_zero() -> None:
    assert format_percent(None, missing="未报送") == "未报送"
    assert format_quantity(None, "亿元") == "—"
    assert format_percent(Decimal("0.84444")) == "84.4%"


def test_a_long_fraction_is_cut_to_its_most_places_half_up() -> None:
    assert plain_decimal(Decimal(1) / Decimal(3), max_places=4) == "0.3333"
    assert plain_decimal(Decimal("0.123450"), max_places=4) == "0.1235"
    assert plain_decimal(Decimal("12.50"), max_places=4) == "12.5"


def test_numbers_for_json_keep_whole_numbers_whole() -> None:
    assert json_number(Decimal("81.000")) == 81 and isinstance(json_number(Decimal("81.000")), int)
    assert json_number(Decimal("1114.4")) == 1114.4
    assert json_number(None) is None
    assert rounded_float(Decimal("0.84445"), 4) == 0.8445
    assert rounded_float(None, 2) is None


def test_percentage_points_round_halves_up() -> None:
    assert percent_points(Decimal("0.123450"), 2) == "12.35"
    assert percent_points(Decimal("-0.0005"), 1) == "-0.1"
