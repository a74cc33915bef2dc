"""The Chinese messages of DocumentReadError, in one place so they read alike."""

from __future__ import annotations

import math
from decimal import Decimal

from blueledger.documents.reading.model import DocumentReadError
from blueledger.lib.numbers import plain_decimal

_BYTES_PER_MB = 1024 * 1024


def display_name(filename: str) -> str:
    """The file's own name: browsers on Windows may send a full path (C:\\fakepath\\…)."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or filename


def too_large(filename: str, size_bytes: int, max_bytes: int) -> DocumentReadError:
    if max_bytes >= _BYTES_PER_MB:
        # The size rounds up so that a file just over the limit never shows as equal to it.
        size = f"{_two_decimals(math.ceil(size_bytes * 100 / _BYTES_PER_MB) / 100)} MB"
        limit = f"{_two_decimals(max_bytes / _BYTES_PER_MB)} MB"
    else:  # limits under 1 MB (set by a caller) read better in bytes
        size, limit = f"{size_bytes:,} 字节", f"{max_bytes:,} 字节"
    return DocumentReadError(
        "too_large",
        f"文件“{display_name(filename)}”大小为 {size}，超过了 {limit} 的上限。"
        "请删去其中的图片或拆分成几个文件后再上传。",
    )


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


def _two_decimals(value: float) -> str:
    return plain_decimal(Decimal(str(value)), max_places=2)
