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
from blueledger.documents.reading.refusals import display_name
from blueledger.orgs.models import Region

BYTES_PER_MB = 1024 * 1024


class DocumentDuplicate(ValidationError):
    """The same file was imported into the region before; `existing` is that document."""

    def __init__(self, message: str, existing: Document) -> None:
        super().__init__(message, code="duplicate")
        self.existing = existing


def upload_limit_bytes() -> int:
    return document_limit_bytes()


@transaction.atomic
def document_store(*, actor: Any, data: bytes, filename: str, region: Region) -> Document:
    """Stores an uploaded file with its decoded text, or raises ValidationError and writes nothing.

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
        original_filename=fit_to_field(Document, "original_filename", name),
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
    return document

