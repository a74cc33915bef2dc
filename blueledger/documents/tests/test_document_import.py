"""Importing an upload: good files become a document and a draft ledger; every bad file gets a Chinese
message naming the file, and nothing is written — no Document, no Ledger, no file under MEDIA_ROOT."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.documents.models import Document
from blueledger.documents.reading.tests.document_factories import make_scanned_pdf
from blueledger.documents.services import DocumentDuplicate
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

PLAN = "青岛市海洋发展局2025年工作要点\n\n一、海洋经济\n海洋生产总值增长6%。\n"


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(root.rglob("*")) if root.exists() else []


def test_utf8_text_becomes_document_and_draft_ledger(shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)
    data = PLAN.encode("utf-8")
    document = document_import(
        actor=dispatcher, data=data, filename="C:\\fakepath\\要点.txt", region=shandong["qingdao"]
    )
    assert (document.original_filename, document.format, document.encoding, document.size_bytes) == (
        "要点.txt", "txt", "utf-8", len(data)
    )
    assert bytes(document.content) == data
    assert document.text == PLAN
    assert len(document.sha256) == 64 and document.uploaded_by == dispatcher
    assert document.history.get().history_user == dispatcher
    assert document.ledger.title == "青岛市海洋发展局2025年工作要点"
    assert document.ledger.status == "draft"


def test_gbk_text_is_decoded(shandong: dict[str, Any]) -> None:
    document = document_import(actor=None, data=PLAN.encode("gbk"), filename="要点.txt", region=shandong["qingdao"])
    assert document.encoding == "gb18030"
    assert document.text == PLAN
    assert document.ledger.quantities.get().metric == "海洋生产总值增长"


BAD_FILES = [
    (b"", "空.txt", "文件“空.txt”是空的，没有任何文字。请检查是否选错了文件。"),
    (
        random.Random(7).randbytes(2048),
        "数据.txt",
        "文件“数据.txt”含有空字节，是二进制文件而不是文本。请上传 Word（.docx）、PDF、网页或纯文本文件。",
    ),
    (
        make_scanned_pdf(),
        "扫描件.pdf",
        "文件“扫描件.pdf”没有文字层（可能是扫描件），无法提取文字。请上传含文字的 PDF，或先做文字识别（OCR）后再导入。",
    ),
    (
        "海洋经济运行".encode("gb18030") + b"\x80" + "监测".encode("gb18030"),
        "乱码.txt",
        "文件“乱码.txt”的文字编码无法识别：按 UTF-8、GB18030 和 Big5 都无法解码，第 13 个字节（0x80）处出错。"
        "请用记事本或 WPS 打开后另存为 UTF-8 编码的文本再上传。",
    ),
]


@pytest.mark.parametrize(("data", "filename", "message"), BAD_FILES, ids=["empty", "binary", "scanned", "encoding"])
def test_bad_file_is_refused_and_nothing_written(
    shandong: dict[str, Any], data: bytes, filename: str, message: str
) -> None:
    files_before = media_files()
    with pytest.raises(ValidationError) as refused:
        document_import(actor=None, data=data, filename=filename, region=shandong["qingdao"])
    assert refused.value.messages == [message]
    assert (Document.objects.count(), Ledger.objects.count()) == (0, 0)
    assert media_files() == files_before


def test_file_over_the_upload_limit_is_refused(shandong: dict[str, Any], settings: Any) -> None:
    settings.UPLOAD_LIMIT_MB = 1
    files_before = media_files()
    with pytest.raises(ValidationError) as refused:
        document_import(actor=None, data=b"a" * (1024 * 1024 + 1), filename="大.txt", region=shandong["qingdao"])
    assert refused.value.messages == [
        "文件“大.txt”大小为 1.01 MB，超过了 1 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。"
    ]
    assert (Document.objects.count(), Ledger.objects.count()) == (0, 0)
    assert media_files() == files_before


def test_same_file_twice_in_a_region_points_to_the_first(shandong: dict[str, Any]) -> None:
    first = document_import(actor=None, data=PLAN.encode(), filename="要点.txt", region=shandong["qingdao"])
    with pytest.raises(DocumentDuplicate) as refused:
        document_import(actor=None, data=PLAN.encode(), filename="要点副本.txt", region=shandong["qingdao"])
    assert refused.value.existing == first
    assert refused.value.messages[0].startswith("文件“要点副本.txt”与 ")
    assert refused.value.messages[0].endswith(
        "导入青岛市的“要点.txt”内容完全相同, 不再重复导入。请打开已有的台账继续处理。"
    )
    assert (Document.objects.count(), Ledger.objects.count()) == (1, 1)
    # Another region may import the same file.
    document_import(actor=None, data=PLAN.encode(), filename="要点.txt", region=shandong["weifang"])
    assert Document.objects.count() == 2


@pytest.mark.parametrize("role", [Role.REPORTER, Role.VIEWER])
def test_only_dispatchers_import(shandong: dict[str, Any], role: str) -> None:
    user = make_user(make_department(shandong["qingdao"], "市海洋发展局"), role)
    with pytest.raises(PermissionDenied):
        document_import(actor=user, data=PLAN.encode(), filename="要点.txt", region=shandong["qingdao"])
    assert (Document.objects.count(), Ledger.objects.count()) == (0, 0)


def test_dispatcher_imports_only_into_the_scope(shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["huangdao"], "区海洋发展局"), Role.DISPATCHER)
    with pytest.raises(PermissionDenied):
        document_import(actor=dispatcher, data=PLAN.encode(), filename="要点.txt", region=shandong["qingdao"])
    assert Document.objects.count() == 0
