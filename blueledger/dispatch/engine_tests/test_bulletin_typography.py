"""The bulletin prints Chinese punctuation full-width (GB/T 15834) and aligns each table column one way."""

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from blueledger.dispatch.bulletin import render_bulletin
from blueledger.dispatch.bulletin.typography import official_punctuation
from blueledger.dispatch.engine_tests.factories import make_bulletin_data

HALF_WIDTH_NEXT_TO_HAN = re.compile(r"[\u4e00-\u9fff] ?[,;:()]|[,;:()] ?[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("已完成5项, 滞后1项; 未报送2项。", "已完成5项，滞后1项；未报送2项。"),
        ("目标≥11个(确保), 已完成2个 (18.2%)", "目标≥11个（确保），已完成2个（18.2%）"),
        ("情况说明: 见附件", "情况说明：见附件"),
        ("累计完成1,250.5万元", "累计完成1,250.5万元"),
        ("会议于10:30召开", "会议于10:30召开"),
        ("截至9月底, 完成2.5亿元", "截至9月底，完成2.5亿元"),
    ],
)
def test_prose_punctuation_becomes_full_width(written: str, printed: str) -> None:
    assert official_punctuation(written) == printed


@pytest.mark.parametrize("text", ["— 1 —", "Times New Roman, 16 pt (body)", "1,000", ""])
def test_text_without_chinese_is_left_as_written(text: str) -> None:
    assert official_punctuation(text) == text


def test_no_half_width_punctuation_next_to_chinese_anywhere_in_the_bulletin() -> None:
    document = docx.Document(io.BytesIO(render_bulletin(make_bulletin_data())))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]

    offending = [text for text in texts if HALF_WIDTH_NEXT_TO_HAN.search(text)]

    assert offending == []
    assert "截至9月底，全市海洋发展重点任务总体序时推进。" in texts


def test_a_column_with_one_long_name_is_left_aligned_in_every_row() -> None:
    from dataclasses import replace

    data = make_bulletin_data()
    long_name = replace(data.ranking[0], unit="市文化和旅游局直属单位")
    document = docx.Document(io.BytesIO(render_bulletin(replace(data, ranking=(long_name, *data.ranking[1:])))))
    ranking = document.tables[-1]

    def alignment(row: int, column: int) -> str:
        paragraph = ranking.rows[row].cells[column].paragraphs[0]
        return str(paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")))

    body_rows = range(1, len(ranking.rows))
    assert {alignment(row, 1) for row in body_rows} == {"left"}
    assert {alignment(row, 0) for row in body_rows} == {"center"}
    assert alignment(0, 1) == "center"  # the header row stays centred
