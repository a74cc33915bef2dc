"""PDF files with and without a text layer."""

from __future__ import annotations

import io

import pypdf
import pytest

from blueledger.documents.reading import DocumentReadError, ReadDocument, read_document
from blueledger.documents.reading.tests.document_factories import (
    make_mixed_pdf,
    make_scanned_pdf,
    make_text_pdf,
)

# Lines as a 14-point layout breaks them: the second paragraph runs over the page break.
PLAN_PAGES = [
    [
        "威海市海洋发展局2023年工作思路",
        "一、全力以赴稳定海洋经济运行",
        "1.健全大抓经济工作机制。完善市委海洋委、海洋办运行机制，发挥",
        "抓统筹、抓协调、抓督促、抓落实作用，突出海洋经济发展考核导向，",
        "推动海洋强市建设任务落实。",
        "2.加强海洋经济运行服务。建立县处级干部分包联系重点涉海企业和重",
    ],
    [
        "点项目制度，开展惠企政策宣讲，畅通企业反映问题渠道，强化问题交",
        "办、转办、督办。",
        "（二）推进海洋产业重点项目实施",
        "筛选建立海洋产业重点项目库，明确每个项目的时间表和路线图，推进",
        "3.项目早开工、早投产、早达效。",
    ],
]


def test_text_layer_is_read_with_wraps_joined_and_running_lines_dropped() -> None:
    data = make_text_pdf(PLAN_PAGES, running_head="威海市海洋发展局文件")
    assert read_document(data, "工作思路.pdf") == ReadDocument(
        text=(
            "威海市海洋发展局2023年工作思路\n"
            "一、全力以赴稳定海洋经济运行\n"
            "1.健全大抓经济工作机制。完善市委海洋委、海洋办运行机制，发挥抓统筹、抓协调、抓督促、"
            "抓落实作用，突出海洋经济发展考核导向，推动海洋强市建设任务落实。\n"
            "2.加强海洋经济运行服务。建立县处级干部分包联系重点涉海企业和重点项目制度，开展惠企政策宣讲，"
            "畅通企业反映问题渠道，强化问题交办、转办、督办。\n"
            "（二）推进海洋产业重点项目实施\n"
            # a full line without punctuation is still not joined to a numbered item
            "筛选建立海洋产业重点项目库，明确每个项目的时间表和路线图，推进\n"
            "3.项目早开工、早投产、早达效。"
        ),
        format="pdf",
        encoding=None,
        warnings=(),
    )


def test_pdf_is_recognised_by_content_whatever_its_name() -> None:
    assert read_document(make_text_pdf([["海洋牧场建设方案。"]]), "scan.txt").format == "pdf"


def test_scanned_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(DocumentReadError) as refused:
        read_document(make_scanned_pdf(page_count=2), "计划.pdf")
    assert (refused.value.code, refused.value.message) == (
        "no_text_layer",
        "文件“计划.pdf”没有文字层（可能是扫描件），无法提取文字。"
        "请上传含文字的 PDF，或先做文字识别（OCR）后再导入。",
    )


def test_scanned_page_among_text_pages_is_reported() -> None:
    assert read_document(make_mixed_pdf(), "附件.pdf") == ReadDocument(
        text="附件一：海洋牧场建设情况。",
        format="pdf",
        encoding=None,
        warnings=("第 2 页没有文字层（可能是扫描页或空白页），这些页的内容没有读取。",),
    )


def _encrypted(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_with_an_open_password_is_refused_as_corrupt() -> None:
    with pytest.raises(DocumentReadError) as refused:
        read_document(_encrypted(make_text_pdf([["内部资料。"]]), "secret"), "内部.pdf")
    assert (refused.value.code, refused.value.message) == (
        "corrupt",
        "文件“内部.pdf”设有打开密码，无法读取。请去除密码（或另存为未加密的 PDF）后再上传。",
    )


def test_pdf_encrypted_only_against_printing_is_read() -> None:
    data = _encrypted(make_text_pdf([["海洋牧场建设方案。"]]), "")
    assert read_document(data, "方案.pdf").text == "海洋牧场建设方案。"


@pytest.mark.parametrize(
    "data",
    [
        make_text_pdf([["海洋牧场建设方案。"]])[:600],  # download cut short
        b"%PDF-1.7\n" + bytes(range(256)) * 8,  # header, then rubbish
    ],
)
def test_broken_pdf_is_refused_as_corrupt(data: bytes) -> None:
    with pytest.raises(DocumentReadError) as refused:
        read_document(data, "方案.pdf")
    assert (refused.value.code, refused.value.message) == (
        "corrupt",
        "文件“方案.pdf”已损坏或不完整，无法作为 PDF 读取。请重新导出或重新下载 PDF 后再上传。",
    )
