"""`blueledger economy units import|crosswalk import|trajectory|report`: ocean-economy monitoring."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from blueledger.economy import selectors
from blueledger.economy.choices import INDICATOR_BY_LABEL, Indicator
from blueledger.economy.imports import ImportRejected, crosswalk_import, units_import
from blueledger.economy.reports import annual_report_docx, monthly_analysis_docx, quarterly_assessment_docx
from blueledger.orgs.models import Region


class Command(BaseCommand):
    help = "海洋经济: 统计单位名录导入, 行业对照导入, 目标轨迹 / ocean-economy monitoring"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True)
        units = sub.add_parser("units", help="统计单位名录库").add_subparsers(dest="action", required=True)
        importing = units.add_parser("import", help="从 Excel 导入名录 (全部检查无误才写入)")
        importing.add_argument("file", type=Path)
        importing.add_argument("--dry-run", action="store_true", help="只检查, 不写入")
        importing.add_argument("--format", choices=["json", "text"], default="text")
        crosswalk = sub.add_parser("crosswalk", help="国民经济行业与海洋产业对照").add_subparsers(
            dest="action", required=True
        )
        crosswalk_importing = crosswalk.add_parser("import", help="从 Excel 导入对照 (全部检查无误才写入)")
        crosswalk_importing.add_argument("file", type=Path)
        trajectory = sub.add_parser("trajectory", help="打印与经济指标绑定的目标及其轨迹")
        trajectory.add_argument("--region", required=True, help="区划代码, 如 370700")
        trajectory.add_argument("--indicator", default="", help="指标名称, 如 海洋生产总值")
        trajectory.add_argument("--format", choices=["json", "text"], default="text")
        report = sub.add_parser("report", help="生成月度运行分析、季度评估或年度报告 .docx (GB/T 9704 格式)")
        report.add_argument("--region", required=True, help="区划代码, 如 370700")
        period = report.add_mutually_exclusive_group(required=True)
        period.add_argument("--month", help="月度运行分析, 如 2025-08")
        period.add_argument("--quarter", help="季度评估, 如 2025Q3")
        period.add_argument("--year", help="年度报告, 如 2024")
        report.add_argument("--issuer", default="", help="落款单位 (默认: 区划名称 + 海洋经济运行监测)")
        report.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        area = options["area"]
        if area in ("trajectory", "report"):
            getattr(self, f"_{area}")(**options)
        else:
            getattr(self, f"_{area}_{options['action']}")(**options)

    def _read(self, file: Path) -> bytes:
        try:
            return file.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取 {file}: {error.strerror}") from None

    def _units_import(self, *, file: Path, dry_run: bool, format: str, **_: Any) -> None:
        data = self._read(file)
        try:
            summary = units_import(actor=None, data=data, filename=file.name, dry_run=dry_run)
        except ImportRejected as rejected:
            if format == "json":
                errors = [asdict(error) for error in rejected.errors]
                result = {"rows": rejected.rows, "created": 0, "updated": 0, "errors": errors}
                self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            else:
                for error in rejected.errors:
                    self.stdout.write(f"第{error.row}行 {error.column}: {error.message}")
            raise CommandError(f"文件未导入: {len(rejected.errors)} 处错误, 未写入任何数据。") from None
        if format == "json":
            result = {"rows": summary.rows, "created": summary.created, "updated": summary.updated, "errors": []}
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        verb = "检查通过 (未写入)" if dry_run else "导入完成"
        self.stdout.write(
            f"{verb}: {summary.rows} 行, 新建 {summary.created} 个, 更新 {summary.updated} 个, "
            f"未变 {summary.unchanged} 个"
        )

    def _crosswalk_import(self, *, file: Path, **_: Any) -> None:
        try:
            summary = crosswalk_import(actor=None, data=self._read(file), filename=file.name)
        except ImportRejected as rejected:
            raise CommandError(
                "文件未导入:\n" + "\n".join(f"第{e.row}行 {e.column}: {e.message}" for e in rejected.errors)
            ) from None
        self.stdout.write(f"导入完成: {summary.rows} 行, 新建 {summary.created} 条, 更新 {summary.updated} 条")

    def _report(self, *, region: str, month: str | None, quarter: str | None, year: str | None, issuer: str,
                out: Path, **_: Any) -> None:
        place = Region.objects.filter(code=region).first()
        if place is None:
            raise CommandError(f"未知的区划代码 {region}")
        signed = {"issuer": issuer or f"{place.name}海洋经济运行监测", "issued_on": timezone.localdate()}
        if quarter is not None:
            match = re.fullmatch(r"(\d{4})\s*[Qq]([1-4])", quarter.strip())
            if match is None:
                raise CommandError(f"季度应写作 2025Q3, 实为 {quarter}")
            data = quarterly_assessment_docx(region=place, year=int(match.group(1)), quarter=int(match.group(2)),
                                             **signed)
        elif month is not None:
            match = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
            if match is None or not 1 <= int(match.group(2)) <= 12:
                raise CommandError(f"月份应写作 2025-08, 实为 {month}")
            data = monthly_analysis_docx(region=place, year=int(match.group(1)), month=int(match.group(2)), **signed)
        else:
            assert year is not None
            if not re.fullmatch(r"\d{4}", year.strip()):
                raise CommandError(f"年度应写作 2024, 实为 {year}")
            data = annual_report_docx(region=place, year=int(year), **signed)
        out.write_bytes(data)
        self.stdout.write(f"已生成 {out} ({len(data) // 1024} KiB)")

    def _trajectory(self, *, region: str, indicator: str, format: str, **_: Any) -> None:
        place = Region.objects.filter(code=region).first()
        if place is None:
            raise CommandError(f"未知的区划代码 {region}")
        wanted = ""
        if indicator:
            wanted = INDICATOR_BY_LABEL.get(indicator, indicator)
            if wanted not in Indicator.values:
                raise CommandError(f"未知的指标 {indicator}; 可选: {'、'.join(INDICATOR_BY_LABEL)}")
        items = selectors.target_trajectories(region=place, indicator=wanted)
        rows = [selectors.trajectory_json(item) for item in items]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(f"{place.name}没有与经济指标绑定的目标。")
        for row in rows:
            self.stdout.write(
                f"{row['indicator']}: 目标 {row['target']}{row['unit']} ({row['deadline']}), "
                f"最新 {row['latest_value']}{row['unit']} ({row['latest_period']}), "
                f"年均需增长 {row['required_annual_growth']}, 按此进度{'可' if row['on_track'] else '难以'}完成"
            )
