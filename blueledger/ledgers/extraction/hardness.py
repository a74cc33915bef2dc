"""How binding a target is: 确保 (确保, 必须, 坚决, 务必), 力争, 争取 — or none.

A hardness word governs the numbers after it in its sentence. It reaches past a comma only when its
own clause already states a quantity (力争全年新引进…50个，新开工项目15个 — both are 力争), and never past a
semicolon (确保并网50万千瓦；推动产值增长10% — the second is not 确保); a clause such
as 积极争取省级专项资金 ends the word's reach, since what is sought there is the funding, not the count
that follows. 力争 whose own clause states no number governs the numbers of the clauses after it (力争比
2015年翻一番，达到1000亿元). A clause that holds nothing but the word and a due date (力争到2025年底，…达到8家) hands it
on to the next clause. The nearest word before a number wins (…15个,争取新增3处…,力争…600亿单位).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from blueledger.ledgers.extraction.model import Hardness
from blueledger.ledgers.extraction.segments import Segments

_HARDNESS_WORD = re.compile(r"确保|必须|坚决|务必|力争|争取")
_SEMICOLON = re.compile(r"[；;]")
# The rest of a clause after the hardness word when it is only a due date: 到2025年底, 年内, 2026年前.
_DUE_DATE_ONLY = re.compile(
    r"[ \t]*(?:到|至|在|于)?(?:\d{4}年|今年|明年|本年度|年内|年底|年末)(?:\d{1,2}月份?)?(?:年?底|年?末)?"
    r"(?:前|之前|以前)?[ \t]*"
)
_HARDNESS_OF: dict[str, Hardness] = {
    "确保": "确保", "必须": "确保", "坚决": "确保", "务必": "确保", "力争": "力争", "争取": "争取",
}


@dataclass(frozen=True, slots=True)
class HardnessWords:
    """Offsets and grades of every hardness word of a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    grades: tuple[Hardness, ...]


def find_hardness_words(text: str) -> HardnessWords:
    matches = list(_HARDNESS_WORD.finditer(text))
    return HardnessWords(
        starts=tuple(match.start() for match in matches),
        ends=tuple(match.end() for match in matches),
        grades=tuple(_HARDNESS_OF[match.group()] for match in matches),
    )


def hardness_at(
    text: str, position: int, words: HardnessWords, quantity_starts: tuple[int, ...], segments: Segments
) -> Hardness | None:
    """The hardness governing a quantity that starts at `position`."""
    index = bisect_left(words.starts, position) - 1
    if index < 0:
        return None
    sentence_start, _ = segments.sentence_of(position)
    word_start = words.starts[index]
    if word_start < sentence_start:
        return None
    # A semicolon separates parallel measures, each with its own verb and its own degree of commitment.
    if _SEMICOLON.search(text, words.ends[index], position):
        return None
    _, clause_end = segments.clause_of(word_start)
    if _DUE_DATE_ONLY.fullmatch(text, words.ends[index], clause_end):
        _, clause_end = segments.clause_of(clause_end + 1)
    if position < clause_end:
        return words.grades[index]
    # Past its own clause only if that clause states a quantity after the word, or if it is 力争 and its
    # clause states none: 力争比2015年翻一番，达到1000亿元 / 力争再通过十年努力，到2020年，实现产值1060亿元.
    first_after = bisect_right(quantity_starts, words.ends[index] - 1)
    if first_after < len(quantity_starts) and quantity_starts[first_after] < clause_end:
        return words.grades[index]
    if words.grades[index] == "力争" and quantity_starts[first_after] >= clause_end:
        return words.grades[index]
    return None
