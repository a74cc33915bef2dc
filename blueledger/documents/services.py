"""Writes of documents. An upload is read, checked and turned into a draft ledger in one transaction."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from blueledger.core.history import attribute_change
from blueledger.core.uploads import document_limit_bytes, package_limits
from blueledger.documents.models import Document
from blueledger.documents.reading import DocumentReadError, read_document
from blueledger.documents.reading.refusals import display_name
from blueledger.ledgers.extraction import extract
from blueledger.ledgers.permissions import require_dispatch_in_region
from blueledger.ledgers.services import ledger_create_from_extraction
from blueledger.orgs.models import Region

BYTES_PER_MB = 1024 * 1024
logger = logging.getLogger(__name__)


class DocumentDuplicate(ValidationError):
    """The same file was imported into the region before; `existing` is that document."""

    def __init__(self, message: str, existing: Document) -> None:
        super().__init__(message, code="duplicate")
        self.existing = existing


def upload_limit_bytes() -> int:
    return document_limit_bytes()


@transaction.atomic
def document_import(*, actor: Any, data: bytes, filename: str, region: Region) -> Document:
    """Stores an uploaded file and its draft ledger, or raises ValidationError and writes nothing.

    Refusals (empty, binary, scanned PDF, too large, undecodable, already imported) carry a Chinese message
    naming the file, what is wrong and what to do. `actor` None is the system (demo, command line).
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
    document = Document(
        region=region,
        original_filename=name[:255],
        format=read.format,
        encoding=read.encoding or "",
        size_bytes=len(data),
        sha256=sha256,
        content=data,
        text=read.text,
        warnings=list(read.warnings),
        uploaded_by=actor,
    )
    attribute_change(document, actor=actor, reason="上传文件")
    document.save()
    try:
        extracted = extract(read.text, source=name)
    # The extraction engine is pure code over the text; whatever it fails on, the upload is refused
    # with nothing written rather than answered with a 500 (the failure is logged for the developers).
    except Exception:
        logger.exception("extraction failed on %s", name)
        raise ValidationError(_engine_refusal(name), code="extraction_failed") from None
    try:
        with transaction.atomic():  # a savepoint, so PostgreSQL can still roll the whole import back
            ledger_create_from_extraction(actor=actor, document=document, extracted=extracted)
    except DatabaseError:
        logger.exception("storing the ledger of %s failed", name)
        raise ValidationError(_engine_refusal(name), code="extraction_failed") from None
    return document


def _engine_refusal(name: str) -> str:
    return (
        f"文件“{name}”的文字已读出, 但无法整理成台账 (内容结构异常或过大), 未导入任何内容。"
        "请检查文件内容, 或拆分成几个文件后再上传; 如问题持续, 请联系管理员。"
    )
