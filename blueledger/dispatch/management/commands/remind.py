"""`blueledger remind`: the scheduled reminders (催报) every app registers with core.reminders (dispatch's open
rounds, economy's form rounds); run it daily from cron."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from blueledger.core.reminders import scheduled_reminders


class Command(BaseCommand):
    help = "催报: 截止前提醒与逾期催报 (每天由 cron 运行; 同一天重复运行不会重复发送) / send due and overdue reminders"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按这一天计算 (YYYY-MM-DD, 默认今天, 北京时间)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date 应为 YYYY-MM-DD, 实为“{options['date']}”。") from None
        for label, run_reminders in scheduled_reminders().items():
            run = run_reminders(today)
            self.stdout.write(f"{label}: 提醒 {run.reminded} 个单位, 今日已提醒过 {run.already} 个, "
                              f"写入记录 {run.logs} 条。")
