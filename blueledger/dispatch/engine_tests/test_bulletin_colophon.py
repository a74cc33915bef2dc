"""The 版记 in the .docx: a floating one-column table pinned to the foot of the 版心 (GB/T 9704 §7.4: its last
rule on the lower edge of the 版心 of the last page), as wide as the 版心, 抄送 over the 印发 line in 4号仿宋
one character in from each side, between a thick, a thin and a thick rule; the empty paragraph after it is
its anchor, which starts a page of its own when asked."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from blueledger.dispatch.bulletin import layout, render_bulletin
from blueledger.dispatch.bulletin.data import BulletinData
from blueledger.dispatch.engine_tests.factories import make_bulletin_data


def _data(*, copy_to: str = "市委办公室，市政府办公室") -> BulletinData:
    return replace(make_bulletin_data(), masthead="潍坊市海洋发展和渔业局调度通报", issue_label="2025年第3期",
                   copy_to=copy_to, printed_by="潍坊市海洋发展和渔业局办公室")


def _open(data: BulletinData, *, colophon_on_new_page: bool = False) -> Document:
    return docx.Document(io.BytesIO(render_bulletin(data, colophon_on_new_page=colophon_on_new_page)))


def _attributes(element: etree._Element | None) -> dict[str, str]:
    assert element is not None
    return {etree.QName(name).localname: value for name, value in element.attrib.items()}


def _rule(cell: object, side: str) -> str | None:
    borders = cell._tc.tcPr.find(qn("w:tcBorders"))  # type: ignore[attr-defined]
    element = borders.find(qn(f"w:{side}"))
    return None if element is None or element.get(qn("w:val")) == "nil" else element.get(qn("w:sz"))


def test_the_colophon_is_a_table_floating_at_the_foot_of_the_type_area() -> None:
    document = _open(_data())
    colophon = document.tables[-1]

    position = _attributes(colophon._tbl.tblPr.find(qn("w:tblpPr")))
    assert position == {
        "leftFromText": "0", "rightFromText": "0", "topFromText": "579", "bottomFromText": "0",
        "vertAnchor": "margin", "tblpYSpec": "bottom",  # 底端, relative to the margins: the foot of the 版心
        "horzAnchor": "page", "tblpX": str(layout.LEFT_MARGIN_TWIPS),  # from the page edge to the 版心's
    }
    assert _attributes(colophon._tbl.tblPr.find(qn("w:tblW"))) == {"w": "8844", "type": "dxa"}
    assert [cell.text for row in colophon.rows for cell in row.cells] == [
        "抄送：市委办公室，市政府办公室。", "潍坊市海洋发展和渔业局办公室\t2025年10月8日印发",
    ]
    # the body's last element after the 版记 is its anchor: an empty paragraph one point high
    assert document.element.body[-2].tag == qn("w:p") and document.paragraphs[-1].text == ""
    assert document.paragraphs[-1].paragraph_format.line_spacing.pt == 1
    assert document.paragraphs[-1].paragraph_format.page_break_before is None
    assert [p.text for p in document.paragraphs[-3:-1]] == ["市海洋发展局", "2025年10月8日"]


def test_rules_thick_thin_thick_and_4hao_fangsong_one_character_in() -> None:
    rows = _open(_data()).tables[-1].rows
    copy_to, printed = rows[0].cells[0], rows[1].cells[0]

    assert [_rule(copy_to, "top"), _rule(copy_to, "bottom"), _rule(printed, "top"), _rule(printed, "bottom")] == [
        "8", "6", "6", "8"]
    assert _rule(copy_to, "left") is None and _rule(copy_to, "right") is None
    for cell in (copy_to, printed):
        paragraph = cell.paragraphs[0]
        assert paragraph.runs[0].font.size.pt == 14  # 4号
        assert paragraph.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
        assert paragraph.paragraph_format.left_indent == paragraph.paragraph_format.right_indent == 14 * 12700
    tab = printed.paragraphs[0]._p.pPr.find(f"{qn('w:tabs')}/{qn('w:tab')}")
    assert _attributes(tab) == {"val": "right", "pos": str(8844 - 2 * 280)}  # 印发日期 one character in


def test_without_copy_to_the_printed_line_carries_both_thick_rules() -> None:
    rows = _open(_data(copy_to="")).tables[-1].rows

    assert len(rows) == 1
    assert [_rule(rows[0].cells[0], "top"), _rule(rows[0].cells[0], "bottom")] == ["8", "8"]


@pytest.mark.parametrize("new_page", [True, False])
def test_on_request_the_colophon_stands_on_a_page_of_its_own(new_page: bool) -> None:
    anchor = _open(_data(), colophon_on_new_page=new_page).paragraphs[-1]

    assert anchor.paragraph_format.page_break_before is (True if new_page else None)


def test_without_a_masthead_there_is_no_colophon() -> None:
    document = _open(replace(_data(), masthead=None))

    assert all(table._tbl.tblPr.find(qn("w:tblpPr")) is None for table in document.tables)
    assert document.paragraphs[-1].text == "2025年10月8日"
