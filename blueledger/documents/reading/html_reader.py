"""HTML pages saved from government sites: the document's text without the page around it."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from blueledger.documents.reading.chrome import drop_page_chrome
from blueledger.documents.reading.model import ReadDocument
from blueledger.documents.reading.plain_text import decode_bytes, normalise_line_endings

_CHARSET_SNIFF_WINDOW_BYTES = 4096
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_\-]+)", re.IGNORECASE)
# Pages labelled gb2312 or gbk routinely use characters only GB18030 (their superset) has.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "euc_cn", "hz"}

_NEVER_CONTENT = (
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "select", "input", "textarea", "map", "audio", "video", "nav", "aside",
)  # fmt: skip
_SITE_FRAME = ("header", "footer")
_ARTICLE = ("article", "main")
# ASP.NET-style sites wrap the whole page in one <form>; a form holding this much text
# is the page, not a search box.
_FORM_CONTENT_MIN_CHARS = 200
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_BLOCKS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu ol p pre section summary table "
    "tbody thead tfoot tr td th ul".split()
)
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# Browsers show a source line break as a space; between two hanzi it is only layout.
_CJK_SOURCE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_HTML_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


def read_html(data: bytes, filename: str) -> ReadDocument:
    text, encoding, warnings = _decode(data, filename)
    soup = BeautifulSoup(text, "lxml")
    _remove_non_content(soup)
    result = drop_page_chrome(list(_lines(soup)))
    if result.dropped_line_count:
        warnings.append(f"已去除网页导航与页脚 {result.dropped_line_count} 行")
    text = "\n".join(result.lines)
    return ReadDocument(text=text, format="html", encoding=encoding, warnings=tuple(warnings))


def _decode(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    declared = _declared_codec(data)
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if declared is not None and not has_bom:
        try:
            return normalise_line_endings(data.decode(declared)), declared, warnings
        except UnicodeDecodeError:
            text, encoding = decode_bytes(data, filename)
            warnings.append(f"网页声明的编码（{declared}）与内容不符，已按 {encoding} 读取。")
            return normalise_line_endings(text), encoding, warnings
    text, encoding = decode_bytes(data, filename)
    return normalise_line_endings(text), encoding, warnings


def _declared_codec(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_CHARSET_SNIFF_WINDOW_BYTES])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in _GB_FAMILY:
        return "gb18030"
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # a page that decoded to ASCII markup cannot be UTF-16; the label is wrong
    return name


def _remove_non_content(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_NEVER_CONTENT):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    for tag in soup.find_all(_SITE_FRAME):
        # Inside an article, <header> holds the title and date, <footer> the source.
        if tag.find_parent(_ARTICLE) is None:
            tag.decompose()
    for tag in soup.find_all("form"):
        if len(tag.get_text(strip=True)) < _FORM_CONTENT_MIN_CHARS:
            tag.decompose()


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))


class _LineBuilder:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parts: list[str] = []

    def add(self, text: str) -> None:
        self._parts.append(text)

    def end_line(self) -> None:
        line = re.sub(r" {2,}", " ", "".join(self._parts)).strip()
        if line:
            self.lines.append(line)
        self._parts = []

    def add_line(self, line: str) -> None:
        self.end_line()
        self.lines.append(line)


def _lines(soup: BeautifulSoup) -> list[str]:
    builder = _LineBuilder()
    _render(soup.body or soup, builder)
    builder.end_line()
    return builder.lines


def _render(node: Tag, builder: _LineBuilder) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                builder.add(_collapse(str(child)))
        elif isinstance(child, Tag):
            _render_tag(child, builder)


def _render_tag(tag: Tag, builder: _LineBuilder) -> None:
    if tag.name == "br":
        builder.end_line()
    elif tag.name == "pre":
        builder.end_line()
        for line in tag.get_text().split("\n"):
            if line.strip():
                builder.add_line(line.strip())
    elif tag.name == "table" and _is_data_table(tag):
        builder.end_line()
        for line in _table_lines(tag):
            builder.add_line(line)
    elif tag.name in _BLOCKS:
        builder.end_line()
        _render(tag, builder)
        builder.end_line()
    else:
        _render(tag, builder)


def _collapse(text: str) -> str:
    return _HTML_WHITESPACE.sub(" ", _CJK_SOURCE_BREAK.sub("", text))


def _is_data_table(table: Tag) -> bool:
    """Tables holding tables, or one cell per row, are page layout, not data."""
    if table.find("table") is not None:
        return False
    return any(len(_cells(row)) > 1 for row in table.find_all("tr"))


def _cells(row: Tag) -> list[Tag]:
    return list(row.find_all(["td", "th"], recursive=False))


def _table_lines(table: Tag) -> Iterator[str]:
    # Cells spanning rows appear in the markup of their first row only; later rows get an
    # empty column in their place, as a vertically merged Word cell does.
    spanning: dict[int, tuple[int, int]] = {}  # grid column → (rows still covered, columns wide)
    for row in table.find_all("tr"):
        texts = _row_texts(_cells(row), spanning)
        if any(texts):
            yield "\t".join(texts)


def _row_texts(cells: list[Tag], spanning: dict[int, tuple[int, int]]) -> list[str]:
    texts: list[str] = []
    column = 0

    def skip_spanned_columns() -> None:
        nonlocal column
        while column in spanning:
            rows_left, width = spanning.pop(column)
            if rows_left > 1:
                spanning[column] = (rows_left - 1, width)
            texts.append("")
            column += width

    for cell in cells:
        skip_spanned_columns()
        texts.append(_cell_text(cell))
        width = _span(cell, "colspan")
        if (height := _span(cell, "rowspan")) > 1:
            spanning[column] = (height - 1, width)
        column += width
    while later := [start for start in spanning if start >= column]:
        column = min(later)
        skip_spanned_columns()
    return texts


def _cell_text(cell: Tag) -> str:
    builder = _LineBuilder()
    _render(cell, builder)
    builder.end_line()
    return " ".join(builder.lines)


def _span(cell: Tag, attribute: str) -> int:
    value = str(cell.get(attribute, "1")).strip()
    return max(1, int(value)) if value.isdigit() else 1
