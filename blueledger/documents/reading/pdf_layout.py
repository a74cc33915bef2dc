"""Undo what page layout does to a PDF's text: running heads, page numbers, wrapped lines.

Pure functions on the lines of each page, so they are tested without building PDFs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

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
    page_lines = [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]
    page_lines = _drop_page_numbers(page_lines)
    page_lines = _drop_running_lines(page_lines)
    return join_wrapped_lines([line for lines in page_lines for line in lines])


def join_wrapped_lines(lines: Sequence[str]) -> list[str]:
    """Re-join lines the layout broke mid-sentence; conservative by design.

    A line is joined to the next only if it reaches the right margin (its display
    width is near the document's typical full line), does not end with sentence-final
    punctuation or a closing bracket, and the next line does not start a numbered
    heading or list item (一、 (一) 1. ① 第一条 附件…).
    """
    full_width = _typical_full_width(lines)
    joined: list[str] = []
    previous = ""  # the last physical line, whatever it was glued to
    for line in lines:
        if joined and _continues(previous, line, full_width):
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
                if not (_shape(line) in running and (index < _EDGE_LINES or index > last - _EDGE_LINES))
            ]
        )
    return cleaned


def _edges(lines: list[str]) -> list[str]:
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def _shape(line: str) -> str:
    # Running feet often carry the page number: 威海市海洋发展局 第 3 页.
    return re.sub(r"\d+", "#", line)
