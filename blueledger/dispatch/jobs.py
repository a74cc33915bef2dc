"""Background jobs of dispatch (core/jobs.py): a department's filled-in report template (Excel)."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.dispatch.imports import ImportRejected, report_template_import
from blueledger.dispatch.models import ReportingRound
from blueledger.orgs.models import Department


@job_handler("dispatch.report_template_import")
def report_template_import_job(context: JobContext) -> JobOutcome:
    reporting_round = ReportingRound.objects.get(pk=context.params["round_id"])
    department = Department.objects.get(pk=context.params["department_id"])
    report_page = reverse("dispatch:department_report", args=[reporting_round.pk, department.pk])
    try:
        summary = report_template_import(actor=context.actor, reporting_round=reporting_round, department=department,
                                         data=context.read_upload(), filename=context.filename)
    except ImportRejected as rejected:
        raise JobRefused("文件未导入。", rejected.problems, result_url=report_page, result_label="返回填报页") from None
    return JobOutcome(f"已导入 {summary.rows} 行, 保存为草稿。请核对后报送。", result_url=report_page,
                      result_label="核对并报送")
