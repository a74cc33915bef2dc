"""Rows of target tables (序号 + 目标名称) in the two text shapes our readers produce.

(a) one cell per line, each line starting with a TAB, rows separated by blank lines (web pages
    copied as text);
(b) one row per line, cells joined by TABs (how the .docx reader renders Word tables) or by `|` (how
    web pages and Markdown print them: 序号 | 主要工作任务 | 责任单位 |).

A table starts at a header row holding a 序号 column and a name column. Rows may leave merged
leading cells out or empty (a 类别 written once for a group of rows); they inherit the group above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blueledger.ledgers.extraction.model import TextSpan
from blueledger.lib.cn_numbers import parse_chinese_numeral

_SEQUENCE_HEADER = re.compile(r"^(?:序号|编号|序)$")
_NAME_HEADER = re.compile(
    r"^(?:目标名称|任务名称|指标名称|项目名称|工作任务|重点任务|任务|名称|目标|指标|事项|工作事项"
    r"|(?:主要|重点)?(?:工作)?(?:任务|目标|指标)(?:内容|名称)?|工作重点|工作内容)$"
)
_GROUP_HEADER = re.compile(r"^(?:类别|类型|分类|目标类别|目标类型|任务类别)$")
# Columns whose cells name departments or a due date for the row.
RESPONSIBILITY_HEADERS = re.compile(
    r"^(?:牵头单位|牵头部门|责任单位|责任部门|责任处室|承办单位|配合单位|配合部门|协办单位|参与单位"
    r"|主办单位|第一责任单位|主要责任单位|主责单位|协同单位)$"
)
DEADLINE_HEADERS = re.compile(r"^(?:完成时限|完成时间|时间节点|时限|完成期限|时间要求)$")
_CELL_LINE = re.compile(r"^\t([^\t\n]*)$", re.MULTILINE)
# A row's name is a paragraph at times: its title is the text up to the first stop, semicolon, colon or comma.
_TITLE_END = re.compile(r"[。；;：:，,]")
_LINE = re.compile(r"^.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class TableCell:
    header: str
    span: TextSpan


@dataclass(frozen=True, slots=True)
class TableRow:
    """A named row: `number` and `group` as written, the name's span, and its department/date cells."""

    line_start: int
    group: str | None
    number: str
    title_span: TextSpan
    cells: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True)
class _Columns:
    headers: tuple[str, ...]
    sequence: int
    name: int
    group: int | None


def _columns(headers: list[str]) -> _Columns | None:
    names = [header.replace(" ", "") for header in headers]
    sequence = next((i for i, name in enumerate(names) if _SEQUENCE_HEADER.match(name)), None)
    name = next((i for i, name in enumerate(names) if _NAME_HEADER.match(name)), None)
    if sequence is None or name is None:
        return None
    group = next((i for i, name in enumerate(names) if _GROUP_HEADER.match(name)), None)
    return _Columns(tuple(names), sequence, name, group)


def _is_row_number(cell: str) -> bool:
    cell = cell.strip()
    return cell.isdigit() or (bool(cell) and parse_chinese_numeral(cell) is not None)


def _split_cells(content: str, separator: str, offset: int) -> list[tuple[str, TextSpan]]:
    cells: list[tuple[str, TextSpan]] = []
    for cell in content.split(separator):
        cells.append((cell, TextSpan(offset, offset + len(cell))))
        offset += len(cell) + 1
    if separator == "|" and len(cells) > 1 and not cells[-1][0].strip():
        cells.pop()  # the closing bar of | a | b |
    return cells


def _raw_rows(text: str) -> list[tuple[int, list[tuple[str, TextSpan]]]]:
    """Every candidate row of either shape: (offset of its first line, [(cell text, span)])."""
    rows: list[tuple[int, list[tuple[str, TextSpan]]]] = []
    block_start = -1
    block: list[tuple[str, TextSpan]] = []
    previous_end = -2
    bar_table = False
    for line in _LINE.finditer(text):
        content = line.group()
        bars = content.count("|") if "|" in content and "\t" not in content else 0
        # A bar row has two bars at least, unless the table is open and the page cuts the row short.
        bar_table = bars >= 2 or (bar_table and bars >= 1)
        if bar_table:
            if block:
                rows.append((block_start, block))
                block = []
            rows.append((line.start(), _split_cells(content, "|", line.start())))
            continue
        if content.count("\t") >= 2 or (content.count("\t") == 1 and not content.startswith("\t")):
            if block:
                rows.append((block_start, block))
                block = []
            rows.append((line.start(), _split_cells(content, "\t", line.start())))
            continue
        cell_line = _CELL_LINE.match(content)
        if cell_line is not None:
            if not block or line.start() != previous_end + 1:
                if block:
                    rows.append((block_start, block))
                block_start, block = line.start(), []
            block.append((cell_line.group(1), TextSpan(line.start() + 1, line.end())))
            previous_end = line.end()
            continue
        if block:
            rows.append((block_start, block))
            block = []
    if block:
        rows.append((block_start, block))
    return rows


def find_table_rows(text: str) -> list[TableRow]:
    """The named rows of every target table in `text`, in document order."""
    if "\t" not in text and "|" not in text:
        return []
    found: list[TableRow] = []
    columns: _Columns | None = None
    group: str | None = None
    for line_start, cells in _raw_rows(text):
        header = _columns([cell for cell, _ in cells])
        if header is not None:
            columns, group = header, None
            continue
        if columns is None:
            continue
        width = len(columns.headers)
        if len(cells) < width and columns.sequence == 0 and _is_row_number(cells[0][0]):
            # A row cut short (the page ends inside it) keeps its leading cells: pad it on the right.
            cells = cells + [("", TextSpan(cells[-1][1].end, cells[-1][1].end))] * (width - len(cells))
        elif len(cells) < width:
            # Merged leading cells are left out: align the row to the right.
            cells = [("", TextSpan(line_start, line_start))] * (width - len(cells)) + cells
        cells = cells[:width] if len(cells) > width else cells
        number, _ = cells[columns.sequence]
        name, name_span = cells[columns.name]
        if not _is_row_number(number) or not name.strip():
            continue
        if columns.group is not None and cells[columns.group][0].strip():
            group = cells[columns.group][0].strip()
        stripped_start = name_span.start + (len(name) - len(name.lstrip()))
        cut = _TITLE_END.search(name)
        stripped_end = name_span.start + len(name[: cut.start() if cut else len(name)].rstrip())
        extra = tuple(
            TableCell(columns.headers[index], span)
            for index, (cell, span) in enumerate(cells)
            if cell.strip()
            and (
                RESPONSIBILITY_HEADERS.match(columns.headers[index])
                or DEADLINE_HEADERS.match(columns.headers[index])
            )
        )
        found.append(
            TableRow(
                line_start=line_start,
                group=group if columns.group is not None else None,
                number=number.strip(),
                title_span=TextSpan(stripped_start, stripped_end),
                cells=extra,
            )
        )
    return found


# A table whose cells lost every separator (a PDF copied as one line): 序号主要工作任务第一责任单位主要责任单位
# 一、主要发展指标1地区生产总值增长12%左右。市发展改革委各县(市、区)政府、嘉兴港区2服务业…
_FLAT_HEADER = re.compile(
    r"序号(?:主要|重点)?(?:工作)?(?:任务|目标|指标)(?:内容|名称)?"
    r"(?P<columns>(?:(?:第一|主要)?责任单位|牵头单位|配合单位|协办单位|主办单位|协同单位|参与单位|主责单位)+)"
)
_FLAT_COLUMN = re.compile(r"(?:第一|主要)?责任单位|牵头单位|配合单位|协办单位|主办单位|协同单位|参与单位|主责单位")
_FLAT_PAGE_MARK = re.compile(r"[—\-]{1,2}\d{1,3}[—\-]{1,2}")
_FLAT_SECTION = re.compile(r"(?P<number>[一二三四五六七八九十]{1,3})、(?P<title>[^\d。，,；;、]{2,30}?)(?=\d)")
# The last character of a unit's name, and the first character of the next one run into it (市经贸委市规划局).
_FLAT_NAME_END = "委局办府区室部心团司行队站院位"
_FLAT_NAME_START = "市县区各省国中"
_FLAT_BOUNDARY = re.compile(
    rf"(?<=[{_FLAT_NAME_END}。])(?:(?P<number>\d{{1,3}})(?![\d.%])|[一二三四五六七八九十]{{1,3}}、)"
    r"|[—\-]{1,2}\d{1,3}[—\-]{1,2}"
)
_FLAT_NOT_NAME = re.compile(r"[\d。；;：:%][^\d。；;：:%]*$")
_FLAT_NAME_OPENING = re.compile(r"[市县各]")
_FLAT_FIRST_CELL = re.compile(r"(?:[^、,，(（]|[(（][^)）]{0,20}[)）])*")
_FLAT_NAME_BREAK = re.compile(rf"(?<=[{_FLAT_NAME_END}])(?=[{_FLAT_NAME_START}])")
# Names that can fill a responsibility cell: no digits, no sentence punctuation.
_FLAT_NAMES = re.compile(r"[^\d。；;：:%]{2,200}")
FLAT_ROW_CHARS = 600


@dataclass(frozen=True, slots=True)
class FlatEntry:
    """A section heading (`row` None) or a row of a flattened table, found inside a line."""

    start: int
    number: str
    title_span: TextSpan
    row: TableRow | None


def find_flat_rows(text: str) -> list[FlatEntry]:
    """Section headings and rows of every flattened target table of `text`, in order."""
    found: list[FlatEntry] = []
    if "序号" not in text:
        return found
    for header in _FLAT_HEADER.finditer(text):
        line_end = text.find("\n", header.end())
        line_end = len(text) if line_end < 0 else line_end
        if "\t" in text[header.start() : line_end] or "|" in text[header.start() : line_end]:
            continue
        columns = _FLAT_COLUMN.findall(header.group("columns"))
        found.extend(_flat_entries(text, header.end(), line_end, columns))
    return found


def _skip_marks(text: str, position: int, end: int) -> int:
    while True:
        mark = _FLAT_PAGE_MARK.match(text, position, end)
        if mark is None:
            return position
        position = mark.end()


def _flat_entries(text: str, start: int, end: int, columns: list[str]) -> list[FlatEntry]:
    entries: list[FlatEntry] = []
    position, expected = start, 1
    while position < end:
        position = _skip_marks(text, position, end)
        section = _FLAT_SECTION.match(text, position, end)
        if section is not None:
            entries.append(FlatEntry(position, section.group("number"), TextSpan(*section.span("title")), None))
            position = section.end()
            continue
        number = str(expected)
        after = position + len(number)
        if not text.startswith(number, position) or text[after : after + 1].isdigit():
            break
        body_start = position + len(number)
        body_end = _flat_row_end(text, body_start, end, expected + 1)
        entries.append(_flat_row(text, position, body_start, body_end, number, columns))
        position, expected = body_end, expected + 1
    return entries


def _flat_row_end(text: str, start: int, end: int, next_number: int) -> int:
    """Where the row starting at `start` ends: at a page mark, or at the next row's number or a section
    heading written right after a unit's name or a full stop."""
    limit = min(end, start + FLAT_ROW_CHARS)
    for boundary in _FLAT_BOUNDARY.finditer(text, start, limit):
        number = boundary.group("number")
        if number is None or int(number) == next_number:
            return boundary.start()
    return limit


def _flat_row(text: str, start: int, body_start: int, body_end: int, number: str, columns: list[str]) -> FlatEntry:
    body = text[body_start:body_end]
    stop = body.rfind("。")
    names_start = body_start + stop + 1 if stop >= 0 else _names_start(text, body_start, body_end)
    title_end = names_start
    cut = _TITLE_END.search(text, body_start, title_end)
    if cut is not None:
        title_end = cut.start()
    cells: list[TableCell] = []
    if names_start < body_end and _FLAT_NAMES.fullmatch(text, names_start, body_end):
        cells = _flat_cells(text, names_start, body_end, columns)
    title = TextSpan(body_start, title_end)
    return FlatEntry(start, number, title, TableRow(start, None, number, title, tuple(cells)))


def _names_start(text: str, start: int, end: int) -> int:
    """Where a row without a full stop turns from its task into its unit names: the first 市/县/各 after
    the last digit or stop of the row."""
    last = _FLAT_NOT_NAME.search(text, start, end)
    opening = _FLAT_NAME_OPENING.search(text, last.start() + 1 if last else start + 2, end)
    return opening.start() if opening is not None else end


def _flat_cells(text: str, start: int, end: int, columns: list[str]) -> list[TableCell]:
    """One cell per unit of the first column, and one for the rest: the first column's units run into
    each other, the next column's are separated by 、 or commas (市发展改革委市经贸委市统计局、各县政府)."""
    first_separator = _FLAT_FIRST_CELL.match(text, start, end)
    separator = first_separator.end() if first_separator is not None else end
    names = _run_together(text, start, separator)
    if len(columns) == 1:
        return [TableCell(columns[0], TextSpan(start, end))]
    if separator == end and names:
        return [TableCell(columns[0], TextSpan(name_start, name_end)) for name_start, name_end in names]
    lead = names[:-1] if len(names) > 1 else []
    cells = [TableCell(columns[0], TextSpan(name_start, name_end)) for name_start, name_end in lead]
    rest_start = names[-1][0] if names else start
    cells.append(TableCell(columns[1], TextSpan(rest_start, end)))
    return cells


def _run_together(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split units written without separators: 市发展改革委市经贸委 → 市发展改革委, 市经贸委."""
    spans: list[tuple[int, int]] = []
    name_start = start
    for name_break in _FLAT_NAME_BREAK.finditer(text, start + 3, end):
        if name_break.start() - name_start >= 3:
            spans.append((name_start, name_break.start()))
            name_start = name_break.start()
    if end > name_start:
        spans.append((name_start, end))
    return spans
