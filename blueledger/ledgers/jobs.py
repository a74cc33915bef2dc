"""Background jobs of ledgers (core/jobs.py): a work document imported into a draft ledger."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.documents.services import DocumentDuplicate, DocumentSameText
from blueledger.ledgers.services import document_import
from blueledger.orgs.models import Region


@job_handler("ledgers.document_import")
def document_import_job(context: JobContext) -> JobOutcome:
    region = Region.objects.get(pk=context.params["region_id"])
    try:
        document = document_import(
            actor=context.actor, data=context.read_upload(), filename=context.filename, region=region,
            accept_same_text=bool(context.params.get("accept_same_text")),
        )
    except DocumentSameText as duplicate:
        existing = duplicate.existing.ledger
        raise JobRefused(
            "; ".join(duplicate.messages),
            result_url=f"{reverse('ledgers:ledger_list')}?same_text={existing.pk}" if existing else "",
            result_label="查看已有台账, 或重新选择文件并勾选“仍然导入”",
        ) from None
    except DocumentDuplicate as duplicate:
        existing = duplicate.existing.ledger
        raise JobRefused(
            "; ".join(duplicate.messages),
            result_url=reverse("ledgers:ledger_detail", args=[existing.pk]) if existing else "",
            result_label="查看已导入的台账",
        ) from None
    ledger = document.ledger
    return JobOutcome(
        f"已导入“{document.original_filename}”: 任务 {ledger.tasks.count()} 项, "
        f"指标 {ledger.quantities.count()} 项。请核对后发布。",
        notes=list(document.warnings),
        result_url=reverse("ledgers:ledger_detail", args=[ledger.pk]),
        result_label="核对台账",
    )
