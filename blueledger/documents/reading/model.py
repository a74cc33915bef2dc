"""What the reading engine returns and how it refuses a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DocumentFormat = Literal["txt", "docx", "html", "pdf"]
ReadErrorCode = Literal[
    "empty", "too_large", "binary", "undecodable", "no_text_layer", "corrupt", "unsupported_format"
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """The text of one uploaded file, as written, with LF line endings.

    Paragraphs (and table rows, cells joined by TAB) are on their own lines.
    `encoding` is the detected encoding for txt and html, None for docx and pdf.
    `warnings` are Chinese sentences for the user about what was left out.
    """

    text: str
    format: str
    encoding: str | None
    warnings: tuple[str, ...]


class DocumentReadError(Exception):
    """The file cannot be read; `message` tells the user which file, what and what to do."""

    def __init__(self, code: ReadErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ReadErrorCode = code
        self.message = message

    def __repr__(self) -> str:
        return f"DocumentReadError({self.code!r}, {self.message!r})"
