"""Which reader a file goes to: content first, extension second."""

from __future__ import annotations

import io
import zipfile

import pytest

from blueledger.documents.reading import DocumentReadError
from blueledger.documents.reading.sniffing import sniff_format
from blueledger.documents.reading.tests.document_factories import make_text_pdf, make_work_plan_docx

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
UNSUPPORTED_ADVICE = "请在 Word 或 WPS 中另存为 .docx 后再上传（也可上传 PDF、网页或纯文本文件）。"


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (make_work_plan_docx(), "计划.docx", "docx"),
        (make_work_plan_docx(), "计划", "docx"),
        (make_text_pdf([["方案。"]]), "方案.dat", "pdf"),
        (b"\n<!DOCTYPE html><html><body>x</body></html>", "page.txt", "html"),
        ("<html>通知</html>".encode("utf-16"), "page", "html"),
        (b"<p>no head</p>", "page.htm", "html"),
        ("海洋工作要点".encode(), "要点.md", "txt"),
        ("海洋工作要点".encode("gb18030"), "要点.doc", "txt"),
    ],
)
def test_format_is_sniffed(data: bytes, filename: str, expected: str) -> None:
    assert sniff_format(data, filename) == expected


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("总结.doc", f"文件“总结.doc”是旧版 Word 文档（.doc）格式，暂不支持读取。{UNSUPPORTED_ADVICE}"),
        ("总结.wps", f"文件“总结.wps”是旧版 Word 文档（.doc）格式，暂不支持读取。{UNSUPPORTED_ADVICE}"),
        (
            "目标.xls",
            f"文件“目标.xls”是旧版 Office 二进制格式（.xls/.ppt），暂不支持读取。{UNSUPPORTED_ADVICE}",
        ),
    ],
)
def test_old_binary_office_files_are_refused(filename: str, message: str) -> None:
    with pytest.raises(DocumentReadError) as refused:
        sniff_format(OLE_HEADER, filename)
    assert (refused.value.code, refused.value.message) == ("unsupported_format", message)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_zip("xl/workbook.xml"), "是 Excel 表格（.xlsx）"),
        (_zip("OFD.xml"), "是 OFD 版式文件"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "是图片（PNG）"),
        (b"{\\rtf1\\ansi \\u28023?}", "是 RTF 格式"),
    ],
)
def test_other_known_formats_are_refused_by_content(data: bytes, kind: str) -> None:
    with pytest.raises(DocumentReadError) as refused:
        sniff_format(data, "上传文件.docx")
    assert (refused.value.code, refused.value.message) == (
        "unsupported_format",
        f"文件“上传文件.docx”{kind}，暂不支持读取。{UNSUPPORTED_ADVICE}",
    )


def test_windows_browser_path_is_reduced_to_the_file_name() -> None:
    with pytest.raises(DocumentReadError) as refused:
        sniff_format(OLE_HEADER, "C:\\fakepath\\总结.doc")
    assert refused.value.message.startswith("文件“总结.doc”")
