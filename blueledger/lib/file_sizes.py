"""How an upload over its size limit is refused, in one wording for documents, Excel files and attachments."""

from __future__ import annotations

import math
from decimal import Decimal

from blueledger.lib.numbers import plain_decimal

BYTES_PER_MB = 1024 * 1024


def display_name(filename: str) -> str:
    """The file's own name: browsers on Windows may send a full path (C:\\fakepath\\…)."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or filename


def too_large_message(filename: str, size_bytes: int, max_bytes: int) -> str:
    if max_bytes >= BYTES_PER_MB:
        # The size rounds up so that a file just over the limit never shows as equal to it.
        size = f"{_two_decimals(math.ceil(size_bytes * 100 / BYTES_PER_MB) / 100)} MB"
        limit = f"{_two_decimals(max_bytes / BYTES_PER_MB)} MB"
    else:  # limits under 1 MB (set by a caller) read better in bytes
        size, limit = f"{size_bytes:,} 字节", f"{max_bytes:,} 字节"
    return (
        f"文件“{display_name(filename)}”大小为 {size}，超过了 {limit} 的上限。"
        "请删去其中的图片或拆分成几个文件后再上传。"
    )


def _two_decimals(value: float) -> str:
    return plain_decimal(Decimal(str(value)), max_places=2)
