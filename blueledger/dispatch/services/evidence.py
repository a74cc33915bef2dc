"""Evidence (佐证材料) per report item, stored through core.attachments, and the report form that saves the
entries and their evidence in one go."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from blueledger.core.attachments import attachment_store
from blueledger.core.history import attribute_change
from blueledger.dispatch.choices import HANDED_IN
from blueledger.dispatch.models import RegistryBinding, Report, ReportAttachment, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import require_report_for
from blueledger.dispatch.services.locks import require_open
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.orgs.models import Department


@transaction.atomic
def evidence_add(*, actor: Any, slot: ReportSlot, upload: UploadedFile) -> ReportAttachment:
    """Attaches a photo or document to one report item of an open round while the item is not handed in,
    checked and stored the one way (core.attachments: an image, PDF, docx or xlsx within
    BLUELEDGER_ATTACHMENT_LIMIT_MB; images get a JPEG thumbnail). The name as uploaded is kept for the download."""
    require_report_for(actor, slot.department)
    require_open(slot.round)
    if slot.quantity_id is not None and RegistryBinding.objects.filter(quantity_id=slot.quantity_id).exists():
        raise ValidationError(f"“{slot.label}”取自重点项目库, 无需佐证材料。")
    latest = Report.objects.filter(slot=slot).order_by("-version").first()
    if latest is not None and latest.status in HANDED_IN:
        raise ValidationError(f"“{slot.label}”已报送, 佐证材料已锁定; 如需补充请调度员退回。")
    attachment = ReportAttachment(round=slot.round, department=slot.department, slot=slot, uploaded_by=actor)
    attachment_store(attachment, upload, stem=f"slot-{slot.pk}")
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
