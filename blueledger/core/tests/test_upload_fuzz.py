"""Generated files through every upload path (hypothesis): whatever arrives, the answer is a page (200, 302
or 400), never a 500; a refusal writes nothing. Bounded to run in a few seconds."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from blueledger.core.tests.test_hostile_uploads import UploadPath, _row_counts, post_file, upload_paths  # noqa: F401
from blueledger.lib.tests.hostile_files import PLAN_LINES, HostileFile, docx_package
from blueledger.orgs.exports import DEPARTMENT_COLUMNS, DEPARTMENT_SHEET
from blueledger.projects.exports import DEFAULT_COLUMNS, DISPATCH_SHEET

CELL_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["=HYPERLINK(\"http://x\",\"y\")", "1e400", "9" * 30, "-0", "NaN", "Infinity", "370200",
                     "政府工作部门", "黄岛区", "海洋渔业", "新开工", "2023-13", "是", "计" * 400, "\x00\x01"]),
)
CELL = st.one_of(st.none(), CELL_TEXT, st.integers(min_value=-(10**30), max_value=10**30),
                 st.floats(allow_nan=True, allow_infinity=True))


def _sheet(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _timeless(buffer.getvalue())


def _timeless(data: bytes) -> bytes:
    """The workbook with its save time (docProps/core.xml, the zip members' dates) fixed: the same draw must give
    the same bytes, or hypothesis finds the strategy flaky when a save falls on another second."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", content)
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    layout = draw(st.sampled_from(["departments", "dispatch"]))
    header = list(DEPARTMENT_COLUMNS) if layout == "departments" else list(DEFAULT_COLUMNS.values())
    rows = draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), min_size=1, max_size=4))
    try:
        return _sheet(DEPARTMENT_SHEET if layout == "departments" else DISPATCH_SHEET, header, rows)
    except (ValueError, TypeError):  # openpyxl refuses some generated values itself (illegal characters)
        return _sheet(DEPARTMENT_SHEET, header, [])


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A valid xlsx or docx with bytes overwritten, cut short, or a part replaced by junk."""
    base = draw(st.one_of(workbooks(), st.just(docx_package(PLAN_LINES))))
    how = draw(st.sampled_from(["flip", "truncate", "junk part"]))
    if how == "truncate":
        return base[: draw(st.integers(min_value=0, max_value=len(base)))]
    if how == "flip":
        data = bytearray(base)
        for _ in range(draw(st.integers(min_value=1, max_value=20))):
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    source = zipfile.ZipFile(io.BytesIO(base))
    victim = draw(st.sampled_from(source.namelist()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, draw(st.binary(max_size=200)) if name == victim else source.read(name))
    return buffer.getvalue()


FILES = st.one_of(st.binary(max_size=2000), workbooks(), damaged(),
                  st.text(max_size=500).map(lambda text: text.encode("utf-8", "surrogatepass")))
NAMES = st.sampled_from(["计划.docx", "部门.xlsx", "计划.txt", "计划.pdf", "../../x.xlsx", "a", "表.XLSX"])


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=FILES, filename=NAMES, path_index=st.integers(min_value=0, max_value=4))
def test_no_generated_upload_gives_a_500_or_a_partial_write(
    upload_paths: list[UploadPath], data: bytes, filename: str, path_index: int  # noqa: F811
) -> None:
    path = upload_paths[path_index]
    before = _row_counts()
    status, _body = post_file(path, HostileFile("generated", filename, data))
    assert status in (200, 302, 400)
    if status != 302:
        assert _row_counts() == before
