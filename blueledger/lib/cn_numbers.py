"""Read numbers written in Chinese work documents: Arabic (1,234.5) and Chinese numerals (一百二十).

Chinese numerals are read in the everyday grammar of official writing: digits 零〇一二两三四五六七八九,
units 十百千 inside a section and the section markers 万 and 亿 (一千二百万 = 12,000,000). Digit-by-digit
strings such as 二〇二三 (a year) are read as written digit by digit. Anything else (十十, 百二) is not a
number and gives None, so a caller can treat the characters as ordinary text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CHINESE_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CHINESE_SECTION_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARACTERS = "".join([*CHINESE_DIGITS, *CHINESE_SMALL_UNITS, *CHINESE_SECTION_UNITS])

ARABIC_NUMBER_PATTERN = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_NUMBER = re.compile(rf"(?:{ARABIC_NUMBER_PATTERN})\Z")

_DIGIT_WORDS = ("〇", "一", "二", "三", "四", "五", "六", "七", "八", "九")


def parse_chinese_numeral(text: str) -> int | None:
    """The integer a Chinese numeral stands for, or None if `text` is not a well-formed numeral."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARACTERS for ch in text):
        return None
    if text in ("零", "〇"):
        return 0
    if len(text) > 1 and all(ch in CHINESE_DIGITS for ch in text):
        # 二〇二三: digits read one by one; a leading zero would be ambiguous.
        if text[0] in "零〇":
            return None
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    return _parse_sections(text)


def _parse_sections(text: str) -> int | None:
    total = 0
    rest = text
    # Split on 亿 then 万, largest first; each section below them is a number below 10,000.
    for marker, multiplier in (("亿", 100_000_000), ("万", 10_000)):
        if marker not in rest:
            continue
        head, _, rest = rest.partition(marker)
        section = _parse_sections(head) if marker == "亿" else _parse_small(head)
        if not section:
            return None
        total += section * multiplier
        if len(rest) == 1 and rest in CHINESE_DIGITS and CHINESE_DIGITS[rest]:
            # 三万五 is the spoken short form of 三万五千.
            return total + CHINESE_DIGITS[rest] * multiplier // 10
        if rest[:1] in ("零", "〇"):
            rest = rest[1:]
            if not rest:
                return None
    if rest:
        small = _parse_small(rest)
        if small is None:
            return None
        total += small
    return total


def _parse_small(text: str) -> int | None:
    """A number below 10,000 written with 十百千 (一千零五, 十二, 两百, 一千五)."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    zero_seen = False
    for ch in text:
        if ch in CHINESE_DIGITS:
            value = CHINESE_DIGITS[ch]
            if digit is not None:
                return None
            if value == 0:
                if zero_seen or last_unit == 10_000:
                    return None
                zero_seen = True
                continue
            digit = value
        elif ch in CHINESE_SMALL_UNITS:
            unit = CHINESE_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if unit != 10:
                    return None
                digit = 1  # 十二 = 12, 一百零十 is not written but 一千零十 = 1010 is
            total += digit * unit
            digit = None
            last_unit = unit
            zero_seen = False
        else:
            return None
    if digit is None:
        return None if zero_seen else total
    if last_unit > 10 and last_unit != 10_000 and not zero_seen:
        # 一千五 is the spoken short form of 一千五百.
        return total + digit * last_unit // 10
    return total + digit


def to_chinese_numeral(number: int) -> str:
    """Write a non-negative integer below 10^12 as a Chinese numeral (used by tests and review pages)."""
    if number < 0 or number >= 10**12:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    parts: list[str] = []
    yi, rest = divmod(number, 100_000_000)
    wan, ones = divmod(rest, 10_000)
    need_zero = False
    for value, marker in ((yi, "亿"), (wan, "万"), (ones, "")):
        if value == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or value < 1000):
            parts.append("零")
        parts.append(_write_small(value, leading=not parts) + marker)
        need_zero = False
    return "".join(parts)


def _write_small(number: int, *, leading: bool) -> str:
    out: list[str] = []
    zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, unit_value)
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if unit == "十" and digit == 1 and leading and not out:
            out.append("十")
        else:
            out.append(_DIGIT_WORDS[digit] + unit)
    return "".join(out)


def parse_arabic_number(text: str) -> Decimal | None:
    """1,234.5 → Decimal('1234.5'); None where `text` is not an Arabic number."""
    if not _ARABIC_NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None


def parse_number(text: str) -> Decimal | None:
    """An Arabic or Chinese number as a Decimal, or None."""
    arabic = parse_arabic_number(text)
    if arabic is not None:
        return arabic
    chinese = parse_chinese_numeral(text)
    return Decimal(chinese) if chinese is not None else None
