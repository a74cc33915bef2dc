"""The one Excel scaffold: open an uploaded workbook safely, read its rows with typed cell readers, collect
every problem before anything is written, and write cells that Excel never runs as formulas.

Import (all-or-nothing: the caller writes nothing unless `errors.raise_if_any()` passed)::

    from blueledger.lib import xlsx

    def read_vessels(data: bytes, limits: xlsx.XlsxLimits) -> list[Vessel]:
        workbook = xlsx.open_workbook(data, limits)              # size, zip bomb, DTD, corrupt → ImportRejected
        rows = xlsx.read_rows(workbook, "渔船", max_rows=limits.max_rows, min_row=2)
        errors = xlsx.RowErrors("渔船")
        vessels = []
        for line, row in enumerate(rows, start=2):
            name = errors.read(line, 1, "船名", row[0], xlsx.read_text, max_length=NAME_MAX_LENGTH, required=True)
            power = errors.read(line, 2, "功率(千瓦)", row[1], xlsx.read_decimal, max_digits=10, decimal_places=2)
            if name is not None and power is not None:
                vessels.append(Vessel(name, power))
        errors.raise_if_any()                                      # ImportRejected with every problem
        return vessels

Each problem reads ``渔船 第3行 B列(功率(千瓦)) “1e400”: 数值超出范围 (整数部分最多 8 位)``. The caller
takes `max_length`, `max_digits`, `decimal_places` from the model field (``Vessel._meta.get_field("name")
.max_length``) and `XlsxLimits` from the configuration (``blueledger.core.uploads.xlsx_limits()``).

Export: `append_row` / `write_cell` write text that begins with ``= + - @``, TAB or CR as a text cell, so
a reporter's ``=HYPERLINK(…)`` is shown, never run.

Django-free: no Django, no app imports.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from io import BytesIO
from typing import Any, TypeVar

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter

from blueledger.lib.ooxml import MB, ZIP_ERRORS, PackageLimits, PackageRefused, check_package

FILE_PROBLEM = "文件不是有效的 Excel (.xlsx) 文件, 请用 Excel 或 WPS 另存为 .xlsx 后再上传。"
# Text Excel (or a spreadsheet importing CSV) would read as a formula or a DDE command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


class ImportRejected(Exception):
    """The file was refused; `problems` lists every reason, nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class CellError(ValueError):
    """A cell's value is unusable; `message` says why, in Chinese, without naming the cell."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class XlsxLimits:
    """max_bytes: the uploaded file; max_rows: data rows of one sheet; package: its unpacked zip parts."""

    max_bytes: int = 10 * MB
    max_rows: int = 10_000
    package: PackageLimits = field(default_factory=PackageLimits)


# ---------------------------------------------------------------------------------------------- reading


def open_workbook(data: bytes, limits: XlsxLimits) -> Any:
    """A read-only openpyxl workbook (cached values, not formulas), or ImportRejected before parsing."""
    if len(data) > limits.max_bytes:
        raise ImportRejected(
            [f"文件大小为 {len(data) / MB:,.1f} MB，超过了 {limits.max_bytes / MB:,.1f} MB 的上限。请拆分后分批导入。"]
        )
    try:
        check_package(data, limits.package)
    except PackageRefused as refused:
        if refused.code == "corrupt":
            raise ImportRejected([FILE_PROBLEM]) from None
        raise ImportRejected([f"文件{refused.detail}。请用 Excel 或 WPS 重新另存为 .xlsx 后再上传。"]) from None
    _check_row_counts(data, limits.max_rows)
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    # openpyxl fails on a damaged or foreign package in whichever layer notices first (zip, XML, its own
    # readers), with errors of many kinds; every one of them means the same thing to the user.
    except Exception:
        raise ImportRejected([FILE_PROBLEM]) from None


# A row element, with or without a namespace prefix (not <rowBreaks>).
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
# Header rows and notes above the data that read_rows' own limit allows for.
_HEADER_ROWS_ALLOWANCE = 20


def _check_row_counts(data: bytes, max_rows: int) -> None:
    """Counts the row elements of every sheet part in one streaming pass (a few ms per 10 MB) and refuses
    an oversized sheet before openpyxl parses it, which it does twice when the sheet omits its size."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for member in archive.infolist():
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            rows = 0
            tail = b""
            try:
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        window = tail + chunk
                        rows += len(_ROW_TAG.findall(window))
                        # keep the last bytes, minus any whole tag already counted in them
                        tail = window[-16:]
                        rows -= len(_ROW_TAG.findall(tail))
                        if rows > max_rows + _HEADER_ROWS_ALLOWANCE:
                            break
            except ZIP_ERRORS:
                raise ImportRejected([FILE_PROBLEM]) from None
            if rows > max_rows + _HEADER_ROWS_ALLOWANCE:
                raise ImportRejected([f"文件中的工作表超过每次导入 {max_rows:,} 行的上限。请拆分后分批导入。"])


def too_many_rows(sheet_name: str, max_rows: int) -> ImportRejected:
    return ImportRejected([f"工作表“{sheet_name}”超过每次导入 {max_rows:,} 行的上限。请拆分后分批导入。"])


def read_rows(workbook: Any, sheet_name: str, *, max_rows: int, min_row: int = 1) -> list[tuple[Any, ...]]:
    """The rows of `sheet_name` from `min_row` on, as tuples of values; refuses a sheet over `max_rows`
    rows from its declared size before reading it, and stops reading at `max_rows` + 1 otherwise."""
    sheet = workbook[sheet_name]
    # The size the sheet declares (<dimension>), if any: read-only sheets compute `max_row` by reading
    # the whole sheet when it is missing, which is what this limit is there to avoid.
    declared = getattr(sheet, "_max_row", None)
    if isinstance(declared, int) and declared - min_row + 1 > max_rows:
        raise too_many_rows(sheet_name, max_rows)
    rows: list[tuple[Any, ...]] = []
    try:
        for row in sheet.iter_rows(min_row=min_row, values_only=True):
            rows.append(tuple(row))
            if len(rows) > max_rows:
                raise too_many_rows(sheet_name, max_rows)
    except ImportRejected:
        raise
    except Exception:  # the sheet's XML is read lazily: a damaged part fails here, not in open_workbook
        raise ImportRejected([FILE_PROBLEM]) from None
    return rows


# A refused value is quoted in the message by its first characters only (a cell may hold a page of text).
SHOWN_VALUE_CHARS = 50


def value_excerpt(text: str) -> str:
    """The start of a refused value as a message quotes it."""
    return text[:SHOWN_VALUE_CHARS]


def cell_text(value: Any) -> str:
    """A cell as text, runs of white space made one space; None is ''; 12.0 is '12'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return " ".join(str(value).split())


def cell_name(sheet_name: str, line: int, column: int, header: str) -> str:
    """``部门单位 第3行 C列(全称)``; `column` counts from 1."""
    return f"{sheet_name} 第{line}行 {get_column_letter(column)}列({header})"


_NO_VALUE = object()


class RowErrors:
    """Every problem of one sheet, each naming row, column (its Chinese header) and value."""

    def __init__(self, sheet_name: str) -> None:
        self.sheet_name = sheet_name
        self.problems: list[str] = []

    def add(self, line: int, column: int, header: str, message: str, value: Any = _NO_VALUE) -> None:
        """`column` counts from 1; `value`, when given, is quoted after the cell's name."""
        shown = "" if value is _NO_VALUE else f" “{value_excerpt(cell_text(value))}”"
        self.problems.append(f"{cell_name(self.sheet_name, line, column, header)}{shown}: {message}")

    def read(
        self, line: int, column: int, header: str, value: Any, reader: Callable[..., T], **options: Any
    ) -> T | None:
        """reader(value, **options), or None with the CellError recorded against the cell."""
        try:
            return reader(value, **options)
        except CellError as error:
            self.add(line, column, header, error.message, value)
            return None

    def extend(self, problems: Iterable[str]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRejected(list(self.problems))


def read_text(value: Any, *, max_length: int, required: bool = False, keep_lines: bool = False) -> str:
    """The cell's text (spaces collapsed, or only trimmed when `keep_lines`), at most `max_length`."""
    if not keep_lines:
        text = cell_text(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = "" if value is None else str(value).strip()
    if required and not text:
        raise CellError("不能为空")
    if len(text) > max_length:
        raise CellError(f"长度为 {len(text)} 个字, 超过 {max_length} 个字的上限")
    return text


def read_decimal(value: Any, *, max_digits: int, decimal_places: int, minimum: Decimal | None = None) -> Decimal:
    """A number cell (or plain numeric text like '1,200.5') as written, rounded half up when it has more than
    `decimal_places` places, refused when its integer part needs more than `max_digits - decimal_places`
    digits (so `1e400` or a 30-digit number is a row error)."""
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = cell_text(value).replace(",", "").replace("，", "")
        if len(text) > 100:
            raise CellError("应为数字")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("应为数字") from None
    if not number.is_finite():
        raise CellError("应为数字")
    integer_digits = max_digits - decimal_places
    if number != 0 and number.adjusted() >= integer_digits:
        raise CellError(f"数值超出范围 (整数部分最多 {integer_digits} 位)")
    rounded = number
    if number.as_tuple().exponent < -decimal_places:  # type: ignore[operator]
        rounded = number.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # -0 is 0
    if minimum is not None and rounded < minimum:
        raise CellError(f"不能小于 {minimum}")
    return rounded


def read_integer(value: Any, *, minimum: int, maximum: int) -> int:
    """A whole number between `minimum` and `maximum`."""
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value)
    if not re.fullmatch(r"[+-]?\d{1,30}", text):
        raise CellError("应为整数")
    number = int(text)
    if not minimum <= number <= maximum:
        raise CellError(f"应在 {minimum} 到 {maximum} 之间")
    return number


_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})?\s*日?)?$")


def read_date(value: Any, *, month_only: bool = False) -> date:
    """A date cell or text like 2023-06-15, 2023年6月15日, 2023.6 (the 1st when no day; always the 1st
    when `month_only`)."""
    if isinstance(value, datetime | date):
        return date(value.year, value.month, 1 if month_only else value.day)
    match = _DATE.match(cell_text(value))
    if not match:
        raise CellError("应为年月, 如 2023-06" if month_only else "应为日期, 如 2023-06-15")
    day = 1 if month_only or match.group(3) is None else int(match.group(3))
    try:
        return date(int(match.group(1)), int(match.group(2)), day)
    except ValueError:
        raise CellError("不是有效的日期") from None


def read_choice(value: Any, *, choices: Mapping[str, str]) -> str:
    """The stored value of a label in `choices` (label → value)."""
    label = cell_text(value)
    if label not in choices:
        raise CellError(f"应为 {'/'.join(choices)} 之一")
    return choices[label]


# ---------------------------------------------------------------------------------------------- writing


def needs_text_guard(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith(FORMULA_TRIGGERS) or bool(ILLEGAL_CHARACTERS_RE.search(value)))


def writable(value: Any) -> Any:
    """`value` without the control characters a worksheet cannot hold (openpyxl raises on them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _guard(cell: Cell, value: Any) -> Cell:
    if needs_text_guard(value):
        cell.data_type = "s"  # a string cell, whatever it begins with: openpyxl would make '=…' a formula
        cell.quotePrefix = True  # Excel's own 'typed as text' mark, so editing the cell keeps it text
    return cell


def write_cell(sheet: Any, row: int, column: int, value: Any) -> Cell:
    """sheet.cell(row, column, value), with formula-like text written as text and control characters a
    worksheet cannot hold left out."""
    value = writable(value)
    cell: Cell = sheet.cell(row=row, column=column, value=value)
    return _guard(cell, value)


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """sheet.append(values), with formula-like text written as text and control characters left out."""
    # The cell gets a provisional position: a write-only sheet first tries the Cell as a plain value, and the
    # message of that refusal prints the cell's coordinate (a TypeError without one); append() then moves it.
    cells = [
        _guard(Cell(sheet, row=1, column=1, value=writable(value)), writable(value))
        if needs_text_guard(value) else value
        for value in values
    ]
    sheet.append(cells)
