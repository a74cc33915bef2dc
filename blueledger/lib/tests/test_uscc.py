"""GB 32100-2015 check character of the 统一社会信用代码."""

import pytest

from blueledger.lib.uscc import uscc_check_character, uscc_is_valid, uscc_normalise, uscc_problem


def test_check_character_follows_the_weights_by_hand() -> None:
    # 9·1+1·3+3·9+7·27+0·19+7·26+0·16+0·17+1·20+6·29+3·25+5·13+6·8+2·24+6·10+8·30+1·28 = 1168;
    # 1168 mod 31 = 21; 31 − 21 = 10 → the 11th character of 0-9A-Y without I O S V Z, "A".
    assert uscc_check_character("91370700163562681") == "A"
    assert uscc_is_valid("91370700163562681A")


def test_letters_take_their_values_without_the_excluded_ones() -> None:
    # M = 21, A = 10, C = 12, E = 14, R = 24 (I, O skipped before them); sum 2389, mod 31 = 2 → 29 → "X".
    assert uscc_check_character("91370200MA3C4E5R0") == "X"
    assert uscc_problem("91370200MA3C4E5R0X") is None


def test_remainder_zero_writes_zero() -> None:
    # Find, by the rule, a 17-character head whose weighted sum is a multiple of 31.
    head = next(f"9137020000000{n:04d}" for n in range(10000) if uscc_check_character(f"9137020000000{n:04d}") == "0")
    assert uscc_is_valid(head + "0")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91370700163562681B", "校验码错误: 第 18 位应为“A”, 实为“B”"),
        ("91370700163562681", "应为 18 位, 实为 17 位"),
        ("91370700I63562681A", "含有不允许的字符“I” (不使用 I、O、Z、S、V)"),
        ("91AB0700163562681A", "第 3–8 位应为登记管理机关行政区划码 (6 位数字)"),
    ],
)
def test_problems_are_named(code: str, problem: str) -> None:
    assert uscc_problem(code) == problem


def test_normalise_folds_width_case_and_spaces() -> None:
    assert uscc_normalise(" ９１３７０７００ 163562681a ") == "91370700163562681A"
