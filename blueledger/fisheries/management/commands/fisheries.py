"""`blueledger fisheries ingest FILE… | vessels import FILE.xlsx [--dry-run]` (`detect` runs without a database,
see blueledger/fisheries/detect_command.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from blueledger.fisheries.imports import ImportRejected, vessels_import
from blueledger.fisheries.ingest import ingest_files
from blueledger.orgs.models import Region


class Command(BaseCommand):
    help = "渔船监管: 船位入库并识别预警, 渔船档案 Excel 导入 / fisheries"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="船位文件入库 (Parquet), 识别事件并生成预警")
        ingest.add_argument("files", nargs="+", type=Path)
        ingest.add_argument("--year", type=int, help="北斗 CSV 时间不带年份时所用的年份")
        ingest.add_argument("--rules", default="moratorium-2023")
        ingest.add_argument("--region", default="370000", help="未登记船舶的预警归属区划代码 (默认山东省)")
        vessels = sub.add_parser("vessels", help="渔船档案")
        vessels_sub = vessels.add_subparsers(dest="vessels_action", required=True)
        importing = vessels_sub.add_parser("import", help="从 Excel 导入渔船档案 (全部检查无误才写入)")
        importing.add_argument("file", type=Path)
        importing.add_argument("--dry-run", action="store_true", help="只检查, 不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "ingest":
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"没有区划代码 {options['region']} (先运行 blueledger refdata)。")
            missing = [str(p) for p in options["files"] if not p.is_file()]
            if missing:
                raise CommandError(f"找不到文件: {'、'.join(missing)}")
            result = ingest_files(
                actor=None, paths=list(options["files"]), region=region, year=options["year"], rules=options["rules"]
            )
            self.stdout.write(
                f"读入 {result.positions:,} 个船位, 入库 {result.stored:,}, 剔除 {result.rejected:,}"
                f" ({', '.join(f'{k} {v}' for k, v in result.rejected_by_reason.items()) or '无'}); "
                f"事件 {result.events:,}, 新预警 {result.alerts_created:,}, 重复 {result.alerts_existing:,}"
            )
            return
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件“{path}”。")
        try:
            summary = vessels_import(actor=None, data=path.read_bytes(), dry_run=options["dry_run"])
        except ImportRejected as rejected:
            raise CommandError("未导入任何数据:\n" + "\n".join(rejected.problems)) from None
        verb = "可导入" if summary.dry_run else "已导入"
        self.stdout.write(f"{verb}: 新建 {summary.created} 艘, 更新 {summary.updated} 艘。")
