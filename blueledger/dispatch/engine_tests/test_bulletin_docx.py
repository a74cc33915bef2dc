"""render_bulletin: the .docx is reopened with python-docx and checked against GB/T 9704-2012."""

import io
from functools import cache

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Length
from docx.text.paragraph import Paragraph
from lxml import etree

from blueledger.dispatch.bulletin import render_bulletin
from blueledger.dispatch.engine_tests.factories import make_bulletin_data


@cache
def rendered() -> bytes:
    return render_bulletin(make_bulletin_data())


def reopen() -> Document:
    return docx.Document(io.BytesIO(rendered()))


def east_asia_font(paragraph: Paragraph) -> str | None:
    if not paragraph.runs or paragraph.runs[0]._r.rPr is None:
        return None
    fonts = paragraph.runs[0]._r.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def twips(length: Length | None) -> int:
    assert length is not None
    return int(length.twips)


def points(length: Length | None) -> float:
    assert length is not None
    return float(length.pt)


def properties_of(paragraph: Paragraph) -> CT_PPr:
    assert paragraph._p.pPr is not None
    return paragraph._p.pPr


def paragraph_starting(document: Document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(text))


def test_page_is_a4_with_the_standard_margins_in_twips() -> None:
    section = reopen().sections[0]

    assert (twips(section.page_width), twips(section.page_height)) == (11906, 16838)
    assert (twips(section.top_margin), twips(section.bottom_margin)) == (2098, 1984)
    assert (twips(section.left_margin), twips(section.right_margin)) == (1588, 1474)


def test_text_grid_is_22_lines_of_28_characters() -> None:
    grid = reopen().sections[0]._sectPr.find(qn("w:docGrid"))

    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) == "-849"


def test_normal_style_carries_the_grid_geometry_for_every_renderer() -> None:
    normal = reopen().styles["Normal"].element
    line = normal.pPr.find(qn("w:spacing"))

    assert (line.get(qn("w:line")), line.get(qn("w:lineRule"))) == ("579", "exact")
    assert normal.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert normal.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"


def test_title_is_22_point_xiaobiaosong_centred() -> None:
    title = reopen().paragraphs[0]

    assert title.text == "全市海洋发展重点任务调度通报"
    assert east_asia_font(title) == "方正小标宋简体"
    assert points(title.runs[0].font.size) == 22
    assert title.runs[0].font.bold is False
    assert title.alignment == 1  # CENTER


def test_body_is_16_point_fangsong_indented_two_characters() -> None:
    body = paragraph_starting(reopen(), "截至9月底")
    indent = properties_of(body).find(qn("w:ind"))

    assert east_asia_font(body) == "仿宋_GB2312"
    assert body.runs[0].font.name == "Times New Roman"
    assert points(body.runs[0].font.size) == 16
    assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("200", "640")


def test_the_four_parts_are_level_one_headings_in_heiti() -> None:
    document = reopen()
    headings = [p for p in document.paragraphs if east_asia_font(p) == "黑体"]

    assert [p.text for p in headings] == ["一、总体情况", "二、分项进展", "三、滞后事项清单", "四、排名情况"]
    assert {points(p.runs[0].font.size) for p in headings} == {16}
    assert {properties_of(p).find(qn("w:outlineLvl")).get(qn("w:val")) for p in headings} == {"0"}


def test_sections_are_level_two_headings_in_kaiti() -> None:
    document = reopen()
    headings = [p for p in document.paragraphs if p.text.startswith("（")]

    assert [p.text for p in headings] == ["（一）第1部分重点任务", "（二）第2部分重点任务", "（三）第3部分重点任务"]
    assert {east_asia_font(p) for p in headings} == {"楷体_GB2312"}
    assert {points(p.runs[0].font.size) for p in headings} == {16}


def test_tables_are_present_with_their_headers_and_12_point_cells() -> None:
    tables = reopen().tables
    headers = [tuple(cell.text for cell in table.rows[0].cells) for table in tables]

    assert headers == [
        ("指标", "数值"),
        *[("序号", "任务及目标", "完成情况", "完成率", "状态", "牵头单位")] * 3,
        ("序号", "任务及目标", "牵头单位", "状态", "情况说明"),
        ("名次", "单位", "得分", "报送率", "较上期"),
    ]
    ranking = tables[-1]
    assert [cell.text for cell in ranking.rows[2].cells] == ["2", "市第2局", "99.00", "—", "上升1位"]
    cell_run = tables[1].rows[1].cells[1].paragraphs[0].runs[0]
    assert points(cell_run.font.size) == 12
    assert cell_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    header_row = tables[1].rows[0]._tr.trPr
    assert header_row is not None and header_row.find(qn("w:tblHeader")) is not None


def test_three_charts_are_embedded_as_png_with_captions() -> None:
    document = reopen()
    image_types = [
        rel.target_part.content_type for rel in document.part.rels.values() if rel.reltype.endswith("/image")
    ]

    assert len(document.inline_shapes) == 3
    assert image_types == ["image/png"] * 3
    assert [p.text for p in document.paragraphs if p.text.startswith("图")] == [
        "图1　各期平均完成率", "图2　各部分目标完成率", "图3　各单位目标完成率",
    ]


def test_footers_hold_a_page_field_between_em_dashes_odd_right_even_left() -> None:
    section = reopen().sections[0]

    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        instructions = [node.text for node in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        assert paragraph.text == "— 1 —"
        assert properties_of(paragraph).find(qn("w:jc")).get(qn("w:val")) == alignment
        assert {east_asia_font_of(run) for run in paragraph.runs} == {"宋体"}
        assert {points(run.font.size) for run in paragraph.runs} == {14}


def east_asia_font_of(run: object) -> str:
    return run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))  # type: ignore[attr-defined, no-any-return]


def test_odd_and_even_footers_are_switched_on() -> None:
    settings = reopen().settings

    assert settings.odd_and_even_pages_header_footer is True


def test_font_table_names_the_linux_fallbacks() -> None:
    document = reopen()
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(font_table.blob)
    alternatives = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in root.findall(qn("w:font")) if font.find(qn("w:altName")) is not None
    }

    assert alternatives["仿宋_GB2312"] == "FandolFang"
    assert alternatives["方正小标宋简体"] == "Noto Serif CJK SC"
    assert alternatives["黑体"] == "Noto Sans CJK SC"
    assert alternatives["楷体_GB2312"] == "FandolKai"


def test_every_body_run_sets_its_east_asian_font() -> None:
    document = reopen()
    runs = [run for p in document.paragraphs for run in p.runs if run.text.strip()]

    assert runs
    assert all(east_asia_font_of(run) for run in runs)


def test_date_under_the_signature_has_no_leading_zeros() -> None:
    document = reopen()

    assert [p.text for p in document.paragraphs[-2:]] == ["市海洋发展局", "2025年10月8日"]


def test_the_last_table_row_keeps_with_the_signature_so_the_signature_never_stands_alone() -> None:
    document = reopen()
    ranking_rows = document.tables[-1].rows
    keeps = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in ranking_rows[1:]]
    paragraphs = document.paragraphs

    assert keeps == [None] * (len(ranking_rows) - 2) + [True]
    # the blank line and the 署名 keep with the next paragraph; the date ends the chain.
    assert [p.paragraph_format.keep_with_next for p in paragraphs[-3:]] == [True, True, False]
    # the last figure comes before the ranking table, so it never drags the 署名 onto a page of its own
    body = list(document.element.body)
    caption = next(p for p in paragraphs if p.text.startswith("图3"))
    assert body.index(caption._p) < body.index(document.tables[-1]._tbl)


def test_bulletin_without_lagging_items_says_so() -> None:
    from dataclasses import replace

    document = docx.Document(io.BytesIO(render_bulletin(replace(make_bulletin_data(), lagging=()))))

    assert paragraph_starting(document, "本期无滞后事项").text == "本期无滞后事项。"
    assert len(document.tables) == 5
