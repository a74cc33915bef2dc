"""`blueledger backup FILE`: the database and the uploaded files in one .tar.gz (see core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from blueledger.core.backup import backup_write


class Command(BaseCommand):
    help = "备份数据库和上传的文件到一个 .tar.gz 文件 / back up the database and uploaded files"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件 (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        summaries = backup_write(options["file"])
        rows = sum(summary.rows for summary in summaries.values())
        self.stdout.write(f"已备份 {len(summaries)} 张表 {rows} 行到 {options['file']}")
