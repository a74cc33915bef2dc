"""Due dates written in plan sentences, resolved to ISO dates with the year the text speaks of.

年内, 年底前, 今年, 全年完成 → 12-31 of that year; 8月份前 → 08-31; 2023年年底前 → 2023-12-31;
到2027年 → 2027-12-31; 上半年完成 → 06-30. A period that names what is measured
(全年海洋生产总值增长, 年度计划投资, 每年) is not a due date:
全年 and 上半年 count only when a verb follows them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

# Verbs after 全年/上半年 that make the period a due date (全年完成, 全年新引进), not a measured period.
_DUE_VERB = r"(?=完成|实现|新|累计|计划|力争|争取|确保|开工|建成|引进|招引|签约|培育|创建|举办|开展|组织)"
_QUARTER_END = {"一": (3, 31), "二": (6, 30), "三": (9, 30), "四": (12, 31),
                "1": (3, 31), "2": (6, 30), "3": (9, 30), "4": (12, 31)}

_DEADLINE = re.compile(
    # The leading class lets the engine skip offsets where no alternative can begin (10x faster).
    r"(?=[0-9到至截年今本全上下第一二三四])(?:"
    r"(?P<ymd>(?P<ymd_y>\d{4})年(?P<ymd_m>\d{1,2})月(?P<ymd_d>\d{1,2})日(?:前|之前|以前))"
    r"|(?P<ym>(?P<ym_y>\d{4})年(?P<ym_m>\d{1,2})月(?:份)?(?:底|末)?(?:前|之前|以前))"
    r"|(?P<yend>(?P<yend_y>\d{4})年(?:年底|底|年末|末)(?:前|之前|以前)?)"
    r"|(?P<by>(?:到|至|截至|截止到|截止)(?P<by_y>\d{4})年(?:底|末)?)"
    r"|(?P<md>(?P<md_m>\d{1,2})月(?P<md_d>\d{1,2})日(?:前|之前|以前))"
    r"|(?P<m>(?P<m_m>\d{1,2})月(?:份)?(?:底|末)?(?:前|之前|以前))"
    r"|(?P<year_end>年内|年底前|年末前|今年底|今年内|本年度内|本年内|年底|年末|今年(?!以来|[一二三四]季度|上半年|前))"
    r"|(?P<full_year>全年)" + _DUE_VERB + r""
    r"|(?P<first_half>上半年)" + _DUE_VERB + r""
    r"|(?P<second_half>下半年)" + _DUE_VERB + r""
    r"|(?P<quarter>(?:第)?(?P<q>[一二三四1-4])季度(?:末|底)?(?:前|内|之前))"
    r"|(?P<bare>(?P<bare_y>\d{4})年(?![度以来份]|同期|相比|水平|基础)))"
)
# Checked on the character before a match rather than in the pattern: a leading lookbehind would make
# the regex engine try every offset of the text instead of only those where a match can begin.
_NOT_BEFORE: dict[str, str] = {
    "md": "0123456789年",
    "m": "0123456789年",
    "bare": "0123456789到至较比同与自从于止",
}


@dataclass(frozen=True, slots=True)
class DeadlineMention:
    """A due-date phrase at [start, end); `explicit_year` is None where the text's own year applies."""

    start: int
    end: int
    kind: str
    explicit_year: int | None
    month: int | None
    day: int | None
    # 截至2023年 gives the date a fact was observed, so it is no due date; kept to be skipped, not misread.
    observed: bool = False

    def resolve(self, context_year: int | None) -> datetime.date | None:
        """The due date, taking the year of the surrounding text where none is written."""
        year = self.explicit_year if self.explicit_year is not None else context_year
        if year is None or self.observed:
            return None
        if self.kind == "bare" and context_year is not None and year < context_year:
            return None  # a past year in a plan sentence is a baseline, not a due date
        month = self.month or 12
        day = self.day or calendar.monthrange(year, month)[1]
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None


def find_deadlines(text: str) -> list[DeadlineMention]:
    """Every due-date phrase of `text`, in order."""
    found: list[DeadlineMention] = []
    for match in _DEADLINE.finditer(text):
        kind = match.lastgroup or ""
        start, end = match.span()
        if start > 0 and kind in _NOT_BEFORE and text[start - 1] in _NOT_BEFORE[kind]:
            continue
        groups = match.groupdict()
        if kind == "ymd":
            found.append(DeadlineMention(start, end, kind, int(groups["ymd_y"]), int(groups["ymd_m"]),
                                         int(groups["ymd_d"])))
        elif kind == "ym":
            found.append(DeadlineMention(start, end, kind, int(groups["ym_y"]), int(groups["ym_m"]), None))
        elif kind == "yend":
            found.append(DeadlineMention(start, end, kind, int(groups["yend_y"]), 12, 31))
        elif kind == "by":
            observed = match.group().startswith("截")
            found.append(DeadlineMention(start, end, kind, int(groups["by_y"]), 12, 31, observed))
        elif kind == "md":
            found.append(DeadlineMention(start, end, kind, None, int(groups["md_m"]), int(groups["md_d"])))
        elif kind == "m":
            found.append(DeadlineMention(start, end, kind, None, int(groups["m_m"]), None))
        elif kind in ("year_end", "full_year", "second_half"):
            found.append(DeadlineMention(start, end, kind, None, 12, 31))
        elif kind == "first_half":
            found.append(DeadlineMention(start, end, kind, None, 6, 30))
        elif kind == "quarter":
            month, day = _QUARTER_END[groups["q"]]
            found.append(DeadlineMention(start, end, kind, None, month, day))
        elif kind == "bare":
            found.append(DeadlineMention(start, end, kind, int(groups["bare_y"]), 12, 31))
    return [mention for mention in found if _valid_month(mention)]


def _valid_month(mention: DeadlineMention) -> bool:
    return mention.month is None or 1 <= mention.month <= 12
