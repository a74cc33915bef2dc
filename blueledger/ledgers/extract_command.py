"""`blueledger extract FILE [--format json|xlsx|md] [--out PATH]`: a work document → its draft ledger.

Needs no database and no Django start-up, so it answers in a fraction of a second. Bad input ends with a
non-zero status and one line saying which file, what is wrong and what to do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from blueledger.documents.reading import DocumentReadError, read_path
from blueledger.ledgers.extraction import extract
from blueledger.ledgers.extraction.outputs import ledger_markdown, ledger_workbook
from blueledger.lib.envvars import ConfigurationError, read_int

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blueledger extract",
        description="从工作文件 (txt/docx/html/pdf) 提取工作台账 / extract the task ledger of a work document",
    )
    parser.add_argument("file", type=Path, help="工作文件 / the document")
    parser.add_argument(
        "--format",
        choices=("json", "xlsx", "md"),
        default="json",
        help="json: blueledger.extract/1; xlsx: Excel 台账; md: 提纲 (默认 json)",
    )
    parser.add_argument("--out", type=Path, help="输出文件; xlsx 默认为 <文件名>_台账.xlsx, 其余默认输出到屏幕")
    return parser


def run_extract(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        limit_mb = read_int("BLUELEDGER_UPLOAD_LIMIT_MB", 20, minimum=1, maximum=500)
    except ConfigurationError as error:
        print(f"配置错误 configuration error — {error.variable}: {error.problem}", file=sys.stderr)
        return EXIT_USAGE
    path: Path = args.file
    if not path.is_file():
        print(f"blueledger extract: 找不到文件“{path}”。请检查路径。", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        document = read_path(path, max_bytes=limit_mb * 1024 * 1024)
    except DocumentReadError as error:
        print(f"blueledger extract: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    ledger = extract(document.text, source=path.name)
    for warning in document.warnings:
        print(f"提示: {warning}", file=sys.stderr)

    if args.format == "xlsx":
        out = args.out or Path(f"{path.stem}_台账.xlsx")
        out.write_bytes(ledger_workbook(ledger))
        print(f"已写入 {out} (任务 {len(ledger.tasks)} 项, 数量 {len(ledger.quantities)} 处)", file=sys.stderr)
        return 0
    if args.format == "md":
        output = ledger_markdown(ledger)
    else:
        output = json.dumps(ledger.to_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.out:
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0
