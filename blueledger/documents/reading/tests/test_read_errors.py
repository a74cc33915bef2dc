"""Every refusal of read_document: its code and the exact message the user sees."""

from __future__ import annotations

import io
import pathlib
import random
import zipfile
from typing import Any

import pytest

from blueledger.documents.reading import DocumentReadError, read_document, read_path
from blueledger.documents.reading.tests.document_factories import make_empty_docx, make_work_plan_docx
from blueledger.lib.tests.hostile_files import unknown_zip_version

RESAVE = "请在 Word 或 WPS 中重新另存为 .docx 后再上传。"


def _refusal(data: bytes, filename: str, **options: Any) -> tuple[str, str]:
    with pytest.raises(DocumentReadError) as refused:
        read_document(data, filename, **options)
    return refused.value.code, refused.value.message


def test_empty_file() -> None:
    assert _refusal(b"", "空白.txt") == (
        "empty",
        "文件“空白.txt”是空的，没有任何文字。请检查是否选错了文件。",
    )


def test_whitespace_only_file() -> None:
    assert _refusal(" \r\n\u3000".encode("gb18030"), "空白.txt") == (
        "empty",
        "文件“空白.txt”只有空白，没有文字。请检查是否选错了文件。",
    )


def test_docx_without_any_text() -> None:
    assert _refusal(make_empty_docx(), "空.docx") == (
        "empty",
        "文件“空.docx”里没有可读取的文字。请检查是否选错了文件。",
    )


def test_file_over_a_small_limit_in_bytes() -> None:
    assert _refusal("海洋".encode() * 400, "大.txt", max_bytes=2000) == (
        "too_large",
        "文件“大.txt”大小为 2,400 字节，超过了 2,000 字节 的上限。请删去其中的图片或拆分成几个文件后再上传。",
    )


def test_file_over_the_limit_in_megabytes() -> None:
    data = b"a" * (3 * 1024 * 1024 + 1)
    assert _refusal(data, "大.txt", max_bytes=3 * 1024 * 1024) == (
        "too_large",
        "文件“大.txt”大小为 3.01 MB，超过了 3 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。",
    )


def test_read_path_refuses_an_oversized_file_before_reading_it(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "大.pdf"
    path.write_bytes(b"%PDF-1.4" + bytes(5000))
    with pytest.raises(DocumentReadError) as refused:
        read_path(path, max_bytes=1000)
    assert refused.value.code == "too_large"


def test_random_bytes_are_binary() -> None:
    assert _refusal(random.Random(7).randbytes(2048), "数据.txt") == (
        "binary",
        "文件“数据.txt”含有空字节，是二进制文件而不是文本。请上传 Word（.docx）、PDF、网页或纯文本文件。",
    )


def test_undecodable_text_names_the_byte() -> None:
    data = "海洋经济运行".encode("gb18030") + b"\x80" + "监测".encode("gb18030")
    assert _refusal(data, "乱码.txt") == (
        "undecodable",
        "文件“乱码.txt”的文字编码无法识别：按 UTF-8、GB18030 和 Big5 都无法解码，第 13 个字节（0x80）处出错。"
        "请用记事本或 WPS 打开后另存为 UTF-8 编码的文本再上传。",
    )


def test_truncated_docx_is_corrupt() -> None:
    data = make_work_plan_docx()
    assert _refusal(data[: len(data) // 2], "要点.docx") == (
        "corrupt",
        "文件“要点.docx”已损坏或不完整（无法作为 Word 文档打开）。请重新保存或重新下载后再上传。",
    )


def test_docx_whose_document_part_is_missing_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    assert _refusal(buffer.getvalue(), "要点.docx") == (
        "corrupt",
        f"文件“要点.docx”已损坏（缺少正文部分 word/document.xml）。{RESAVE}",
    )


def test_docx_with_broken_xml_is_corrupt() -> None:
    source = zipfile.ZipFile(io.BytesIO(make_work_plan_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item)
            archive.writestr(item, content[:100] if item.filename == "word/document.xml" else content)
    assert _refusal(buffer.getvalue(), "要点.docx") == (
        "corrupt",
        f"文件“要点.docx”已损坏，无法作为 Word 文档打开。{RESAVE}",
    )


def test_docx_name_on_other_content_is_corrupt() -> None:
    assert _refusal(b"\x00\x01\x02 not a zip", "要点.docx") == (
        "corrupt",
        f"文件“要点.docx”的扩展名是 .docx，但内容不是 Word 文档。{RESAVE}",
    )


def test_old_word_document_is_unsupported() -> None:
    assert _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "总结.doc") == (
        "unsupported_format",
        "文件“总结.doc”是旧版 Word 文档（.doc）格式，暂不支持读取。"
        "请在 Word 或 WPS 中另存为 .docx 后再上传（也可上传 PDF、网页或纯文本文件）。",
    )


def test_a_docx_of_an_unknown_zip_version_is_refused_as_damaged() -> None:
    assert _refusal(unknown_zip_version(make_work_plan_docx()), "要点.docx") == (
        "corrupt", "文件“要点.docx”已损坏或不完整（无法作为 Word 文档打开）。请重新保存或重新下载后再上传。",
    )
