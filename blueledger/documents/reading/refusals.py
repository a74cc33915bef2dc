"""The Chinese messages of DocumentReadError, in one place so they read alike."""

from __future__ import annotations

from blueledger.documents.reading.model import DocumentReadError
from blueledger.lib.file_sizes import display_name as display_name  # re-exported: the readers name files by it
from blueledger.lib.file_sizes import too_large_message


def too_large(filename: str, size_bytes: int, max_bytes: int) -> DocumentReadError:
    return DocumentReadError("too_large", too_large_message(filename, size_bytes, max_bytes))


def empty(filename: str, detail: str = "是空的，没有任何文字") -> DocumentReadError:
    return DocumentReadError("empty", f"文件“{display_name(filename)}”{detail}。请检查是否选错了文件。")


def corrupt(filename: str, detail: str, remedy: str) -> DocumentReadError:
    return DocumentReadError("corrupt", f"文件“{display_name(filename)}”{detail}。{remedy}")


def unsupported(filename: str, detail: str) -> DocumentReadError:
    return DocumentReadError(
        "unsupported_format",
        f"文件“{display_name(filename)}”{detail}，暂不支持读取。"
        "请在 Word 或 WPS 中另存为 .docx 后再上传（也可上传 PDF、网页或纯文本文件）。",
    )

