"""Background jobs of dispatch (core/jobs.py): a department's filled-in report template (Excel), and a
year-end summary imported (extracted) and reconciled with its plan."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.dispatch.imports import ImportRejected, report_template_import
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.services.reconciliation import reconciliation_create
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import
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


@job_handler("dispatch.summary_import")
def summary_import_job(context: JobContext) -> JobOutcome:
    plan = Ledger.objects.select_related("region").get(pk=context.params["plan_id"])
    with transaction.atomic():  # the summary's ledger and its reconciliation, or neither
        document = document_import(
            actor=context.actor, data=context.read_upload(), filename=context.filename, region=plan.region
        )
        reconciliation = reconciliation_create(actor=context.actor, plan=plan, summary=document.ledger)
    return JobOutcome(
        f"已导入总结“{document.original_filename}”并与“{plan.title}”逐项对照。",
        notes=list(document.warnings),
        result_url=reverse("dispatch:reconciliation_detail", args=[reconciliation.pk]),
        result_label="查看对照结果",
    )
