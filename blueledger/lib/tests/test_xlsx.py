"""The Excel scaffold: typed cell readers, row errors naming sheet/row/column/value, refusals before
parsing, row limits, and the formula-safe writer."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from blueledger.lib import xlsx
from blueledger.lib.ooxml import MB, PackageLimits
from blueledger.lib.tests.hostile_files import big_sheet_xlsx, corpus, unknown_zip_version


def _refusal(reader: Any, value: Any, **options: Any) -> str:
    with pytest.raises(xlsx.CellError) as refused:
        reader(value, **options)
    return refused.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [(50, Decimal(50)), (12.5, Decimal("12.5")), ("1,200.5", Decimal("1200.5")), ("12.345", Decimal("12.35")),
     ("-0", Decimal(0)), (" 7 ", Decimal(7)), ("999999999999.99", Decimal("999999999999.99"))],
)
def test_decimal_reads_numbers_within_the_field(value: Any, expected: Decimal) -> None:
    assert xlsx.read_decimal(value, max_digits=14, decimal_places=2) == expected


@pytest.mark.parametrize("value", ["1e400", "9" * 30, 1e300, "1000000000000"])
def test_decimal_beyond_the_field_is_a_cell_error(value: Any) -> None:
    assert _refusal(xlsx.read_decimal, value, max_digits=14, decimal_places=2) == "数值超出范围 (整数部分最多 12 位)"


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", True, "1" * 200, float("inf")])
def test_decimal_that_is_not_a_number_is_a_cell_error(value: Any) -> None:
    assert _refusal(xlsx.read_decimal, value, max_digits=14, decimal_places=2) == "应为数字"


def test_decimal_minimum() -> None:
    assert _refusal(xlsx.read_decimal, -1, max_digits=14, decimal_places=2, minimum=Decimal(0)) == "不能小于 0"


def test_text_is_collapsed_and_bounded_by_the_field_length() -> None:
    assert xlsx.read_text("  青岛 \n 市 ", max_length=10) == "青岛 市"
    assert xlsx.read_text("第一行\n第二行 ", max_length=10, keep_lines=True) == "第一行\n第二行"
    assert xlsx.read_text(12.0, max_length=10) == "12"
    assert _refusal(xlsx.read_text, "计" * 400, max_length=200) == "长度为 400 个字, 超过 200 个字的上限"
    assert _refusal(xlsx.read_text, None, max_length=10, required=True) == "不能为空"


def test_integer_date_and_choice() -> None:
    assert xlsx.read_integer("12", minimum=1, maximum=20) == 12
    assert xlsx.read_integer(3.0, minimum=1, maximum=20) == 3
    assert _refusal(xlsx.read_integer, "1e3", minimum=1, maximum=20) == "应为整数"
    assert _refusal(xlsx.read_integer, 99, minimum=1, maximum=20) == "应在 1 到 20 之间"
    assert xlsx.read_date("2023年6月15日") == date(2023, 6, 15)
    assert xlsx.read_date(datetime(2023, 6, 15, 8, 0), month_only=True) == date(2023, 6, 1)
    assert xlsx.read_date("2023.6", month_only=True) == date(2023, 6, 1)
    assert _refusal(xlsx.read_date, "2023-13", month_only=True) == "不是有效的日期"
    assert _refusal(xlsx.read_date, "六月", month_only=True) == "应为年月, 如 2023-06"
    assert xlsx.read_choice("新开工", choices={"新开工": "new", "续建": "continued"}) == "new"
    assert _refusal(xlsx.read_choice, "其他", choices={"新开工": "new", "续建": "continued"}) == "应为 新开工/续建 之一"


def test_row_errors_name_sheet_row_column_and_value_and_reject_all_at_once() -> None:
    errors = xlsx.RowErrors("重点项目调度表")
    assert errors.read(3, 7, "总投资(万元)", "1e400", xlsx.read_decimal, max_digits=14, decimal_places=2) is None
    assert errors.read(4, 7, "总投资(万元)", "80", xlsx.read_decimal, max_digits=14, decimal_places=2) == 80
    errors.add(5, 2, "项目名称", "项目名称不能为空")
    with pytest.raises(xlsx.ImportRejected) as rejected:
        errors.raise_if_any()
    assert rejected.value.problems == [
        "重点项目调度表 第3行 G列(总投资(万元)) “1e400”: 数值超出范围 (整数部分最多 12 位)",
        "重点项目调度表 第5行 B列(项目名称): 项目名称不能为空",
    ]


def _workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表"
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_are_read_and_limited() -> None:
    workbook = xlsx.open_workbook(_workbook([["a", 1], ["b", 2], ["c", 3]]), xlsx.XlsxLimits())
    assert xlsx.read_rows(workbook, "表", max_rows=3) == [("a", 1), ("b", 2), ("c", 3)]
    assert xlsx.read_rows(workbook, "表", max_rows=2, min_row=2) == [("b", 2), ("c", 3)]
    with pytest.raises(xlsx.ImportRejected, match="超过每次导入 2 行的上限"):
        xlsx.read_rows(workbook, "表", max_rows=2)


@pytest.mark.parametrize("declared", [True, False])
def test_a_sheet_of_100000_rows_is_refused_before_parsing(declared: bool) -> None:
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.open_workbook(big_sheet_xlsx(100_000, dimension=declared), xlsx.XlsxLimits(max_rows=10_000))
    assert rejected.value.problems == ["文件中的工作表超过每次导入 10,000 行的上限。请拆分后分批导入。"]


def test_a_file_over_the_size_limit_is_refused_unread() -> None:
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.open_workbook(b"PK" + b"\0" * (2 * MB), xlsx.XlsxLimits(max_bytes=MB))
    assert rejected.value.problems == ["文件大小为 2.0 MB，超过了 1.0 MB 的上限。请拆分后分批导入。"]


def test_every_hostile_file_is_refused_with_a_message() -> None:
    limits = xlsx.XlsxLimits(package=PackageLimits())
    for file in corpus():
        if file.kind == "xlsx named .docx":
            continue  # a real workbook, whatever its name
        with pytest.raises(xlsx.ImportRejected) as rejected:
            xlsx.read_rows(xlsx.open_workbook(file.data, limits), "部门单位", max_rows=10_000)
        assert rejected.value.problems, file.kind


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_writer_keeps_formula_like_text_as_text(text: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    xlsx.append_row(sheet, [text, 5, "普通文字", "含\x01控制字符"])
    xlsx.write_cell(sheet, 2, 1, text)
    buffer = BytesIO()
    book.save(buffer)
    reopened = load_workbook(BytesIO(buffer.getvalue())).active
    assert reopened is not None
    assert [(c.value, c.data_type) for c in reopened[1]] == [(text, "s"), (5, "n"), ("普通文字", "s"),
                                                              ("含控制字符", "s")]
    assert (reopened["A2"].value, reopened["A2"].data_type, reopened["A2"].quotePrefix) == (text, "s", True)


def test_writer_keeps_formula_like_text_as_text_in_a_write_only_sheet() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("导出")
    xlsx.append_row(sheet, ["甲", "=1+1", "已报送", "=2", 5])
    buffer = BytesIO()
    book.save(buffer)
    reopened = load_workbook(BytesIO(buffer.getvalue()))["导出"]
    assert [(c.value, c.data_type) for c in reopened[1]] == [("甲", "s"), ("=1+1", "s"), ("已报送", "s"),
                                                              ("=2", "s"), (5, "n")]



def test_a_package_of_an_unknown_zip_version_is_refused_as_damaged() -> None:
    with pytest.raises(xlsx.ImportRejected) as rejected:
        xlsx.open_workbook(unknown_zip_version(_workbook([["a", 1]])), xlsx.XlsxLimits())
    assert rejected.value.problems == [xlsx.FILE_PROBLEM]
