"""Word .docx files: body paragraphs and tables in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from blueledger.documents.reading import refusals
from blueledger.documents.reading.model import ReadDocument
from blueledger.lib.ooxml import ZIP_ERRORS, PackageLimits, PackageRefused, check_package

_PARAGRAPH = qn("w:p")
_TABLE = qn("w:tbl")
_CONTENT_CONTROL = qn("w:sdt")
_CONTENT_CONTROL_BODY = qn("w:sdtContent")
_TEXT_BOX = qn("w:txbxContent")
_NUMBERING = qn("w:numPr")
# Word stores a text box twice (DrawingML and a VML fallback); count it once.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DAMAGED = "已损坏，无法作为 Word 文档打开"
_RESAVE = "请在 Word 或 WPS 中重新另存为 .docx 后再上传。"


def read_docx(data: bytes, filename: str, package_limits: PackageLimits | None = None) -> ReadDocument:
    try:
        check_package(data, package_limits or PackageLimits())
    except PackageRefused as refused:
        detail = _DAMAGED if refused.code == "corrupt" else refused.detail
        raise refusals.corrupt(filename, detail, _RESAVE) from refused
    document = _open(data, filename)
    body = document.element.body
    lines = [line for line in _block_lines(body, document) if line.strip()]
    return ReadDocument(text="\n".join(lines), format="docx", encoding=None, warnings=_warnings(body))


# A damaged package fails in whichever layer notices first: zip, OPC or XML.
_DAMAGED_PACKAGE: tuple[type[Exception], ...] = (*ZIP_ERRORS, PackageNotFoundError, KeyError, SyntaxError)


def _open(data: bytes, filename: str) -> WordDocument:
    try:
        return docx.Document(io.BytesIO(data))
    except _DAMAGED_PACKAGE as error:
        raise refusals.corrupt(filename, _DAMAGED, _RESAVE) from error


def _block_lines(container: Any, parent: Any) -> Iterator[str]:
    """Lines of the paragraphs and table rows directly inside `container`, in order."""
    for child in container.iterchildren():
        if child.tag == _PARAGRAPH:
            # A soft line break (Shift+Enter) inside a paragraph stays a line break.
            yield from Paragraph(child, parent).text.split("\n")
        elif child.tag == _TABLE:
            yield from _table_lines(Table(child, parent))
        elif child.tag == _CONTENT_CONTROL:
            # Content controls (form fields, cover-page blocks) wrap ordinary paragraphs.
            for content in child.iterchildren(_CONTENT_CONTROL_BODY):
                yield from _block_lines(content, parent)


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for tc in row._tr.tc_lst:
            # A cell continuing a vertical merge repeats nothing; keep its column empty.
            # A horizontal merge is one w:tc spanning grid columns, so it appears once.
            if tc.vMerge == "continue":
                cells.append("")
            else:
                cells.append(_cell_text(_Cell(tc, table)))
        if any(cells):
            yield "\t".join(cells)


def _cell_text(cell: _Cell) -> str:
    parts = (part.strip() for part in _block_lines(cell._tc, cell))
    return " ".join(part for part in parts if part)


def _warnings(body: Any) -> tuple[str, ...]:
    warnings: list[str] = []
    text_boxes = [
        box
        for box in body.iter(_TEXT_BOX)
        if "".join(box.itertext()).strip() and not any(a.tag == _FALLBACK for a in box.iterancestors())
    ]
    if text_boxes:
        warnings.append(f"文档中有 {len(text_boxes)} 个文本框，其中的文字没有读取。")
    numbered = sum(1 for _ in body.iter(_NUMBERING))
    if numbered:
        warnings.append(
            f"文档中有 {numbered} 个自动编号的段落，编号（如“一、”“1.”）没有读出，只读出了段落文字。"
        )
    return tuple(warnings)
