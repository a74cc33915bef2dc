"""Background jobs of fisheries (core/jobs.py): the vessel registry's Excel import and position ingest."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.fisheries.imports import ImportRejected, vessels_import


@job_handler("fisheries.vessels_import")
def vessels_import_job(context: JobContext) -> JobOutcome:
    try:
        summary = vessels_import(
            actor=context.actor, data=context.read_upload(), dry_run=bool(context.params.get("dry_run"))
        )
    except ImportRejected as rejected:
        raise JobRefused("文件未导入。", rejected.problems) from None
    verb = "检查通过, 可导入" if summary.dry_run else "已导入"
    return JobOutcome(
        f"{verb}: 新建 {summary.created} 艘, 更新 {summary.updated} 艘。",
        result_url=reverse("fisheries:vessel_list"),
        result_label="查看渔船档案",
    )
