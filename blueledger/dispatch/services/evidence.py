"""Evidence (佐证材料) per report item: checked, stored with a thumbnail, and the report form that saves the
entries and their evidence in one go."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from blueledger.core.history import attribute_change
from blueledger.dispatch.choices import HANDED_IN
from blueledger.dispatch.models import RegistryBinding, Report, ReportAttachment, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import require_report_for
from blueledger.dispatch.services.locks import require_open
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.orgs.models import Department

EVIDENCE_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
THUMBNAIL_PX = 320
_ZIP_MAGIC = b"PK\x03\x04"


def evidence_check(upload: UploadedFile) -> str:
    """The content type of an acceptable evidence file, or ValidationError naming the file and the reason:
    larger than BLUELEDGER_EVIDENCE_LIMIT_MB, not an image/PDF/docx/xlsx, or not what its name says."""
    name = upload.name or "附件"
    limit_mb = int(settings.EVIDENCE_LIMIT_MB)
    if (upload.size or 0) > limit_mb * 1024 * 1024:
        raise ValidationError(f"“{name}”有 {(upload.size or 0) / 1024 / 1024:.1f} MB, 超过 {limit_mb} MB 的上限。")
    extension = PurePath(name).suffix.lower()
    content_type = EVIDENCE_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(
            f"“{name}”的类型不支持; 只接受图片 (jpg、png、gif、webp)、PDF、Word (docx) 和 Excel (xlsx)。"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if content_type.startswith("image/"):
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(f"“{name}”不是可以打开的图片。") from None
        finally:
            upload.seek(0)
    elif (extension == ".pdf" and not head.startswith(b"%PDF")) or (
        extension in (".docx", ".xlsx") and not head.startswith(_ZIP_MAGIC)
    ):
        raise ValidationError(f"“{name}”的内容与文件类型不符, 请另存为 {extension} 后再上传。")
    return content_type


def _thumbnail(upload: UploadedFile) -> bytes:
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # phone photos are stored sideways with an orientation tag
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=80)
    upload.seek(0)
    return buffer.getvalue()


@transaction.atomic
def evidence_add(*, actor: Any, slot: ReportSlot, upload: UploadedFile) -> ReportAttachment:
    """Attaches a photo or document to one report item of an open round while the item is not handed in;
    images get a JPEG thumbnail. The file's name as uploaded is kept for the download."""
    require_report_for(actor, slot.department)
    require_open(slot.round)
    if slot.quantity_id is not None and RegistryBinding.objects.filter(quantity_id=slot.quantity_id).exists():
        raise ValidationError(f"“{slot.label}”取自重点项目库, 无需佐证材料。")
    latest = Report.objects.filter(slot=slot).order_by("-version").first()
    if latest is not None and latest.status in HANDED_IN:
        raise ValidationError(f"“{slot.label}”已报送, 佐证材料已锁定; 如需补充请调度员退回。")
    content_type = evidence_check(upload)
    name = (upload.name or "附件")[:200]
    extension = PurePath(name).suffix.lower()
    attachment = ReportAttachment(round=slot.round, department=slot.department, slot=slot, filename=name,
                                  content_type=content_type, size=upload.size or 0, uploaded_by=actor)
    attachment.file.save(f"slot-{slot.pk}{extension}", upload, save=False)
    if content_type.startswith("image/"):
        attachment.thumbnail.save(f"slot-{slot.pk}.jpg", ContentFile(_thumbnail(upload)), save=False)
    attribute_change(attachment, actor=actor, reason=f"上传佐证材料: {slot.label}")
    attachment.save()
    return attachment


@transaction.atomic
def report_form_save(
    *,
    actor: Any,
    reporting_round: ReportingRound,
    department: Department,
    entries: Mapping[int, ReportEntry],
    submit: bool,
    evidence: Mapping[int, Sequence[UploadedFile]],
) -> list[Report]:
    """The report form in one go: the evidence attached to each item (slot id → files), then the entries saved
    or handed in (reports_save). Any problem refuses everything, files included."""
    slots = {slot.pk: slot for slot in ReportSlot.objects.filter(
        round=reporting_round, department=department, pk__in=list(evidence)).select_related(
        "round", "department", "quantity", "task")}
    problems: list[str] = []
    for slot_id, uploads in evidence.items():
        slot = slots.get(slot_id)
        if slot is None:
            problems.append(f"填报项 {slot_id} 不属于本单位本轮次")
            continue
        for upload in uploads:
            try:
                evidence_add(actor=actor, slot=slot, upload=upload)
            except ValidationError as error:
                problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return reports_save(actor=actor, reporting_round=reporting_round, department=department, entries=entries,
                        submit=submit)
