"""Units of a reading are converted into the target's unit; incompatible units are refused by name."""

from decimal import Decimal

import pytest

from blueledger.dispatch.engine_tests.factories import assess, make_reading, make_spec
from blueledger.dispatch.progress import Status, UnitMismatch, convert_value


def test_reading_in_ten_thousand_tonnes_against_a_target_in_tonnes_is_converted() -> None:
    result = assess(make_spec("200000", unit="吨"), make_reading("21.13", unit="万吨"))

    assert result.actual == Decimal("211300")
    assert result.status is Status.COMPLETED


def test_reading_in_hundred_millions_against_ten_thousands_of_yuan() -> None:
    assert convert_value(Decimal("1.5"), "亿元", "万元") == Decimal("15000")


def test_exact_base_conversions_apply_both_ways() -> None:
    assert convert_value(Decimal("2"), "公顷", "亩") == Decimal("30")
    assert convert_value(Decimal("30"), "亩", "公顷") == Decimal("2")
    assert convert_value(Decimal("3"), "平方千米", "平方公里") == Decimal("3")


def test_incompatible_units_raise_unit_mismatch_naming_both() -> None:
    with pytest.raises(UnitMismatch) as raised:
        assess(make_spec("30", unit="个"), make_reading("2", unit="亿元"))

    assert raised.value.reading_unit == "亿元"
    assert raised.value.target_unit == "个"
    assert str(raised.value) == "单位不一致: 报送值的单位「亿元」无法换算为目标的单位「个」"


def test_percent_and_percentage_points_do_not_mix() -> None:
    with pytest.raises(UnitMismatch):
        convert_value(Decimal("1"), "%", "个百分点")
