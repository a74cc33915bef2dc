"""Background jobs of fisheries (core/jobs.py): the vessel registry's Excel import and position ingest."""

from __future__ import annotations

from django.urls import reverse

from blueledger.core.jobs import JobContext, JobOutcome, JobRefused, job_handler
from blueledger.fisheries.imports import ImportRejected, vessels_import
from blueledger.fisheries.ingest import ingest_files
from blueledger.lib.numbers import format_decimal
from blueledger.orgs.models import Region


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


@job_handler("fisheries.positions_ingest")
def positions_ingest_job(context: JobContext) -> JobOutcome:
    region = Region.objects.get(pk=context.params["region_id"])
    files = context.upload_paths()
    result = ingest_files(
        actor=context.actor,
        paths=[path for _, path in files],
        names=[name for name, _ in files],
        region=region,
        year=context.params.get("year"),
        progress=lambda done, total: context.progress(done, total, "个文件"),
    )
    rejected = "、".join(f"{reason} {format_decimal(count)}" for reason, count in result.rejected_by_reason.items())
    return JobOutcome(
        f"读入 {format_decimal(result.positions)} 个船位, 入库 {format_decimal(result.stored)}, "
        f"剔除 {format_decimal(result.rejected)} ({rejected or '无'}); 事件 {format_decimal(result.events)}, "
        f"新预警 {format_decimal(result.alerts_created)}, 重复 {format_decimal(result.alerts_existing)}。",
        result_url=reverse("fisheries:alert_list"),
        result_label="查看预警",
    )
