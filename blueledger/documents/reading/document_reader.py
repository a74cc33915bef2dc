"""The entry point: bytes of an uploaded file in, text or a Chinese refusal out."""

from __future__ import annotations

import pathlib

from blueledger.documents.reading import refusals
from blueledger.documents.reading.docx_reader import read_docx
from blueledger.documents.reading.html_reader import read_html
from blueledger.documents.reading.model import DEFAULT_MAX_BYTES, ReadDocument
from blueledger.documents.reading.pdf_reader import read_pdf
from blueledger.documents.reading.plain_text import read_plain_text
from blueledger.documents.reading.sniffing import sniff_format
from blueledger.lib.ooxml import PackageLimits


def read_document(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES, package_limits: PackageLimits | None = None
) -> ReadDocument:
    """Read an uploaded file's text, or raise DocumentReadError with a message for the user.

    The format is sniffed from the content first and the extension second. A .docx is checked against
    `package_limits` (zip bombs, DTDs; lib/ooxml.py) before it is parsed.
    """
    if len(data) > max_bytes:
        raise refusals.too_large(filename, len(data), max_bytes)
    if not data:
        raise refusals.empty(filename)
    file_format = sniff_format(data, filename)
    if file_format == "docx":
        document = read_docx(data, filename, package_limits or PackageLimits())
    elif file_format == "pdf":
        document = read_pdf(data, filename)
    elif file_format == "html":
        document = read_html(data, filename)
    else:
        document = read_plain_text(data, filename)
    if not document.text.strip():
        raise refusals.empty(filename, "里没有可读取的文字")
    return document


def read_path(
    path: pathlib.Path, *, max_bytes: int = DEFAULT_MAX_BYTES, package_limits: PackageLimits | None = None
) -> ReadDocument:
    """read_document for a file on disk; refuses an oversized file before reading it."""
    size_bytes = path.stat().st_size
    if size_bytes > max_bytes:
        raise refusals.too_large(path.name, size_bytes, max_bytes)
    return read_document(path.read_bytes(), path.name, max_bytes=max_bytes, package_limits=package_limits)
