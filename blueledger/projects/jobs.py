"""Background jobs of projects (core/jobs.py): the dispatch table's Excel import into the registry."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.projects.imports import ImportRejected, dispatch_import


@job_handler("projects.dispatch_import")
def dispatch_import_job(context: JobContext) -> JobOutcome:
    period = date.fromisoformat(context.params["period"]) if context.params.get("period") else None
    try:
        summary = dispatch_import(
            actor=context.actor, data=context.read_upload(), filename=context.filename, period=period
        )
    except ImportRejected as rejected:
        raise JobRefused("文件未导入。", rejected.problems) from None
    return JobOutcome(
        f"导入完成: 新建 {summary.created} 个, 更新 {summary.updated} 个, 未变 {summary.unchanged} 个, "
        f"月报 {summary.reports_saved} 条。",
        result_url=reverse("projects:project_list"),
        result_label="查看项目库",
    )
