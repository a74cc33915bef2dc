"""Background jobs of orgs (core/jobs.py): the departments' Excel import."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.orgs.imports import ImportRejected, departments_import


@job_handler("orgs.departments_import")
def departments_import_job(context: JobContext) -> JobOutcome:
    try:
        summary = departments_import(actor=context.actor, data=context.read_upload(), filename=context.filename)
    except ImportRejected as rejected:
        raise JobRefused("文件未导入。", rejected.problems) from None
    return JobOutcome(
        f"导入完成: 新建 {summary.created} 个, 更新 {summary.updated} 个, 新增别名 {summary.aliases_added} 个。",
        result_url=reverse("orgs:department_list"),
        result_label="查看部门",
    )
