"""`blueledger bulletin --ledger ID --round ID --out FILE.docx` (or `--latest`, `--pdf`): a round's bulletin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from blueledger.dispatch.bulletin import ChartFontMissing
from blueledger.dispatch.bulletin.pdf import PdfConversionFailed
from blueledger.dispatch.bulletin_facts import bulletin_docx, bulletin_pdf
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.selectors.rounds import round_latest_closed
from blueledger.ledgers.models import Ledger


class Command(BaseCommand):
    help = "生成调度通报 (.docx, GB/T 9704 格式) / write a round's bulletin"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ledger", type=int, help="台账编号 ledger id")
        parser.add_argument("--round", type=int, help="调度轮次编号 round id")
        parser.add_argument("--latest", action="store_true", help="最近一次已截止的轮次 (可与 --ledger 同用)")
        parser.add_argument("--out", required=True, help="输出文件 FILE.docx (或 --pdf 时 FILE.pdf)")
        parser.add_argument("--pdf", action="store_true", help="经 LibreOffice 转换为 PDF / write a PDF")
        parser.add_argument("--copy-to", help="版记的抄送机关 (默认: 台账的通报版记设置, 未设置时为各责任单位)")
        parser.add_argument("--printed-by", help="版记的印发机关 (默认: 台账的通报版记设置, 未设置时为发文机关办公室)")

    def handle(self, *args: Any, **options: Any) -> None:
        ledger = None
        if options["ledger"] is not None:
            ledger = Ledger.objects.filter(pk=options["ledger"]).first()
            if ledger is None:
                raise CommandError(f"没有编号为 {options['ledger']} 的台账。")
        if options["latest"]:
            reporting_round = round_latest_closed(ledger=ledger)
            if reporting_round is None:
                raise CommandError("没有已截止的调度轮次。先运行 blueledger demo, 或在调度页面截止一个轮次。")
        elif options["round"] is not None:
            rounds = ReportingRound.objects.select_related("ledger__region")
            if ledger is not None:
                rounds = rounds.filter(ledger=ledger)
            reporting_round = rounds.filter(pk=options["round"]).first()
            if reporting_round is None:
                raise CommandError(f"没有编号为 {options['round']} 的调度轮次" + ("属于该台账。" if ledger else "。"))
        else:
            raise CommandError("请指定 --round ID 或 --latest。")
        out = Path(options["out"])
        try:
            write = bulletin_pdf if options["pdf"] else bulletin_docx
            document = write(reporting_round, copy_to=options["copy_to"], printed_by=options["printed_by"])
        except (ChartFontMissing, PdfConversionFailed) as refused:
            raise CommandError(str(refused)) from refused
        out.write_bytes(document)
        self.stdout.write(f"已生成调度通报: {out} ({reporting_round.ledger.title} · {reporting_round.title})")
