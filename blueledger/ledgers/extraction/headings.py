"""The task outline: numbered headings (第一章 第一节 一、 （一） 1. （1） ① 第一条) and the named rows of target
tables.

Heading styles nest in the order a document first uses them, as GB/T 9704 documents do; a style seen
again closes every deeper level. A document that goes 一、 → 1. (skipping （一）) nests 1. under 一、.
Run-in items (一是…二是…) carry no separator after the numeral and are not headings, nor is a reference
to an article inside a sentence (按照第三条规定): an article heading opens its line and is set off by a space.
An article is a paragraph, so its title ends at its first comma as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blueledger.ledgers.extraction.model import TextSpan
from blueledger.ledgers.extraction.tables import FlatEntry, TableRow, find_flat_rows, find_table_rows
from blueledger.lib.cn_numbers import parse_chinese_numeral

_HEADING = re.compile(
    r"[ \u3000]*(?:"
    r"(?P<section>[一二三四五六七八九十]{1,3})(?:、|\.(?!\d))"
    r"|(?P<subsection>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<item>\d{1,2})(?:、|\.(?!\d))"
    r"|(?P<subitem>[（(]\d{1,2}[）)])"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<article>第[一二三四五六七八九十百零〇]{1,5}条|第\d{1,3}条)(?=[ \u3000、:：])[、:：]?"
    r"|(?P<division>第[一二三四五六七八九十]{1,3}部分)(?=[ \u3000])"
    r"|(?P<chapter>第[一二三四五六七八九十百零〇]{1,4}章)(?=[ \u3000])"
    r"|(?P<part>第[一二三四五六七八九十百零〇]{1,4}节)(?=[ \u3000])"
    r")[ \u3000]*(?=\S)"
)
_LINE = re.compile(r"^.*$", re.MULTILINE)
# A table's or a section's notes (说明：1.本表… 2.…) hold rules, not tasks: numbered items after such a label
# are no headings until a section-level heading or a table row comes.
_NOTES_LABEL = re.compile(r"[ \t\u3000]*(?:说明|备注|附注|注|填表说明)[ \t]*[:：]")
_NOTE_STYLES = frozenset({"item", "subitem", "circled"})
# A heading run into its paragraph (…态势。 一、主要指标完成情况 (一)渔业增加值。): a section number after a
# stop or a space, or a sub-section number anywhere (…健康发展(一)加强政策研究。). It is read only where it
# continues the numbering open at that point (二、 after 一、, (一) first under a section). Circled numbers
# inside a paragraph (。①…；②…) are a run-in list.
_INLINE_HEADING = re.compile(
    r"(?=[一二三四五六七八九十（(])(?:(?<=[。；;！？!? \u3000])(?P<section>[一二三四五六七八九十]{1,3})、"
    r"|(?P<subsection>[（(][一二三四五六七八九十]{1,3}[）)]))[ \u3000]*(?=\S)"
)
# A title ends at the first full stop, semicolon or colon; a paragraph-long one at its first comma.
_TITLE_END = re.compile(r"[。；;：:]")
_LONG_TITLE_END = re.compile(r"[。；;：:，,]")
LONG_TITLE_CHARS = 40
# A title names work; a first sentence that states a quantity (全年查处案件不少于60起) is the item's body.
_QUANTITY_IN_TITLE = re.compile(r"[，,][^，,。；;：:]*\d")
# A trailing responsibility clause is no part of a title: 分类推进…建设（市发改委牵头）.
_TRAILING_CLAUSE = re.compile(r"[（(][^（）()]*(?:牵头|负责|配合)[^（）()]*[）)]\s*$")


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A task of the outline; its region runs from `start` to the next entry's `start`."""

    key: str
    title_span: TextSpan
    parent_key: str | None
    start: int
    row: TableRow | None


def _title_span(text: str, start: int, line_end: int, *, paragraph: bool = False) -> TextSpan:
    line = text[start:line_end]
    cut = _TITLE_END.search(line)
    end = start + (cut.start() if cut else len(line.rstrip()))
    if paragraph or end - start > LONG_TITLE_CHARS or _QUANTITY_IN_TITLE.search(text, start, end):
        long_cut = _LONG_TITLE_END.search(line)
        end = start + long_cut.start() if long_cut else end
    title = text[start:end]
    trailing = _TRAILING_CLAUSE.search(title)
    if trailing and trailing.start() > 0:
        end = start + trailing.start()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return TextSpan(start, end)


def build_outline(text: str) -> list[OutlineEntry]:
    """Every task heading and table row of `text`, in document order, with keys chained as written."""
    rows_by_line = {row.line_start: row for row in find_table_rows(text)}
    flat_by_line: dict[int, list[FlatEntry]] = {}
    for flat in find_flat_rows(text):
        flat_by_line.setdefault(text.rfind("\n", 0, flat.start) + 1, []).append(flat)
    entries: list[OutlineEntry] = []
    # (style, key) of the open headings, outermost first.
    stack: list[tuple[str, str]] = []
    in_notes = False
    for line in _LINE.finditer(text):
        if "注" in line.group() or "说明" in line.group():
            if _NOTES_LABEL.match(line.group()):
                in_notes = True
                continue
        if line.start() in flat_by_line:
            _add_flat_entries(flat_by_line[line.start()], entries, stack)
            continue
        row = rows_by_line.get(line.start())
        if row is not None:
            in_notes = False
            while stack and stack[-1][0] == "row":
                stack.pop()
            parent = stack[-1][1] if stack else None
            number = f"{row.group}.{row.number}" if row.group else row.number
            key = f"{parent}.{number}" if parent else number
            entries.append(OutlineEntry(key, row.title_span, parent, line.start(), row))
            stack.append(("row", key))
            continue
        if not line.group() or line.group()[0] == "\t":
            continue
        heading = _HEADING.match(line.group())
        if heading is not None and in_notes:
            if heading.lastgroup in _NOTE_STYLES:
                continue
            in_notes = False
        scan_from = line.start() + (heading.end() if heading is not None else 0)
        content = line.group()
        inline = (
            list(_INLINE_HEADING.finditer(text, scan_from, line.end()))
            if "、" in content or "(" in content or "（" in content
            else []
        )
        if heading is not None:
            style = heading.lastgroup or ""
            title_end = inline[0].start() if inline else line.end()
            span = _title_span(text, line.start() + heading.end(), title_end, paragraph=style == "article")
            if span.end > span.start:
                _open(entries, stack, style, heading.group(style), span, line.start())
        for position, marker in enumerate(inline):
            style = marker.lastgroup or ""
            if not _continues(stack, style, marker.group(style)):
                continue
            title_end = inline[position + 1].start() if position + 1 < len(inline) else line.end()
            span = _title_span(text, marker.end(), title_end)
            if span.end > span.start:
                _open(entries, stack, style, marker.group(style), span, marker.start())
    return entries


def _open(
    entries: list[OutlineEntry], stack: list[tuple[str, str]], style: str, number: str, span: TextSpan, start: int
) -> None:
    """Add a heading of `style` to the outline, closing every deeper level and any open table row."""
    styles = [open_style for open_style, _ in stack]
    if style in styles:
        del stack[styles.index(style) :]
    while stack and stack[-1][0] == "row":
        stack.pop()
    parent = stack[-1][1] if stack else None
    key = f"{parent}.{number}" if parent else number
    entries.append(OutlineEntry(key, span, parent, start, None))
    stack.append((style, key))


def _ordinal(number: str) -> int | None:
    return parse_chinese_numeral(number.strip("（()）"))


def _continues(stack: list[tuple[str, str]], style: str, number: str) -> bool:
    """True where an inline heading continues its style's numbering: the next number, or the first one
    where the style is not open."""
    value = _ordinal(number)
    keys = [key for open_style, key in stack if open_style == style]
    if not keys:
        return value == 1
    previous = _ordinal(keys[-1].rsplit(".", 1)[-1])
    return value is not None and previous is not None and value == previous + 1


def _add_flat_entries(flats: list[FlatEntry], entries: list[OutlineEntry], stack: list[tuple[str, str]]) -> None:
    """The section headings and rows of a flattened table, nested like their written counterparts."""
    for flat in flats:
        style = "row" if flat.row is not None else "flat_section"
        styles = [open_style for open_style, _ in stack]
        if style in styles:
            del stack[styles.index(style) :]
        while stack and stack[-1][0] == "row":
            stack.pop()
        parent = stack[-1][1] if stack else None
        key = f"{parent}.{flat.number}" if parent else flat.number
        entries.append(OutlineEntry(key, flat.title_span, parent, flat.start, flat.row))
        stack.append((style, key))
