"""The bulletin an office would send: 版头 (red 小标宋 name with 调度通报, 期号 第N期 per ledger and year,
office and date over the red rule), one row per target naming its lead department, 未报送 as such, no
《》 inside 《》, the signature with the office's full name, and the 版记 (抄送, 印发机关, 印发日期, rules)."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn

from blueledger.dispatch.bulletin.prose import book_title
from blueledger.dispatch.bulletin.render import MASTHEAD_RED
from blueledger.dispatch.bulletin_facts import bulletin_docx, office_full_name
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import NOVEMBER, make_published_ledger, make_round, report_all

pytestmark = pytest.mark.django_db
ISSUED = datetime.date(2025, 11, 6)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市发改委"], ["600"])  # leads 海洋生产总值 1200亿元
    report_all(october, departments["市海渔局"], ["1100", "3"])  # supports it with 1100, leads 渔港
    round_close(actor=None, reporting_round=october)
    return {"ledger": ledger, "october": october, **departments}


def _document(reporting_round: ReportingRound, **options: Any) -> Any:
    return Document(BytesIO(bulletin_docx(reporting_round, issued_on=ISSUED, **options)))


def _border(paragraph: Any, side: str) -> tuple[str, str] | None:
    borders = paragraph._p.pPr.find(qn("w:pBdr"))
    element = None if borders is None else borders.find(qn(f"w:{side}"))
    return None if element is None else (element.get(qn("w:sz")), element.get(qn("w:color")))


def _rule(cell: Any, side: str) -> str | None:
    element = cell._tc.tcPr.find(f"{qn('w:tcBorders')}/{qn(f'w:{side}')}")
    return None if element is None else element.get(qn("w:sz"))


def _rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_masthead_in_red_with_issue_number_office_and_red_rule(world: dict[str, Any]) -> None:
    paragraphs = _document(world["october"]).paragraphs

    name, issue, office_line = paragraphs[0], paragraphs[1], paragraphs[2]
    assert name.text == "潍坊市海洋发展和渔业局调度通报"
    run = name.runs[0]
    assert run.font.color.rgb == MASTHEAD_RED
    assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert run.font.size.pt == 29  # as large as one line of the 版心 holds for 15 characters
    assert issue.text == "2025年第1期"
    assert office_line.text == "潍坊市海洋发展和渔业局办公室\t2025年11月6日"
    assert _border(office_line, "bottom") == ("12", "E60012")
    assert paragraphs[4].text == "潍坊市海洋发展和渔业局2025年工作要点调度通报"
    assert paragraphs[5].text == "（2025年10月）"


def test_issue_numbers_run_per_ledger_and_year(world: dict[str, Any]) -> None:
    november = make_round(world["ledger"], NOVEMBER)
    january = make_round(world["ledger"], (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)))

    assert _document(november).paragraphs[1].text == "2025年第2期"
    assert _document(january).paragraphs[1].text == "2026年第1期"


def test_one_row_per_target_naming_its_lead_department(world: dict[str, Any]) -> None:
    tables = _document(world["october"]).tables
    progress = [row for table in tables[1:] if _rows(table)[0][0] == "序号" and "完成情况" in _rows(table)[0]
                for row in _rows(table)[1:]]

    gdp = [row for row in progress if "海洋生产总值" in row[1]]
    assert [row[2:] for row in gdp] == [["600亿元", "50.0%", "严重滞后", "市发改委"]]
    assert {row[1].split("：")[-1]: row[5] for row in progress} == {
        "海洋生产总值 1200亿元（确保）": "市发改委",
        "新建渔港 ≥3个（力争）": "市海渔局",
        "整治岸线 ≥12.5公里": "市生态环境局",
    }
    shoreline = next(row for row in progress if "岸线" in row[1])
    assert shoreline[2:5] == ["未报送", "—", "未报送"]
    lagging_header = ["序号", "任务及目标", "牵头单位", "状态", "情况说明"]
    lagging = next(table for table in tables if _rows(table)[0] == lagging_header)
    assert [row[2] for row in _rows(lagging)[1:]] == ["市发改委"]


def test_signature_and_colophon(world: dict[str, Any]) -> None:
    document = _document(world["october"], copy_to="市委办公室，市政府办公室")
    texts = [paragraph.text for paragraph in document.paragraphs]

    signature = texts.index("潍坊市海洋发展和渔业局")
    assert texts[signature + 1:] == ["2025年11月6日", ""]  # the date, then the 版记's anchor
    colophon = document.tables[-1]
    assert colophon._tbl.tblPr.find(qn("w:tblpPr")).get(qn("w:tblpYSpec")) == "bottom"  # pinned to the foot
    copy_to, printed = (row.cells[0] for row in colophon.rows)
    assert copy_to.text == "抄送：市委办公室，市政府办公室。"
    assert printed.text == "潍坊市海洋发展和渔业局办公室\t2025年11月6日印发"
    assert (_rule(copy_to, "top"), _rule(copy_to, "bottom"), _rule(printed, "bottom")) == ("8", "6", "8")
    for cell in (copy_to, printed):
        assert cell.paragraphs[0].runs[0].font.size.pt == 14  # 4号
        assert cell.paragraphs[0].paragraph_format.left_indent == 14 * 12700


def test_no_book_title_marks_inside_book_title_marks(world: dict[str, Any]) -> None:
    ledger = world["ledger"]
    ledger.title = "关于印发《潍坊市海洋经济发展行动方案》的通知"
    ledger.save(update_fields=["title"])
    october = ReportingRound.objects.get(pk=world["october"].pk)  # the closed round holds its own copy of the ledger

    overview = next(p.text for p in _document(october).paragraphs if p.text.startswith("截至"))

    assert "《关于印发〈潍坊市海洋经济发展行动方案〉的通知》" in overview
    assert book_title("《甲》与《乙》") == "《〈甲〉与〈乙〉》"


@pytest.mark.parametrize(("issuer", "full"), [
    ("市海洋发展局", "青岛市海洋发展局"), ("青岛市海洋发展局", "青岛市海洋发展局"), ("", "青岛市海洋发展局"),
])
def test_the_office_is_named_in_full(issuer: str, full: str) -> None:
    assert office_full_name(issuer, "青岛市") == full


def test_latest_is_the_round_closed_last_not_the_latest_period(world: dict[str, Any], tmp_path: Path) -> None:
    november = make_round(world["ledger"], NOVEMBER)
    round_close(actor=None, reporting_round=november)
    ReportingRound.objects.filter(pk=november.pk).update(closed_at=datetime.datetime(2025, 12, 3, tzinfo=datetime.UTC))
    ReportingRound.objects.filter(pk=world["october"].pk).update(
        closed_at=datetime.datetime(2025, 12, 4, tzinfo=datetime.UTC))  # October closed late, after November
    out = tmp_path / "b.docx"

    call_command("bulletin", "--latest", "--out", str(out))

    assert "（2025年10月）" in [p.text for p in Document(str(out)).paragraphs]
