"""`blueledger bulletin` and the download button produce the .docx of the right round with its figures."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document

from blueledger.dispatch.bulletin.prose import bulletin_title
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import (
    NOVEMBER,
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市发改委"], ["600"])
    report_all(october, departments["市海渔局"], ["1100", "3"])
    round_close(actor=None, reporting_round=october)
    november = make_round(ledger, NOVEMBER)  # open: --latest must not pick it
    return {"ledger": ledger, "october": october, "november": november, **departments}


def _text(data: bytes) -> tuple[str, list[list[str]]]:
    document = Document(BytesIO(data))
    tables = [[" | ".join(cell.text for cell in row.cells) for row in table.rows] for table in document.tables]
    return "\n".join(p.text for p in document.paragraphs), tables


def test_the_command_writes_the_latest_closed_round(world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    call_command("bulletin", "--latest", "--out", str(out))
    text, tables = _text(out.read_bytes())
    assert "2025年第1期" in text and "（2025年10月）" in text
    assert "共调度目标4项，已报送3项；已完成1项，序时推进1项，滞后0项，严重滞后1项，逾期未完成0项，未报送1项。" in text
    assert "海洋生产总值 1200亿元（确保） | 600亿元 | 50.0% | 严重滞后 | 市发改委" in "\n".join(tables[1] + tables[2])
    ranking = next(table for table in tables if table[0] == "名次 | 单位 | 得分 | 报送率 | 较上期")
    assert ranking[1:] == ["1 | 市海渔局 | 94.44 | 2/2 | 新列入", "2 | 市发改委 | 50.00 | 1/1 | 新列入",
                           "3 | 市生态环境局 | 0.00 | 0/1 | 新列入"]


def test_the_command_takes_a_ledger_and_round_and_refuses_unknown_ones(world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "n.docx"
    call_command("bulletin", "--ledger", str(world["ledger"].pk), "--round", str(world["november"].pk),
                 "--out", str(out))
    assert "2025年第2期" in _text(out.read_bytes())[0]
    with pytest.raises(CommandError, match="没有编号为 999 的调度轮次"):
        call_command("bulletin", "--round", "999", "--out", str(out))
    with pytest.raises(CommandError, match="请指定 --round ID 或 --latest"):
        call_command("bulletin", "--out", str(out))


def test_the_button_serves_the_docx_to_the_office_only(world: dict[str, Any], shandong: dict[str, Any]) -> None:
    client = Client()
    client.force_login(make_office(shandong["weifang"]))
    response = client.get(f"/dispatch/rounds/{world['october'].pk}/bulletin.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "（2025年10月）" in _text(response.content)[0]
    client.force_login(make_reporter(world["市海渔局"]))
    assert client.get(f"/dispatch/rounds/{world['october'].pk}/bulletin.docx").status_code == 403


@pytest.mark.parametrize(
    ("ledger_title", "title"),
    [
        ("威海市海洋发展局2023年工作思路", "威海市海洋发展局2023年工作思路调度通报"),
        ("关于对《潍坊市加快构建现代海洋特色产业集聚区工作方案征求意见稿》征求意见的通知",
         "潍坊市加快构建现代海洋特色产业集聚区工作方案调度通报"),
        ("关于印发《青岛市海洋经济发展三年行动方案（草案）》的通知", "青岛市海洋经济发展三年行动方案调度通报"),
    ],
)
def test_the_bulletin_is_titled_by_the_plan_a_notice_carries(ledger_title: str, title: str) -> None:
    assert bulletin_title(ledger_title) == title
