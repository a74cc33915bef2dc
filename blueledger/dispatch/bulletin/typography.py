"""`official_punctuation`: Chinese prose punctuation in the full-width forms of GB/T 15834-2011.

The platform's screens write Chinese with half-width commas and brackets (", " "(…)"); an official
document may not: a bulletin says "已完成5项，滞后1项（含约束性目标）；". The renderer passes every
text it lays out through this function, so callers can keep one wording for screen and paper.

What changes: , ; : ? ! ( ) become ， ； ： ？ ！ （ ）, and the spaces around them go. What stays:
a comma or colon between two digits (1,000  10:30), a full stop (2.5 is a number), and text without
any Chinese character (a Latin name or a bare number is not Chinese prose).
"""

from __future__ import annotations

import re

_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A half-width mark with the spaces that surround it; a comma or colon between digits is a number.
_MARK = re.compile(r" *(?:(?<!\d)[,:]|[,:](?!\d)|[;?!()]) *")


def official_punctuation(text: str) -> str:
    """`text` with its Chinese prose punctuation in full-width forms (unchanged if it holds no Chinese)."""
    if not _HAN.search(text):
        return text
    return _MARK.sub(lambda match: _FULL_WIDTH[match.group().strip()], text)


__all__ = ["official_punctuation"]
