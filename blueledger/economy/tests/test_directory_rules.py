"""Duplicate-search names, GB/T 4754 code form and 涉海 shares (engine, no database)."""

from decimal import Decimal

import pytest

from blueledger.economy.directory import gbt4754_code_problem, share_parse, unit_name_normalise


def test_name_variants_fold_to_one() -> None:
    assert unit_name_normalise("青岛 蓝海（集团）有限责任公司") == "青岛蓝海集团有限公司"
    assert unit_name_normalise("青岛蓝海(集团)有限公司") == "青岛蓝海集团有限公司"
    assert unit_name_normalise("潍坊ＡＢＣ船舶有限公司") == "潍坊ABC船舶有限公司"


@pytest.mark.parametrize("code", ["C3731", "D4630", "C136", "A04"])
def test_gbt4754_codes_of_each_level_pass(code: str) -> None:
    assert gbt4754_code_problem(code) is None


@pytest.mark.parametrize("code", ["3731", "Z3731", "C37311", "c3731", "C3"])
def test_gbt4754_malformed_codes_are_named(code: str) -> None:
    assert gbt4754_code_problem(code) == "应为门类字母加 2–4 位数字, 如 C3731"


def test_shares_as_percent_or_fraction() -> None:
    assert share_parse("35%") == Decimal("0.3500")
    assert share_parse("35") == Decimal("0.3500")
    assert share_parse("0.35") == Decimal("0.3500")
    assert share_parse("100％") == Decimal("1.0000")


@pytest.mark.parametrize("written", ["一半", "120%", "-5", "NaN"])
def test_bad_shares_are_refused(written: str) -> None:
    with pytest.raises(ValueError):
        share_parse(written)
