"""The one attachment check: the size rule first, then the type by name and by content; images thumbnailed."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from blueledger.lib.attachments import ACCEPTED_TEXT, AttachmentRefused, attachment_check, thumbnail_jpeg

MB = 1024 * 1024


def png(width: int = 1200, height: int = 900) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


def check(name: str, content: bytes, *, max_bytes: int = MB, any_type: bool = False) -> str:
    stream = BytesIO(content)
    if any_type:
        return attachment_check(name, len(content), stream, max_bytes=max_bytes, types=None)
    return attachment_check(name, len(content), stream, max_bytes=max_bytes)


def test_accepted_files_give_their_content_type() -> None:
    assert check("现场.png", png()) == "image/png"
    assert check("验收报告.pdf", b"%PDF-1.4 x") == "application/pdf"
    assert check("台账.XLSX", b"PK\x03\x04rest") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert check("说明.txt", b"text", any_type=True) == ""


@pytest.mark.parametrize("any_type", [False, True])
def test_a_file_over_the_limit_is_refused_whatever_its_type(any_type: bool) -> None:
    with pytest.raises(AttachmentRefused) as refused:
        check("C:\\fakepath\\大图.pdf", b"%PDF" + b"0" * MB, any_type=any_type)
    assert str(refused.value) == (
        "文件“大图.pdf”大小为 1.01 MB，超过了 1 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [  # the page test of evidence (dispatch/tests/test_report_evidence.py) goes through the other refusals
        ("纪要.docx", b"%PDF-1.4", "“纪要.docx”的内容与文件类型不符, 请另存为 .docx 后再上传。"),
        ("动图.gif", b"GIF89a but cut short", "“动图.gif”不是可以打开的图片。"),
        ("纪要.doc", b"\xd0\xcf\x11\xe0", f"“纪要.doc”的类型不支持; {ACCEPTED_TEXT}。"),
    ],
)
def test_a_file_of_another_kind_than_its_name_says_is_refused(name: str, content: bytes, problem: str) -> None:
    with pytest.raises(AttachmentRefused) as refused:
        check(name, content)
    assert str(refused.value) == problem


def test_the_stream_is_left_at_its_start() -> None:
    stream = BytesIO(png())
    attachment_check("现场.png", len(stream.getvalue()), stream, max_bytes=MB)
    assert stream.tell() == 0
    thumbnail_jpeg(stream)
    assert stream.tell() == 0


def test_a_thumbnail_is_a_jpeg_within_320_pixels() -> None:
    with Image.open(BytesIO(thumbnail_jpeg(BytesIO(png(1200, 900))))) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (320, 240))
