"""Plain-text files: decode whatever Chinese encoding they were saved in."""

from __future__ import annotations

from blueledger.documents.reading import refusals
from blueledger.documents.reading.model import DocumentReadError, ReadDocument
from blueledger.lib.encoding import TextDecodingError, decode_chinese_text


def read_plain_text(data: bytes, filename: str) -> ReadDocument:
    text, encoding = decode_bytes(data, filename)
    return ReadDocument(text=normalise_line_endings(text), format="txt", encoding=encoding, warnings=())


def decode_bytes(data: bytes, filename: str) -> tuple[str, str]:
    """decode_chinese_text, with its refusal turned into a DocumentReadError naming the file."""
    try:
        return decode_chinese_text(data)
    except TextDecodingError as error:
        raise _refusal(error, filename) from error


def normalise_line_endings(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refusal(error: TextDecodingError, filename: str) -> DocumentReadError:
    name = refusals.display_name(filename)
    if error.code == "empty":
        return refusals.empty(filename, error.detail)
    if error.code == "binary":
        return DocumentReadError(
            "binary",
            f"文件“{name}”{error.detail}。请上传 Word（.docx）、PDF、网页或纯文本文件。",
        )
    return DocumentReadError(
        "undecodable",
        f"文件“{name}”的文字编码无法识别：{error.detail}。"
        "请用记事本或 WPS 打开后另存为 UTF-8 编码的文本再上传。",
    )
