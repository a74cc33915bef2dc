"""统一社会信用代码 (USCC) by GB 32100-2015: 18 characters = 登记管理部门码 (1) + 机构类别码 (1) +
登记管理机关行政区划码 (6, GB/T 2260) + 主体标识码 (9) + 校验码 (1).

The character set is 0-9 and A-Z without I, O, Z, S, V (31 characters, values 0–30); the check character
is 31 − (Σ value × weight mod 31) over the first 17 characters, with 31 written as 0.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {character: value for value, character in enumerate(CHARSET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def uscc_normalise(written: str) -> str:
    """Upper case without spaces; full-width letters and digits folded to half-width."""
    folded = "".join(
        chr(ord(character) - 0xFEE0) if "\uff01" <= character <= "\uff5e" else character for character in written
    )
    return "".join(folded.split()).upper()


def uscc_check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must use the USCC character set)."""
    if len(first17) != LENGTH - 1 or any(character not in VALUES for character in first17):
        raise ValueError(f"需要 17 位代码字符: {first17!r}")
    total = sum(VALUES[character] * weight for character, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why `code` (already normalised) is not a valid USCC, in Chinese; None when it is valid."""
    if len(code) != LENGTH:
        return f"应为 18 位, 实为 {len(code)} 位"
    wrong = [character for character in code if character not in VALUES]
    if wrong:
        return f"含有不允许的字符“{''.join(dict.fromkeys(wrong))}” (不使用 I、O、Z、S、V)"
    if not code[2:8].isdigit():
        return "第 3–8 位应为登记管理机关行政区划码 (6 位数字)"
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return f"校验码错误: 第 18 位应为“{expected}”, 实为“{code[17]}”"
    return None


def uscc_is_valid(code: str) -> bool:
    return uscc_problem(code) is None
