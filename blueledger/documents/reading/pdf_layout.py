"""Undo what page layout does to a PDF's text: running heads, page numbers, wrapped lines.

Pure functions on the lines of each page, so they are tested without building PDFs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# — 3 —, - 3 -, 第3页, 第 3 页 共 10 页, 3/10, Page 3: lines that are only a page number.
_DECORATED_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~·]*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+)[\s\-—–－~·]*$"
    r"|^[\-—–－~·]+\s*\d+\s*[\-—–－~·]+$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
# How many lines at the top and bottom of a page may belong to a running head or foot.
_EDGE_LINES = 2
# Numbered headings and list items start a new paragraph even after an unfinished line.
_NEW_ITEM = re.compile(
    r"^\s*("
    r"[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百\d]+[)）]"
    r"|\d+(\.\d+)*[、.．](?!\d)"
    r"|[①-⑳⑴-⒇]"
    r"|第[一二三四五六七八九十百\d]+[章节条款部分]"
    r"|[•●○■□◆◇▪\-—]"
    r"|附件|附表"
    r")"
)
_SENTENCE_END = "。！？!?；;：:…"
_CLOSERS = "”’」』）)】》"
# A line counts as running to the right margin when its display width (a hanzi is 2)
# is at least this share of the document's typical full line, taken as this percentile
# of all line widths; shorter lines end their paragraph (titles, last lines).
_FULL_LINE_SHARE = 0.85
_FULL_WIDTH_PERCENTILE = 0.8
# Lines narrower than ten hanzi are never joined (table cells, signatures).
_FULL_LINE_MIN_WIDTH = 20


def clean_pdf_pages(pages: Sequence[str]) -> list[str]:
    """Lines of the whole document with running heads, page numbers and wraps undone."""
    # An empty line inside a page marks a paragraph's end (lines_from_fragments); at a page's edges it
    # would end a sentence that runs on to the next page, so it is trimmed there.
    page_lines = [_trim_blanks([line.strip() for line in page.split("\n")]) for page in pages]
    page_lines = _drop_page_numbers(page_lines)
    page_lines = [_trim_blanks(lines) for lines in _drop_running_lines(page_lines)]
    return join_wrapped_lines([line for lines in page_lines for line in lines])


def _trim_blanks(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


def join_wrapped_lines(lines: Sequence[str]) -> list[str]:
    """Re-join lines the layout broke mid-sentence; conservative by design.

    A line is joined to the next only if it reaches the right margin (its display
    width is near the document's typical full line), does not end with sentence-final
    punctuation or a closing bracket, and the next line does not start a numbered
    heading or list item (一、 (一) 1. ① 第一条 附件…). An empty line ends a paragraph and is dropped.
    """
    full_width = _typical_full_width([line for line in lines if line])
    joined: list[str] = []
    previous = ""  # the last physical line, whatever it was glued to
    for line in lines:
        if not line:
            previous = ""
            continue
        if joined and previous and _continues(previous, line, full_width):
            joined[-1] = _glue(joined[-1], line)
        else:
            joined.append(line)
        previous = line
    return joined


def _continues(previous: str, line: str, full_width: int) -> bool:
    width = _display_width(previous)
    return (
        width >= _FULL_LINE_MIN_WIDTH
        and width >= _FULL_LINE_SHARE * full_width
        and previous[-1] not in _SENTENCE_END + _CLOSERS
        and not _NEW_ITEM.match(line)
    )


def _glue(left: str, right: str) -> str:
    # Wrapped Latin words had a space at the break; hanzi never do.
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def _typical_full_width(lines: Sequence[str]) -> int:
    widths = sorted(_display_width(line) for line in lines)
    if not widths:
        return 0
    return widths[int(_FULL_WIDTH_PERCENTILE * (len(widths) - 1))]


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _drop_page_numbers(pages: list[list[str]]) -> list[list[str]]:
    cleaned: list[list[str]] = []
    for lines in pages:
        kept = [line for line in lines if not _DECORATED_PAGE_NUMBER.match(line)]
        # A bare number is a page number only at the page's edge; inside, it may be a table cell.
        while kept and _BARE_NUMBER.match(kept[-1]):
            kept.pop()
        while kept and _BARE_NUMBER.match(kept[0]):
            kept.pop(0)
        cleaned.append(kept)
    return cleaned


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines repeated at the top or bottom of most pages (running heads and feet)."""
    if len(pages) < 2:
        return pages
    seen_on_pages: Counter[str] = Counter()
    for lines in pages:
        seen_on_pages.update({_shape(line) for line in _edges(lines)})
    needed = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in seen_on_pages.items() if count >= needed}
    cleaned: list[list[str]] = []
    for lines in pages:
        last = len(lines) - 1
        cleaned.append(
            [
                line
                for index, line in enumerate(lines)
                if not (line and _shape(line) in running and (index < _EDGE_LINES or index > last - _EDGE_LINES))
            ]
        )
    return cleaned


def _edges(lines: list[str]) -> list[str]:
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def _shape(line: str) -> str:
    # Running feet often carry the page number: 威海市海洋发展局 第 3 页.
    return re.sub(r"\d+", "#", line)


# Fragments on one line differ in baseline by less than this share of their font size.
_SAME_LINE_SHARE = 0.4
# A vertical gap over this share of the document's line pitch (its shorter pitches: lines wrapped within
# a paragraph) separates paragraphs.
_PARAGRAPH_GAP_SHARE = 1.6
# A blank run narrower than this share of its font size is no space of the text.
_BLANK_MIN_SHARE = 0.25
_QUOTE_MARKS = frozenset("“”‘’\"'「」『』")


@dataclass(frozen=True, slots=True)
class TextFragment:
    """A run of text a PDF draws in one font at one place: x and y of its start, in points."""

    x: float
    y: float
    text: str
    font_size: float


def lines_from_fragments(pages: Sequence[Sequence[TextFragment]]) -> list[list[str]]:
    """Each page's lines in reading order, from the runs its content stream draws in any order.

    Word processors draw a line as several runs, one per font: the Chinese text with blanks where its
    quotation marks go, then the marks in a Western font (“ ”) further along the stream; and a blank run
    between Chinese and Western script (2027 年). Read in stream order, the marks move to the start of the
    line and blanks split numbers from their units. Here the runs of a line are ordered by x, blank runs
    of no width are dropped, and each run of quotation marks fills the blanks reserved for it. A gap well
    beyond the document's pitch of wrapped lines ends a paragraph: an empty line keeps it ended, as the
    .docx did (a title over a repeated title, a signature over its date).
    """
    grouped = [_group_lines(fragments) for fragments in pages]
    pitches = sorted(
        above[0].y - below[0].y for lines in grouped for above, below in itertools.pairwise(lines)
    )
    paragraph_gap = pitches[len(pitches) // 5] * _PARAGRAPH_GAP_SHARE if pitches else 0.0
    texts: list[list[str]] = []
    for lines in grouped:
        page: list[str] = []
        for index, line in enumerate(lines):
            if index and paragraph_gap and lines[index - 1][0].y - line[0].y > paragraph_gap:
                page.append("")
            page.append(_line_text(sorted(line, key=lambda f: f.x)))
        texts.append(page)
    return texts


def _group_lines(fragments: Sequence[TextFragment]) -> list[list[TextFragment]]:
    lines: list[list[TextFragment]] = []
    for fragment in sorted((f for f in fragments if f.text), key=lambda f: -f.y):
        current = lines[-1] if lines else None
        if current and abs(current[0].y - fragment.y) < _SAME_LINE_SHARE * max(fragment.font_size, 1.0):
            current.append(fragment)
        else:
            lines.append([fragment])
    return lines


def _line_text(fragments: list[TextFragment]) -> str:
    # A blank run takes room where the text has a space (索引号 3702…); one of no width only separates
    # scripts (2027 年) or precedes the marks that fill it.
    fragments = [
        fragment
        for index, fragment in enumerate(fragments)
        if fragment.text.strip()
        or (index + 1 < len(fragments) and fragments[index + 1].x - fragment.x > _BLANK_MIN_SHARE * fragment.font_size)
    ]
    marks = [f for f in fragments if f.text.strip() and set(f.text) <= _QUOTE_MARKS | {" "}]
    body = [f for f in fragments if f not in marks]
    characters: list[str] = []
    positions: list[float] = []
    for index, fragment in enumerate(body):
        end = body[index + 1].x if index + 1 < len(body) else fragment.x + fragment.font_size * len(fragment.text)
        advance = max(end - fragment.x, 0.0) / max(len(fragment.text), 1)
        for offset, character in enumerate(fragment.text):
            characters.append(character)
            positions.append(fragment.x + offset * advance)
    for mark in marks:
        _fill_blanks(characters, positions, mark)
    return "".join(characters).rstrip()


def _fill_blanks(characters: list[str], positions: list[float], mark: TextFragment) -> None:
    """Put a run's quotation marks into the blanks of the line from the one nearest its start on.

    Marks written together in the run (”“ between two quoted names) share one blank: the layout
    compresses adjacent punctuation into one character's width. Marks apart in the run (“ ”) each
    fill a blank of their own.
    """
    groups = mark.text.split()
    blanks = [index for index, character in enumerate(characters) if character == " "]
    tolerance = mark.font_size / 2
    first = next((n for n, index in enumerate(blanks) if positions[index] >= mark.x - tolerance), None)
    if first is None or len(blanks) - first < len(groups):
        characters.extend(groups)  # no reserved blank: keep the marks, at the line's end
        positions.extend([mark.x] * len(groups))
        return
    for group, index in zip(groups, blanks[first:], strict=False):
        characters[index] = group
