"""Decide which reader a file goes to: by its content first, its extension second."""

from __future__ import annotations

import io
import re
import zipfile

from blueledger.documents.reading import refusals
from blueledger.documents.reading.model import DocumentFormat
from blueledger.lib.ooxml import ZIP_ERRORS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# The PDF standard lets a file carry junk before its header; readers look at the first 1 KB.
_PDF_HEADER_WINDOW_BYTES = 1024
_HTML_SNIFF_WINDOW_BYTES = 2048
_HTML_MARKER = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s[^>]*charset)")

# Recognisable non-text formats people upload by mistake, with what to call them.
_OTHER_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "是 RTF 格式"),
    (b"\x89PNG\r\n\x1a\n", "是图片（PNG）"),
    (b"\xff\xd8\xff", "是图片（JPEG）"),
    (b"GIF8", "是图片（GIF）"),
    (b"II*\x00", "是图片（TIFF）"),
    (b"MM\x00*", "是图片（TIFF）"),
    (b"Rar!\x1a\x07", "是 RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "是 7z 压缩包"),
    (b"\x1f\x8b", "是 gzip 压缩包"),
)

_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("OFD.xml", "是 OFD 版式文件"),
    ("xl/workbook.xml", "是 Excel 表格（.xlsx）"),
    ("ppt/presentation.xml", "是 PowerPoint 演示文稿（.pptx）"),
    ("content.xml", "是 OpenDocument 文件"),
)

_RESAVE_AS_DOCX = "请在 Word 或 WPS 中重新另存为 .docx 后再上传。"

_EXTENSION_FORMATS: dict[str, DocumentFormat] = {
    "docx": "docx",
    "docm": "docx",
    "pdf": "pdf",
    "html": "html",
    "htm": "html",
    "shtml": "html",
    "xhtml": "html",
}


def sniff_format(data: bytes, filename: str) -> DocumentFormat:
    """Return the reader for `data`, or raise DocumentReadError for formats we do not read.

    Anything not recognised as docx, pdf or html goes to the plain-text reader, which
    refuses binary content itself.
    """
    extension = _extension(filename)
    head = data[:_HTML_SNIFF_WINDOW_BYTES]

    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data, filename, extension)
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW_BYTES]:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        if extension in {"xls", "et", "ppt", "dps"}:
            raise refusals.unsupported(filename, "是旧版 Office 二进制格式（.xls/.ppt）")
        raise refusals.unsupported(filename, "是旧版 Word 文档（.doc）格式")
    for magic, kind in _OTHER_MAGICS:
        if data.startswith(magic):
            raise refusals.unsupported(filename, kind)
    # UTF-16 pages put a NUL after every ASCII byte; drop them to see the markup.
    if _HTML_MARKER.search(head.replace(b"\x00", b"").lower()):
        return "html"

    by_extension = _EXTENSION_FORMATS.get(extension)
    if by_extension == "docx":
        raise refusals.corrupt(filename, "的扩展名是 .docx，但内容不是 Word 文档", _RESAVE_AS_DOCX)
    if by_extension == "pdf":
        raise refusals.corrupt(
            filename, "的扩展名是 .pdf，但内容不是 PDF（缺少 %PDF- 文件头）", "请重新导出 PDF 后再上传。"
        )
    if by_extension == "html":
        return "html"
    return "txt"


def _sniff_zip(data: bytes, filename: str, extension: str) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS as error:
        if extension in {"docx", "docm"}:
            raise refusals.corrupt(
                filename, "已损坏或不完整（无法作为 Word 文档打开）", "请重新保存或重新下载后再上传。"
            ) from error
        raise refusals.unsupported(filename, "是已损坏的压缩包") from error
    if "word/document.xml" in names:
        return "docx"
    for member, kind in _ZIP_KINDS:
        if member in names:
            raise refusals.unsupported(filename, kind)
    if extension in {"docx", "docm"}:
        raise refusals.corrupt(filename, "已损坏（缺少正文部分 word/document.xml）", _RESAVE_AS_DOCX)
    raise refusals.unsupported(filename, "是压缩包")


def _extension(filename: str) -> str:
    name = refusals.display_name(filename)
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
