"""Where sentences, clauses, quoted names and page chrome lie in the normalised text.

Computed once per document with regexes; lookups are binary searches, so every later rule can ask
"which sentence is offset p in" without scanning the text again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# Far longer than any sentence of a work document (the seeds' longest is about 400 characters).
SENTENCE_REACH_CHARS = 600
# A sentence ends at a full stop, exclamation or question mark, or a line break.
_SENTENCE_END = re.compile(r"[。！？!?\n\t]")
# A clause ends at a comma, semicolon or colon as well.
_CLAUSE_END = re.compile(r"[。！？!?\n\t，,；;：:]")
# Quoted names and slogans (“四个十”, 《…方案》): numbers inside are part of a name, not quantities.
# Bounded lengths keep a stray unmatched quote from swallowing a paragraph.
_QUOTED = re.compile(r"“[^”\n]{1,40}”|《[^》\n]{1,80}》|「[^」\n]{1,40}」|\"[^\"\n]{1,40}\"|‘[^’\n]{1,40}’")
# Lines of web-page furniture and contact details, whose digits are never ledger quantities. The indent is
# possessive: backtracking into it would retry `.*ICP备` from every space of a blank line (quadratic).
_CHROME_LINE = re.compile(
    r"^[ \t]*+(?:\d+人觉得有用|扫一扫|打印本页|关闭窗口|字体大小|点击次数|浏览次数|分享到|"
    r"相关推荐|热门搜索|最近搜索|"
    r"标签[:：]|联系人|联系电话|联系方式|电话[:：]|邮箱[:：]|电子邮箱|传真[:：]|地址[:：]|邮编[:：]|版权所有|"
    r"网站标识码|.*ICP备)",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Segments:
    """Sentence and clause boundaries, quoted intervals and chrome lines of one text."""

    sentence_ends: tuple[int, ...]
    clause_ends: tuple[int, ...]
    quoted_starts: tuple[int, ...]
    quoted_ends: tuple[int, ...]
    chrome_starts: tuple[int, ...]
    chrome_ends: tuple[int, ...]
    length: int

    def sentence_of(self, position: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `position`; `end` is the terminator's offset.

        A run of text with no terminator is cut to SENTENCE_REACH_CHARS on each side of `position`, so that
        the rules that read a number's sentence stay linear on text that never ends a sentence.
        """
        start, end = _bounds(self.sentence_ends, position, self.length)
        return max(start, position - SENTENCE_REACH_CHARS), min(end, position + SENTENCE_REACH_CHARS)

    def clause_of(self, position: int) -> tuple[int, int]:
        """[start, end) of the clause holding `position`, cut as `sentence_of` cuts a sentence."""
        start, end = _bounds(self.clause_ends, position, self.length)
        return max(start, position - SENTENCE_REACH_CHARS), min(end, position + SENTENCE_REACH_CHARS)

    def is_quoted(self, start: int, end: int) -> bool:
        """True where [start, end) lies inside one quoted name or book title."""
        index = bisect_right(self.quoted_starts, start) - 1
        return index >= 0 and self.quoted_ends[index] >= end

    def is_chrome(self, position: int) -> bool:
        index = bisect_right(self.chrome_starts, position) - 1
        return index >= 0 and self.chrome_ends[index] > position


def _bounds(ends: tuple[int, ...], position: int, length: int) -> tuple[int, int]:
    index = bisect_left(ends, position)
    start = ends[index - 1] + 1 if index > 0 else 0
    end = ends[index] if index < len(ends) else length
    return start, end


def segment(text: str) -> Segments:
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    chrome: list[tuple[int, int]] = []
    for match in _CHROME_LINE.finditer(text):
        line_end = text.find("\n", match.start())
        chrome.append((match.start(), line_end if line_end >= 0 else len(text)))
    return Segments(
        sentence_ends=tuple(match.start() for match in _SENTENCE_END.finditer(text)),
        clause_ends=tuple(match.start() for match in _CLAUSE_END.finditer(text)),
        quoted_starts=tuple(start for start, _ in quoted),
        quoted_ends=tuple(end for _, end in quoted),
        chrome_starts=tuple(start for start, _ in chrome),
        chrome_ends=tuple(end for _, end in chrome),
        length=len(text),
    )
