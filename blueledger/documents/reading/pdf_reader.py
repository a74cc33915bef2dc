"""PDF files: the text layer, page by page, with layout artefacts undone."""

from __future__ import annotations

import io
import math
import zlib
from typing import Any

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError, PyPdfError

from blueledger.documents.reading import refusals
from blueledger.documents.reading.model import DocumentReadError, ReadDocument
from blueledger.documents.reading.pdf_layout import TextFragment, clean_pdf_pages, lines_from_fragments

# pypdf raises many kinds of error on damaged files, from parsing to decompression; a hostile file that
# nests or inflates without end meets pypdf's own limits (LimitReachedError) or Python's recursion limit.
_BROKEN = (
    PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, zlib.error,
    RecursionError, EOFError,
)


# One stream of a text document inflates to a few MB at most; pypdf's own default (75 MB per stream,
# 300 MB of work) lets a 200 KB upload hold 150 MB of memory.
STREAM_MAX_BYTES = 20 * 1024 * 1024
DECODING_WORK_MAX_BYTES = 100 * 1024 * 1024


def read_pdf(data: bytes, filename: str) -> ReadDocument:
    try:
        with apply_configuration(
            zlib_maximum_output_length=STREAM_MAX_BYTES,
            lzw_maximum_output_length=STREAM_MAX_BYTES,
            run_length_maximum_output_length=STREAM_MAX_BYTES,
            array_based_stream_maximum_output_length=STREAM_MAX_BYTES,
            stream_decoding_work_maximum_length=DECODING_WORK_MAX_BYTES,
        ):
            pages = _page_texts(data, filename)
    except LimitReachedError as error:
        raise refusals.corrupt(
            filename, "的内容超出了读取上限（可能是恶意构造的文件）", "请重新导出 PDF 后再上传。"
        ) from error
    except DependencyError as error:
        # AES-encrypted files need the optional `cryptography` package, which we do not ship.
        raise refusals.corrupt(
            filename, "使用了暂不支持的加密方式", "请在原软件中取消加密后重新导出 PDF 再上传。"
        ) from error
    except _BROKEN as error:
        raise refusals.corrupt(
            filename, "已损坏或不完整，无法作为 PDF 读取", "请重新导出或重新下载 PDF 后再上传。"
        ) from error

    blank_pages = [number for number, text in enumerate(pages, start=1) if not text.strip()]
    if len(blank_pages) == len(pages):
        raise DocumentReadError(
            "no_text_layer",
            f"文件“{refusals.display_name(filename)}”没有文字层（可能是扫描件），无法提取文字。"
            "请上传含文字的 PDF，或先做文字识别（OCR）后再导入。",
        )
    warnings: list[str] = []
    if blank_pages:
        numbers = "、".join(str(number) for number in blank_pages)
        warnings.append(f"第 {numbers} 页没有文字层（可能是扫描页或空白页），这些页的内容没有读取。")
    return ReadDocument(
        text="\n".join(clean_pdf_pages(pages)), format="pdf", encoding=None, warnings=tuple(warnings)
    )


def _page_texts(data: bytes, filename: str) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many PDFs are encrypted only to restrict printing, with an empty open password.
        if not reader.decrypt(""):
            raise refusals.corrupt(
                filename, "设有打开密码，无法读取", "请去除密码（或另存为未加密的 PDF）后再上传。"
            )
    try:
        pages = reader.pages
        if len(pages) == 0:
            raise refusals.corrupt(filename, "没有任何页面", "请重新导出 PDF 后再上传。")
        return _page_texts_in_reading_order(list(pages))
    except FileNotDecryptedError as error:
        raise refusals.corrupt(
            filename, "设有打开密码，无法读取", "请去除密码（或另存为未加密的 PDF）后再上传。"
        ) from error


def _page_texts_in_reading_order(pages: list[PageObject]) -> list[str]:
    """Each page's text with its runs put in reading order (see lines_from_fragments); pypdf's own
    stream-order text where the document gives no positions."""
    read = [_page_fragments(page) for page in pages]
    fragments = [page_fragments for _, page_fragments in read]
    if all(fragment.x == 0 and fragment.y == 0 for page_fragments in fragments for fragment in page_fragments):
        return [plain for plain, _ in read]
    return ["\n".join(lines) for lines in lines_from_fragments(fragments)]


def _page_fragments(page: PageObject) -> tuple[str, list[TextFragment]]:
    """pypdf's text of the page, and the runs it drew with where it drew them."""
    fragments: list[TextFragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        text = text.replace("\n", "")
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = font_size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            fragments.append(TextFragment(x, y, text, size))

    return page.extract_text(visitor_text=visit) or "", fragments
