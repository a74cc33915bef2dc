"""`blueledger projects import|export|indicators|generate` — the registry from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max

from blueledger.lib.gbt2260 import descendants_prefix
from blueledger.orgs.models import Region
from blueledger.projects import selectors
from blueledger.projects.exports import dispatch_workbook
from blueledger.projects.generate import registry_generate
from blueledger.projects.imports import ImportRejected, dispatch_import
from blueledger.projects.indicators import percent_text, yi_text
from blueledger.projects.models import DispatchTableLayout, MonthlyReport, Project
from blueledger.projects.presentation import figures_json


def _month(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return selectors.parse_month(text)
    except ValueError as error:
        raise CommandError(str(error)) from None


class Command(BaseCommand):
    help = "重点项目: 导入/导出调度表, 打印指标, 生成压力测试数据 / key projects"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import", help="从调度表 Excel 导入 (全部检查无误才写入)")
        importing.add_argument("file", type=Path)
        importing.add_argument("--period", help="没有“报告期”列时的报告期 YYYY-MM")
        importing.add_argument("--layout", help="按该城市 (区划代码) 的调度表格式读取")
        exporting = sub.add_parser("export", help="导出调度表 Excel")
        exporting.add_argument("file", type=Path)
        exporting.add_argument("--region", default="", help="区划代码, 如 370200")
        exporting.add_argument("--as-of", help="报告期 YYYY-MM (默认: 最近一期)")
        indicators = sub.add_parser("indicators", help="打印指标")
        indicators.add_argument("--region", default="")
        indicators.add_argument("--track", default="")
        indicators.add_argument("--kind", default="")
        indicators.add_argument("--size", default="", choices=["", "50", "30", "10", "1"])
        indicators.add_argument("--as-of", help="报告期 YYYY-MM (默认: 最近一期)")
        indicators.add_argument("--format", choices=["json", "table"], default="table")
        generate = sub.add_parser("generate", help="生成省级规模的测试数据 (不写变更历史)")
        generate.add_argument("--projects", type=int, default=10000)
        generate.add_argument("--months", type=int, default=60)
        generate.add_argument("--province", default="370000")
        generate.add_argument("--end", default="2025-12", help="最后一个报告期 YYYY-MM")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(**options)

    def _import(self, *, file: Path, period: str | None, layout: str | None, **_: Any) -> None:
        layout_region = Region.objects.filter(code=layout).first() if layout else None
        if layout and layout_region is None:
            raise CommandError(f"未知的区划代码 {layout}")
        try:
            summary = dispatch_import(
                actor=None,
                data=file.read_bytes(),
                filename=file.name,
                period=_month(period),
                layout_region=layout_region,
            )
        except ImportRejected as rejected:
            raise CommandError("文件未导入:\n" + "\n".join(rejected.problems)) from None
        except OSError as error:
            raise CommandError(f"无法读取 {file}: {error.strerror}") from None
        self.stdout.write(
            f"导入完成: 新建 {summary.created} 个, 更新 {summary.updated} 个, 未变 {summary.unchanged} 个, "
            f"月报 {summary.reports_saved} 条"
        )

    def _export(self, *, file: Path, region: str, as_of: str | None, **_: Any) -> None:
        projects = Project.objects.select_related("region", "track", "responsible_department")
        if region:
            projects = projects.filter(region__code__startswith=descendants_prefix(region))
        period = _month(as_of) if as_of else MonthlyReport.objects.aggregate(latest=Max("period"))["latest"]
        layout = DispatchTableLayout.objects.filter(region__code=region).first() if region else None
        file.write_bytes(dispatch_workbook(projects.order_by("region__code", "name"), period=period, layout=layout))
        self.stdout.write(f"已导出 {projects.count()} 个项目到 {file}")

    def _indicators(
        self, *, region: str, track: str, kind: str, size: str, as_of: str | None, format: str, **_: Any
    ) -> None:
        month = _month(as_of) or MonthlyReport.objects.aggregate(latest=Max("period"))["latest"]
        if month is None:
            raise CommandError("还没有月度调度数据; 请用 --as-of YYYY-MM 指定报告期。")
        projects = selectors.filter_projects(Project.objects.all(), district=region, track=track, kind=kind, size=size)
        result = selectors.indicators_of(projects, month, base_prefix=descendants_prefix(region) if region else "")
        figures = result.overall
        if format == "json":
            self.stdout.write(json.dumps(figures_json(figures, month), ensure_ascii=False, indent=2))
            return
        rows = [
            ("报告期", f"{month:%Y-%m}"),
            ("项目数", f"{figures.totals.projects} 个"),
            ("总投资", f"{yi_text(figures.totals.total_investment_wan)} 亿元"),
            ("年度计划投资", f"{yi_text(figures.totals.annual_plan_wan)} 亿元"),
            ("累计完成投资", f"{yi_text(figures.totals.completed_wan)} 亿元"),
            ("开工在建率", percent_text(figures.started_rate)),
            ("年度计划投资完成率", percent_text(figures.annual_completion_rate)),
            ("序时进度", percent_text(figures.schedule_rate)),
            ("列统率", percent_text(figures.listed_rate)),
            *((label, f"{count} 个") for _, label, count in figures.size_counts),
        ]
        for label, value in rows:
            self.stdout.write(f"{label:<10}\t{value}")

    def _generate(self, *, projects: int, months: int, province: str, end: str, **_: Any) -> None:
        end_month = _month(end)
        assert end_month is not None
        reports = registry_generate(projects=projects, months=months, province_code=province, end=end_month)
        self.stdout.write(f"已生成 {projects} 个项目, {reports} 条月报 (不写变更历史)")
