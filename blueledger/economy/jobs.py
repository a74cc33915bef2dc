"""Background jobs of economy (core/jobs.py): the statistical units', the crosswalk's and a form round's
submissions' Excel imports."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.economy.imports import ImportRejected, crosswalk_import, submissions_import, units_import
from blueledger.economy.models import FormRound


def _refused(rejected: ImportRejected) -> JobRefused:
    rows = [{"row": error.row, "column": error.column, "message": error.message} for error in rejected.errors]
    return JobRefused("文件未导入。", rows)


@job_handler("economy.units_import")
def units_import_job(context: JobContext) -> JobOutcome:
    dry_run = bool(context.params.get("dry_run"))
    try:
        summary = units_import(actor=context.actor, data=context.read_upload(), filename=context.filename,
                               dry_run=dry_run)
    except ImportRejected as rejected:
        raise _refused(rejected) from None
    verb = "检查通过 (未写入)" if dry_run else "导入完成"
    return JobOutcome(
        f"{verb}: {summary.rows} 行, 新建 {summary.created} 个, 更新 {summary.updated} 个, "
        f"未变 {summary.unchanged} 个。",
        result_url=reverse("economy:unit_list"),
        result_label="查看统计单位名录",
    )


@job_handler("economy.crosswalk_import")
def crosswalk_import_job(context: JobContext) -> JobOutcome:
    try:
        summary = crosswalk_import(actor=context.actor, data=context.read_upload(), filename=context.filename)
    except ImportRejected as rejected:
        raise _refused(rejected) from None
    return JobOutcome(
        f"导入完成: 新建 {summary.created} 条, 更新 {summary.updated} 条。",
        result_url=reverse("economy:classification"),
        result_label="查看行业分类与对照",
    )


@job_handler("economy.submissions_import")
def submissions_import_job(context: JobContext) -> JobOutcome:
    form_round = FormRound.objects.select_related("region", "form").get(pk=context.params["round_id"])
    round_page = reverse("economy:form_round_detail", args=[form_round.pk])
    try:
        summary = submissions_import(actor=context.actor, form_round=form_round, data=context.read_upload(),
                                     filename=context.filename)
    except ImportRejected as rejected:
        refusal = _refused(rejected)
        refusal.result_url, refusal.result_label = round_page, "返回报表"
        raise refusal from None
    return JobOutcome(f"导入完成: {summary.rows} 家单位的填报已保存。", result_url=round_page, result_label="查看报表")
