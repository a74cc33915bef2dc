"""Django-free rules of the unit directory: the folded name that finds duplicates, the form of a GB/T
4754-2017 code, and the 涉海 share as written in a sheet."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Punctuation and spacing that varies between two copies of one name (全角/半角 brackets, dots, dashes).
_IGNORED = re.compile(r"[\s()（）\[\]【】〔〕<>《》·.,，、\-—_'\"“”‘’]")
# Legal-form variants that name the same company.
_LEGAL_FORMS = (("有限责任公司", "有限公司"), ("股份有限公司", "股份公司"))
GBT4754_PATTERN = re.compile(r"^[A-T]\d{2}(?:\d{1,2})?$")


def unit_name_normalise(name: str) -> str:
    """The name as the duplicate search compares it: NFKC-folded, without spaces and punctuation, with the
    legal form written one way (青岛 某某 有限责任公司 = 青岛某某有限公司)."""
    folded = _IGNORED.sub("", unicodedata.normalize("NFKC", name))
    for long_form, short_form in _LEGAL_FORMS:
        folded = folded.replace(long_form, short_form)
    return folded.upper()


def gbt4754_code_problem(code: str) -> str | None:
    """Why `code` is not a GB/T 4754-2017 class code (门类 letter A–T + 大类 2 digits, 中类 3, 小类 4)."""
    if not GBT4754_PATTERN.match(code):
        return "应为门类字母加 2–4 位数字, 如 C3731"
    return None


def share_parse(written: str) -> Decimal:
    """A 涉海 share written as 35%, 35 (percent) or 0.35 (fraction), as a fraction 0–1. Raises ValueError
    for anything else, or for a share outside 0–100%."""
    text = written.strip().replace("％", "%")
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(written) from None
    if not number.is_finite():
        raise ValueError(written)
    share = number / 100 if percent or number > 1 else number
    if share < 0 or share > 1:
        raise ValueError(written)
    return share.quantize(Decimal("0.0001"))
