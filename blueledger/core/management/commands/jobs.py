"""`blueledger jobs reap`: ends the background jobs their runner never will (see core/jobs.py `jobs_reap`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from blueledger.core.jobs import jobs_reap


class Command(BaseCommand):
    # `by`: which check runs it, for the jobs' notes (the worker's start-up passes its own)
    stealth_options = ("by",)
    help = "后台任务: reap 结束中断或排队超期的任务并删除其上传文件 / background jobs: end the stalled ones"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "reap",
            help="把工作进程停止时仍在进行、或排队超过 BLUELEDGER_JOB_QUEUE_LIMIT_DAYS 天的任务标为失败, "
            "删除其上传文件和无任务持有的上传文件 (后台任务进程启动时也会自动执行)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reaped = jobs_reap(by=options.get("by") or "运维命令 blueledger jobs reap", sweep=True)
        if options["verbosity"] >= 1:
            self.stdout.write(reaped.summary())
