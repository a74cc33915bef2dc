"""`blueledger restore FILE`: replaces the database's rows and the uploaded files with a backup's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from blueledger.core.backup import backup_restore
from blueledger.core.editing import error_text


class Command(BaseCommand):
    help = "从备份文件恢复数据库和上传的文件 (替换现有数据) / restore a backup, replacing the current data"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件 (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summaries = backup_restore(options["file"])
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        rows = sum(summary.rows for summary in summaries.values())
        self.stdout.write(f"已恢复 {len(summaries)} 张表 {rows} 行, 每张表的行数和校验值与备份一致。")
