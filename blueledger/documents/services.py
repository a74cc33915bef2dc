"""Writes of documents: an upload is read, checked and stored with its text. Turning it into a draft ledger is
the ledgers app's `document_import`, which calls `document_store` in its transaction."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.core.uploads import document_limit_bytes, package_limits
from blueledger.documents.models import Document
from blueledger.documents.reading import DocumentReadError, read_document
from blueledger.documents.reading.fingerprint import (
    SAME_TEXT_SIMILARITY,
    comparable_length_range,
    text_fingerprint,
    text_similarity,
)
from blueledger.documents.reading.refusals import display_name
from blueledger.orgs.models import Region

BYTES_PER_MB = 1024 * 1024


class DocumentDuplicate(ValidationError):
    """The same file was imported into the region before; `existing` is that document."""

    def __init__(self, message: str, existing: Document) -> None:
        super().__init__(message, code="duplicate")
        self.existing = existing


class DocumentSameText(DocumentDuplicate):
    """Another file (format or encoding) with the text of a document imported into the region before; the
    uploader may still import it by confirming (`accept_same_text`)."""

    def __init__(self, message: str, existing: Document, similarity: float) -> None:
        super().__init__(message, existing)
        self.code = "same_text"
        self.similarity = similarity


def upload_limit_bytes() -> int:
    return document_limit_bytes()


def same_text_document(*, region: Region, text: str) -> tuple[Document, float] | None:
    """The region's earliest document whose text is `text` read from another file (equal digests, or a
    comparable length and SAME_TEXT_SIMILARITY of shared wording), with the similarity; None if there is none."""
    fingerprint = text_fingerprint(text)
    low, high = comparable_length_range(fingerprint.chars)
    candidates = (
        Document.objects.filter(region=region, text_chars__range=(low, high))
        .only("pk", "text", "text_digest", "original_filename", "created_at")
        .order_by("created_at", "pk")
    )
    exact = [candidate for candidate in candidates if candidate.text_digest == fingerprint.digest]
    if exact:
        return exact[0], 1.0
    for candidate in candidates:
        similarity = text_similarity(candidate.text, text)
        if similarity >= SAME_TEXT_SIMILARITY:
            return candidate, similarity
    return None


@transaction.atomic
def document_store(
    *, actor: Any, data: bytes, filename: str, region: Region, accept_same_text: bool = False
) -> Document:
    """Stores an uploaded file with its decoded text, or raises ValidationError and writes nothing.

    Refusals (empty, binary, scanned PDF, too large, undecodable, already imported) carry a Chinese message
    naming the file, what is wrong and what to do. `actor` None is the system (demo, command line). A file
    whose text a document of the region already has, read from another format or encoding, raises
    DocumentSameText unless `accept_same_text`: the uploader then imports it knowingly.
    """
    require_dispatch_in_region(actor, region)
    name = display_name(filename)
    try:
        read = read_document(data, name, max_bytes=upload_limit_bytes(), package_limits=package_limits())
    except DocumentReadError as error:
        raise ValidationError(error.message, code=error.code) from None
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(region=region, sha256=sha256).first()
    if existing is not None:
        uploaded = timezone.localtime(existing.created_at).strftime("%Y-%m-%d %H:%M")
        raise DocumentDuplicate(
            f"文件“{name}”与 {uploaded} 导入{region.name}的“{existing.original_filename}”内容完全相同, "
            "不再重复导入。请打开已有的台账继续处理。",
            existing,
        )
    if not accept_same_text:
        same = same_text_document(region=region, text=read.text)
        if same is not None:
            existing, similarity = same
            uploaded = timezone.localtime(existing.created_at).strftime("%Y-%m-%d %H:%M")
            how = "相同" if similarity == 1.0 else f"几乎相同 (相同度 {similarity:.0%})"
            raise DocumentSameText(
                f"文件“{name}”的文字与 {uploaded} 导入{region.name}的“{existing.original_filename}”{how}, "
                "只是文件格式或编码不同, 是同一份文件。请打开已有的台账继续处理; "
                "如确需再导入一份, 请勾选“仍然导入”并重新选择文件。",
                existing,
                similarity,
            )
    fingerprint = text_fingerprint(read.text)
    document = Document(
        region=region,
        original_filename=fit_to_field(Document, "original_filename", name),
        format=read.format,
        encoding=read.encoding or "",
        size_bytes=len(data),
        sha256=sha256,
        content=data,
        text=read.text,
        text_digest=fingerprint.digest,
        text_chars=fingerprint.chars,
        warnings=list(read.warnings),
        uploaded_by=actor,
    )
    attribute_change(document, actor=actor, reason="上传文件")
    document.save()
    return document

