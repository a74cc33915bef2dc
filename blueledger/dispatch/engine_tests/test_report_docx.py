"""render_report: another product in the bulletin's layout; reopened, its title, numbered headings, table
and chart are where they should be, and tables fill the 版心."""

import datetime
import io
from decimal import Decimal

import docx
from docx.oxml.ns import qn

from blueledger.dispatch.bulletin import AmountSeries, ReportDocument, ReportSection, ReportTable, render_report
from blueledger.dispatch.bulletin.layout import TEXT_WIDTH_TWIPS


def test_report_reopens_with_sections_table_and_chart() -> None:
    report = ReportDocument(
        title="潍坊市海洋经济运行季度评估",
        subtitle="2025年第3季度",
        issuer="潍坊市海洋发展和渔业局",
        issued_on=datetime.date(2025, 10, 15),
        sections=(
            ReportSection("总体情况", ("2024年全市海洋生产总值1703.4亿元。",),
                          tables=(ReportTable(("年度", "海洋生产总值(亿元)"), (("2024", "1703.4"),), (1, 2)),),
                          charts=(AmountSeries("海洋生产总值", "亿元", ("2023", "2024"),
                                               (("潍坊市", (None, Decimal("1703.4"))),)),)),
            ReportSection("目标进度", ("到2027年需年均增长5.5%。",)),
        ),
    )
    document = docx.Document(io.BytesIO(render_report(report)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["潍坊市海洋经济运行季度评估", "2025年第3季度"]
    assert "一、总体情况" in texts and "二、目标进度" in texts
    assert texts[-2:] == ["潍坊市海洋发展和渔业局", "2025年10月15日"]
    assert any(t.startswith("图1") and t.endswith("海洋生产总值") for t in texts)
    table = document.tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["2024", "1703.4"]
    widths = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == TEXT_WIDTH_TWIPS
    assert len(document.inline_shapes) == 1
