"""Normalise decoded document text for rule-based reading, keeping a map back to the text as written.

What changes, and why:
- full-width digits, Latin letters and the number signs ％．－～＋ become half-width, so that one
  pattern reads ８１个 and 81个 alike; the ideographic space becomes a plain space;
- CRLF and lone CR become LF;
- a line broken in the middle of a prose sentence (as PDF and web copies do) is joined to the next
  line. "Safe" means: the line holds prose (a comma or full stop inside), does not end a sentence or a
  heading, and the next line is neither blank, nor indented by a TAB (a table cell), nor a heading.

Every change is one character for one character, or a deletion (the CR of CRLF, the LF of a joined
line). Brackets, commas and other punctuation are left as written, so headings keep （一） or (一).
`NormalisedText.original_slice` gives back the text exactly as written for any span of the
normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_WIDTH_TABLE: dict[int, str] = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    0xFF05: "%",
    0xFF0E: ".",
    0xFF0D: "-",
    0xFF5E: "~",
    0xFF0B: "+",
    0x3000: " ",
    0x0D: "\n",  # a lone CR; the CR of CRLF is deleted before this table applies
}

_NEEDS_WIDTH_FOLDING = re.compile("[" + "".join(re.escape(chr(code)) for code in _WIDTH_TABLE) + "]")
_CRLF = re.compile(r"\r\n")
# A heading or list marker at the start of a line: 一、 （一） (1) 1. 1、 ① 第一条.
_HEADING_START = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.、](?!\d)|[①-⑳]|第[一二三四五六七八九十百零〇\d]{1,5}条[ \u3000、:：])"
)
_SENTENCE_END = "。！？；：…”’」』）)】|"  # | closes a table row printed with bars
_PROSE_MARK = re.compile(r"[，。,；]")
# A line that opens with a short label and a colon (标杆城市：, 责任单位：, 备注：) starts a new field.
_LABEL_START = re.compile(r"[ \u3000]*[\u4e00-\u9fff]{2,6}[:：]")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Normalised `text` of `original`; `deleted_before` maps normalised offsets back to the original."""

    text: str
    original: str
    # deleted_before[k] is the normalised offset before which the k-th deleted character stood.
    deleted_before: tuple[int, ...]

    def original_index(self, index: int) -> int:
        """Offset in `original` of the character at `index` in `text`."""
        return index + bisect_right(self.deleted_before, index)

    def original_slice(self, start: int, end: int) -> str:
        """The text as written that `text[start:end]` was normalised from (joined lines stay joined)."""
        if end <= start:
            return ""
        first = self.original_index(start)
        last = self.original_index(end - 1)
        written = self.original[first : last + 1]
        # A span that crosses a joined line break is shown joined, as it reads.
        return written.replace("\r\n", "").replace("\n", "") if last - first != end - 1 - start else written


def normalise(original: str) -> NormalisedText:
    """Normalise `original` (see the module docstring); the result keeps `original`."""
    deleted: list[int] = []  # original offsets of deleted characters, ascending
    for match in _CRLF.finditer(original):
        deleted.append(match.start())
    text = original.replace("\r\n", "\n") if deleted else original
    if _NEEDS_WIDTH_FOLDING.search(text):
        text = text.translate(_WIDTH_TABLE)
    # Offsets in `text` of line breaks to drop, found on the CR-free text.
    joins = _joinable_line_breaks(text)
    if joins:
        deleted = _merge_deletions(deleted, joins)
        pieces: list[str] = []
        previous = 0
        for position in joins:
            pieces.append(text[previous:position])
            previous = position + 1
        pieces.append(text[previous:])
        text = "".join(pieces)
    deleted_before = tuple(position - rank for rank, position in enumerate(deleted))
    return NormalisedText(text=text, original=original, deleted_before=deleted_before)


def _joinable_line_breaks(text: str) -> list[int]:
    breaks: list[int] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            break
        line = text[start:end]
        next_end = text.find("\n", end + 1)
        next_line = text[end + 1 : next_end if next_end >= 0 else length]
        if _is_broken_prose(line, next_line):
            breaks.append(end)
        start = end + 1
    return breaks


def _is_broken_prose(line: str, next_line: str) -> bool:
    stripped = line.rstrip(" ")
    if len(stripped) < 20 or stripped[-1] in _SENTENCE_END or "\t" in line:
        return False
    if (
        not next_line.strip()
        or next_line.startswith("\t")
        or _HEADING_START.match(next_line)
        or _LABEL_START.match(next_line)
    ):
        return False
    if _HEADING_START.match(line) or not _PROSE_MARK.search(stripped):
        return False
    # The next line must continue the sentence: it begins with a hanzi or a digit, not a label line.
    first = next_line.lstrip(" ")[:1]
    return bool(first) and ("\u4e00" <= first <= "\u9fff" or first.isdigit())


def _merge_deletions(crlf_offsets: list[int], joins_in_text: list[int]) -> list[int]:
    """Original offsets of all deletions, given CR offsets (original) and joins (offsets in CR-free text)."""
    if not crlf_offsets:
        return list(joins_in_text)
    merged = list(crlf_offsets)
    # A join at offset p of the CR-free text sits at p + (number of CRs before it) in the original.
    cr_index = 0
    for position in joins_in_text:
        while cr_index < len(crlf_offsets) and crlf_offsets[cr_index] - cr_index <= position:
            cr_index += 1
        merged.append(position + cr_index)
    merged.sort()
    return merged
