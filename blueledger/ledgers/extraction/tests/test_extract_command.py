"""`blueledger extract`: the three output formats, reopened, and bad input refused with one line and status 1.

The JSON and missing-file tests start the command as a process (`python -m blueledger.cli extract`); the others
call the same `main()` the process exits with, in this process (half a second less each), with its output
captured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from blueledger.cli import main
from blueledger.ledgers.extraction.outputs import LEDGER_COLUMNS, QUANTITY_COLUMNS

PLAN = """某市海洋发展局2025年工作要点

一、壮大海洋产业
(一)推进重点项目建设。力争全年新开工海洋重点项目30个以上,年内完成投资100亿元。(市发改委牵头,市工信局、市财政局按职责分工负责)
(二)提升渔港功能。确保8月份前完成2处渔港整治。
二、加强生态保护
(一)开展海洋生态修复。修复岸线5公里左右。
"""


def run(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **variables}
    return subprocess.run(
        [sys.executable, "-m", "blueledger.cli", "extract", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
    )


def run_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
             **variables: str) -> subprocess.CompletedProcess[str]:
    """`run`, in this process: `python -m blueledger.cli` ends with `SystemExit(main())`."""
    monkeypatch.chdir(tmp_path)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    status = main(["extract", *args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["extract", *args], status, out, err)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_json_from_a_gbk_file(tmp_path: Path) -> None:
    path = write(tmp_path, "要点.txt", PLAN.encode("gbk"))
    result = run(tmp_path, str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    ledger = json.loads(result.stdout)
    assert ledger["schema"] == "blueledger.extract/1"
    assert ledger["title"] == "某市海洋发展局2025年工作要点"
    assert [task["key"] for task in ledger["tasks"]] == ["一", "一.(一)", "一.(二)", "二", "二.(一)"]
    first = next(task for task in ledger["tasks"] if task["key"] == "一.(一)")
    assert (first["lead"], first["support"]) == (["市发改委"], ["市工信局", "市财政局"])
    values = [(q["value"], q["unit"], q["op"], q["hardness"], q["deadline"]) for q in ledger["quantities"]]
    assert values == [
        (30, "个", ">=", "力争", "2025-12-31"),
        (100, "亿元", "=", "力争", "2025-12-31"),
        (2, "处", "=", "确保", "2025-08-31"),
        (5, "公里", "~", None, None),
    ]


def test_xlsx_ledger_reopens_with_tasks_targets_and_departments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "要点.txt", PLAN.encode("utf-8"))
    result = run_here(tmp_path, monkeypatch, capsys, str(path), "--format", "xlsx", "--out", "台账.xlsx")
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(BytesIO((tmp_path / "台账.xlsx").read_bytes()))
    sheet = workbook["工作台账"]
    assert sheet["A1"].value == "某市海洋发展局2025年工作要点"
    assert tuple(cell.value for cell in sheet[3]) == LEDGER_COLUMNS
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {"一", "一.(一)", "一.(二)", "二", "二.(一)"}
    _key, title, targets, lead, support, deadline, source = rows["一.(一)"]
    assert title == "推进重点项目建设"
    assert targets.splitlines() == ["力争 新开工海洋重点项目 ≥ 30个 (2025-12-31前)", targets.splitlines()[1]]
    assert targets.splitlines()[1].startswith("力争 ") and targets.splitlines()[1].endswith("100亿元 (2025-12-31前)")
    assert (lead, support, deadline) == ("市发改委", "市工信局、市财政局", "2025-12-31")
    assert source.startswith("推进重点项目建设。力争全年新开工")
    detail = workbook["目标明细"]
    assert tuple(cell.value for cell in detail[1]) == QUANTITY_COLUMNS
    assert [row[4] for row in detail.iter_rows(min_row=2, values_only=True)] == [30, 100, 2, 5]


def test_markdown_outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "要点.txt", PLAN.encode("utf-8"))
    result = run_here(tmp_path, monkeypatch, capsys, str(path), "--format", "md")
    assert result.returncode == 0
    assert "### 一.(一) 推进重点项目建设" in result.stdout
    assert "- 牵头: 市发改委" in result.stdout
    assert "- 目标: 确保" in result.stdout


def test_bad_inputs_fail_with_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = {
        "空.txt": (b"", "是空的"),
        "乱码.txt": (bytes(range(256)) * 8, "二进制"),
        "扫描.pdf": (b"%PDF-1.4\n%%EOF\n", "“扫描.pdf”"),
        "大.txt": ("海洋".encode() * 700_000, "超过"),
    }
    for name, (data, words) in cases.items():
        path = write(tmp_path, name, data)
        result = run_here(tmp_path, monkeypatch, capsys, str(path), BLUELEDGER_UPLOAD_LIMIT_MB="1")
        assert result.returncode == 1, name
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and name in lines[0], (name, lines)


def test_missing_file(tmp_path: Path) -> None:
    result = run(tmp_path, "没有这个文件.txt")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "找不到文件“没有这个文件.txt”" in result.stderr
