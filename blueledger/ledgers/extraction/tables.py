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
