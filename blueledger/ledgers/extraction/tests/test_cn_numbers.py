"""Chinese and Arabic number grammar, and magnitude folding of units."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from blueledger.lib.cn_numbers import (
    parse_arabic_number,
    parse_chinese_numeral,
    parse_number,
    to_chinese_numeral,
)
from blueledger.lib.units import canonical_amount, fold_magnitude, is_count_unit


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numeral_round_trip(number: int) -> None:
    assert parse_chinese_numeral(to_chinese_numeral(number)) == number


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=9999))
def test_arabic_number_with_thousands_separators_and_decimals(whole: int, fraction: int) -> None:
    written = f"{whole:,}.{fraction:04d}"
    assert parse_arabic_number(written) == Decimal(f"{whole}.{fraction:04d}")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "千万", "百万", "万亿"]))
def test_magnitude_folds_into_the_value(value: int, magnitude: str) -> None:
    multiplier = {"万": 10**4, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万亿": 10**12}[magnitude]
    assert canonical_amount(Decimal(value), magnitude + "吨") == (Decimal(value * multiplier), "吨")


def test_everyday_chinese_numerals() -> None:
    assert [
        parse_chinese_numeral(text) for text in ["三", "两", "十二", "一千", "一百二十", "一千零五", "三万五"]
    ] == [
        3,
        2,
        12,
        1000,
        120,
        1005,
        35000,
    ]


def test_spoken_short_forms() -> None:
    assert parse_chinese_numeral("一千五") == 1500
    assert parse_chinese_numeral("两万五") == 25000


def test_digit_by_digit_numerals() -> None:
    assert parse_chinese_numeral("二〇二四") == 2024


def test_malformed_numerals_are_not_numbers() -> None:
    assert [parse_chinese_numeral(text) for text in ["十四五", "百二", "十十", "", "〇五"]] == [None] * 5


def test_parse_number_reads_both_scripts() -> None:
    assert parse_number("1,250.5") == Decimal("1250.5")
    assert parse_number("七") == Decimal(7)
    assert parse_number("七个") is None


def test_units_fold_to_base_units() -> None:
    assert fold_magnitude("亿单位") == (10**8, "单位")
    assert fold_magnitude("万平方米") == (10**4, "平方米")
    assert fold_magnitude("个百分点") == (1, "个百分点")
    assert fold_magnitude("千米") == (1, "千米")


def test_count_units_differ_from_amounts() -> None:
    assert (is_count_unit("万个"), is_count_unit("家"), is_count_unit("亿元"), is_count_unit("%")) == (
        True,
        True,
        False,
        False,
    )
