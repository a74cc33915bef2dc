"""Whatever a cell holds, each typed reader returns a value within its bounds or raises CellError; whatever
bytes arrive, open_workbook and read_rows return rows or raise ImportRejected, nothing else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from blueledger.lib import xlsx
from blueledger.lib.tests.hostile_files import sheet_xml, xlsx_package

CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=60), st.dates(),
    st.decimals(allow_nan=True).map(str), st.sampled_from(["1e400", "-1e400", "9" * 30, "1,2,3", "１２", "0x10"]),
)


@settings(max_examples=300, deadline=None)
@given(value=CELLS)
def test_decimal_reader_is_bounded_or_refuses(value: Any) -> None:
    try:
        number = xlsx.read_decimal(value, max_digits=14, decimal_places=2)
    except xlsx.CellError:
        return
    assert number.is_finite()
    assert abs(number) < Decimal(10) ** 12
    assert number.as_tuple().exponent >= -2  # type: ignore[operator]


@settings(max_examples=300, deadline=None)
@given(value=CELLS)
def test_text_integer_date_and_choice_readers_are_bounded_or_refuse(value: Any) -> None:
    for reader, options, check in (
        (xlsx.read_text, {"max_length": 20}, lambda out: isinstance(out, str) and len(out) <= 20),
        (xlsx.read_integer, {"minimum": -5, "maximum": 5}, lambda out: -5 <= out <= 5),
        (xlsx.read_date, {"month_only": True}, lambda out: isinstance(out, date) and out.day == 1),
        (xlsx.read_choice, {"choices": {"是": "yes", "否": "no"}}, lambda out: out in ("yes", "no")),
    ):
        try:
            result = reader(value, **options)
        except xlsx.CellError:
            continue
        assert check(result), (reader, value, result)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=8), cut=st.integers(0, 4000),
       flips=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), max_size=6))
def test_workbook_bytes_are_read_or_refused(rows: list[list[str]], cut: int, flips: list[tuple[int, int]]) -> None:
    clean = [[text for text in row if text.isprintable()] for row in rows]
    data = bytearray(xlsx_package({"表": sheet_xml(clean)}))
    for offset, byte in flips:
        if offset < len(data):
            data[offset] = byte
    if cut:
        data = data[: max(cut, 10)]
    try:
        workbook = xlsx.open_workbook(bytes(data), xlsx.XlsxLimits())
        if "表" in workbook.sheetnames:
            xlsx.read_rows(workbook, "表", max_rows=100)
    except xlsx.ImportRejected as rejected:
        assert rejected.problems
