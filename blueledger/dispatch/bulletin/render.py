"""`render_bulletin`: BulletinData → .docx bytes in the layout of GB/T 9704-2012 党政机关公文格式.

What the document guarantees (each is checked by reopening it in engine_tests/test_bulletin_docx.py):

- with a masthead: the 版头 (the office's name and 调度通报 in red 小标宋 as large as one line holds, up to
  小初; the 期号; the 印发机关 and date over a red rule, the 反线) and the 版记 (抄送 and the 印发 line in
  4号仿宋, one character in from each side, between a thick, a thin and a thick rule), a floating table
  pinned to the foot of the 版心 of the last page (engine_tests/test_bulletin_colophon.py, and
  test_bulletin_page_layout.py checks the positions LibreOffice gives it);
- 领导批示 first when the previous bulletin had any, each with its 落实情况;
- A4 (11906 × 16838 twips), margins 37/35/28/26 mm, text grid of 22 lines × 28 characters
  (w:docGrid linesAndChars, linePitch 579, charSpace −849);
- title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, first line indented two
  characters; 一、 headings 3号 黑体; （一） headings 3号 楷体_GB2312; no bold on these faces (the
  face carries the weight); digits and Latin letters in Times New Roman;
- tables in 小四 (12 pt) 仿宋_GB2312 with a 黑体 header row that repeats on every page;
- charts as PNG pictures, 150 mm wide, with a 4号 caption;
- page numbers "— 1 —" in 4号 宋体 in the footer, odd pages right and even pages left, one character
  in from the edge of the 版心 (w:evenAndOddHeaders);
- every East Asian font set in w:rFonts/@w:eastAsia, and the fallbacks of `fonts.FONT_TABLE` named as
  w:altName in the document's font table;
- Chinese punctuation in its full-width forms (GB/T 15834), whatever the caller wrote
  (`typography.official_punctuation`); a table column is centred only when all its cells are short.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from decimal import Decimal

from docx import Document as open_document
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from blueledger.dispatch.bulletin import layout
from blueledger.dispatch.bulletin.charts import amount_chart_png, bar_chart_png, trend_chart_png
from blueledger.dispatch.bulletin.data import (
    BulletinData,
    ProjectGroupRow,
    ProjectsPart,
    RankingRow,
    ReportDocument,
    ReportTable,
)
from blueledger.dispatch.bulletin.fonts import FONT_TABLE, FontRole
from blueledger.dispatch.bulletin.typography import official_punctuation
from blueledger.lib.numbers import format_decimal, format_percent, percent_points

HEADING_NUMBERS = "一二三四五六七八九十"
SECTION_HEADINGS = ("总体情况", "分项进展", "滞后事项清单", "排名情况")
INSTRUCTIONS_HEADING = "领导批示"
PROJECTS_HEADING = "重点项目推进情况"
# Project amounts (亿元) and rates keep two places, as the registry's own figures do (开工在建率84.44%).
PROJECT_PLACES = 2
SHORT_CELL_CHARS = 6  # a column whose cells all fit in this many characters is centred
_LATIN = FONT_TABLE[FontRole.LATIN].official


def render_bulletin(data: BulletinData, *, colophon_on_new_page: bool = False) -> bytes:
    """The bulletin as .docx bytes: 总体情况, 分项进展, 重点项目推进情况 (when `data.projects` is given),
    滞后事项清单, 排名情况, in that order. The 版记 is pinned to the foot of the page the document ends on;
    `colophon_on_new_page` moves it to the foot of a page of its own (`paging.bulletin_pdf` asks for it when
    the text ends on an odd page, since GB/T 9704 prints the 版记 on the back of the last sheet)."""
    document, writer = _official_document()
    if data.masthead:
        writer.masthead(data.masthead, data.issue_label, data.printed_by or data.issuer, _date_text(data))
    writer.title(data.title)
    writer.centred(data.round_label, FONT_TABLE[FontRole.HEADING_2].official, layout.BODY_SIZE_PT)
    writer.blank()
    if data.recipients:
        writer.flush_left(f"{data.recipients}：")

    if data.instructions:
        writer.heading_1(INSTRUCTIONS_HEADING)
        for row in data.instructions:
            writer.body(f"{row.author}（{_day(row.written_on)}）批示：{row.text}")
            writer.body(f"落实情况：{row.note}" if row.implemented else "落实情况：正在落实。")

    writer.heading_1(SECTION_HEADINGS[0])
    for text in data.overview_paragraphs:
        writer.body(text)
    if data.key_figures:
        writer.table(("指标", "数值"), [(f.label, f.value) for f in data.key_figures], (5200, 3644))
    writer.chart(trend_chart_png(data.trend, width_mm=layout.CHART_WIDTH_MM), data.trend.title)

    writer.heading_1(SECTION_HEADINGS[1])
    writer.chart(
        bar_chart_png(data.completion_by_section, width_mm=layout.CHART_WIDTH_MM), data.completion_by_section.title
    )
    for index, section in enumerate(data.sections):
        writer.heading_2(index, section.title)
        for text in section.paragraphs:
            writer.body(text)
        if section.targets:
            writer.table(
                ("序号", "任务及目标", "完成情况", "完成率", "状态", "牵头单位"),
                [
                    (str(n), _task_and_target(row.task, row.target), row.actual, format_percent(row.completion),
                     row.status, row.lead_department)
                    for n, row in enumerate(section.targets, start=1)
                ],
                TARGET_TABLE_WIDTHS,
            )

    if data.projects is not None:
        _write_projects(writer, data.projects)

    writer.heading_1(SECTION_HEADINGS[2])
    if data.lagging:
        writer.body(f"本期滞后事项共{len(data.lagging)}项, 按约束性目标优先、滞后程度从重到轻排列。")
        writer.table(
            ("序号", "任务及目标", "牵头单位", "状态", "情况说明"),
            [
                (str(n), _task_and_target(row.task, row.target), row.lead_department, row.status, row.explanation)
                for n, row in enumerate(data.lagging, start=1)
            ],
            LAGGING_TABLE_WIDTHS,
        )
    else:
        writer.body("本期无滞后事项。")

    writer.heading_1(SECTION_HEADINGS[3])
    for text in data.ranking_paragraphs:
        writer.body(text)
    # The figure comes before the table: a figure that does not fit moves to the next page whole, and before
    # the 落款 it would take the 署名 with it and leave half a page blank; table rows fill the page instead.
    writer.chart(
        bar_chart_png(data.completion_by_department, width_mm=layout.CHART_WIDTH_MM),
        data.completion_by_department.title,
    )
    if data.ranking:
        writer.table(
            ("名次", "单位", "得分", "报送率", "较上期"),
            [(str(row.rank), row.unit, percent_points(row.score, 2), _reporting(row), _change(row))
             for row in data.ranking],
            (1000, 3644, 1400, 1400, 1400),
            keep_with_next=True,  # the 落款 never stands alone on a page (GB/T 9704 §7.3.5)
        )

    writer.blank(keep_with_next=True)
    writer.signature(data.issuer, keep_with_next=True)
    writer.signature(_date_text(data))
    if data.masthead:
        writer.colophon(data.copy_to, data.printed_by or data.issuer, _date_text(data),
                        new_page=colophon_on_new_page)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# 序号 is two digits; the task and its target get the room (about 15 characters of 小四 a line).
TARGET_TABLE_WIDTHS = (560, 3700, 1300, 1000, 1000, 1284)
LAGGING_TABLE_WIDTHS = (560, 3300, 1300, 1000, 2684)
MASTHEAD_RED = RGBColor(0xE6, 0x00, 0x12)  # red ink, Y80% M80% at print (GB/T 9704 §6)
MASTHEAD_MAX_SIZE_PT = 36  # 小初
RED_RULE_EIGHTHS = 12  # 反线 1.5 pt ≈ 0.5 mm
COLOPHON_THICK_EIGHTHS = 8  # 版记 first and last rules ≈ 0.35 mm
COLOPHON_THIN_EIGHTHS = 6  # the middle rule ≈ 0.25 mm
TAB, TAB_RUN = "\t", "</w:t><w:tab/><w:t>"
COLOPHON_GAP_TWIPS = 579  # a line of space between the text and the 版记


def _date_text(data: BulletinData) -> str:
    return _day(data.issued_on)


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _task_and_target(task: str, target: str) -> str:
    return f"{task}：{target}" if task else target


def _official_document() -> tuple[Document, _Writer]:
    """A new document in the GB/T 9704 page, fonts and page numbers, with a writer on it."""
    document = open_document()
    _set_up_page(document)
    _set_up_defaults(document)
    _declare_fallback_fonts(document)
    _add_page_numbers(document)
    return document, _Writer(document)


def render_report(report: ReportDocument) -> bytes:
    """Another product (季度评估, 年度报告) as .docx bytes in the bulletin's page, fonts and tables."""
    document, writer = _official_document()
    writer.title(report.title)
    writer.centred(report.subtitle, FONT_TABLE[FontRole.HEADING_2].official, layout.BODY_SIZE_PT)
    writer.blank()
    for section in report.sections:
        writer.heading_1(section.heading)
        for text in section.paragraphs:
            writer.body(text)
        for table in section.tables:
            writer.table(table.headers, table.rows, _fill_width(table))
        for chart in section.charts:
            writer.chart(amount_chart_png(chart, width_mm=layout.CHART_WIDTH_MM), chart.title)
    writer.blank(keep_with_next=True)
    writer.signature(report.issuer, keep_with_next=True)
    writer.signature(f"{report.issued_on.year}年{report.issued_on.month}月{report.issued_on.day}日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill_width(table: ReportTable) -> list[int]:
    total = sum(table.widths)
    widths = [layout.TEXT_WIDTH_TWIPS * width // total for width in table.widths]
    widths[-1] += layout.TEXT_WIDTH_TWIPS - sum(widths)
    return widths


PROJECT_GROUP_HEADERS = (
    "项目数", "总投资（亿元）", "年度计划（亿元）", "累计完成（亿元）", "开工在建率", "计划完成率", "列统率",
)
PROJECT_GROUP_WIDTHS = (1444, 800, 1100, 1100, 1100, 1100, 1100, 1100)


def _write_projects(writer: _Writer, part: ProjectsPart) -> None:
    """重点项目推进情况: the paragraphs, then (一) by district with its chart, (二) by track, (三) lagging projects."""
    writer.heading_1(PROJECTS_HEADING)
    for text in part.paragraphs:
        writer.body(text)
    writer.heading_2(0, "分区市情况")
    writer.table(("区市", *PROJECT_GROUP_HEADERS), [_group_cells(row) for row in part.by_district],
                 PROJECT_GROUP_WIDTHS)
    writer.chart(bar_chart_png(part.completion_by_district, width_mm=layout.CHART_WIDTH_MM),
                 part.completion_by_district.title)
    writer.heading_2(1, "分赛道情况")
    writer.table(("赛道", *PROJECT_GROUP_HEADERS), [_group_cells(row) for row in part.by_track], PROJECT_GROUP_WIDTHS)
    writer.heading_2(2, "滞后项目")
    if not part.lagging:
        writer.body("本期无年度计划投资完成率低于序时进度的项目。")
        return
    shown = len(part.lagging)
    more = f", 此处列完成率最低的{shown}个, 其余见重点项目库" if part.lagging_total > shown else ""
    writer.body(f"年度计划投资完成率低于序时进度的项目共{part.lagging_total}个{more}。")
    writer.table(
        ("序号", "项目名称", "区市", "所属赛道", "年度计划（亿元）", "累计完成（亿元）", "完成率"),
        [
            (str(n), row.name, row.district, row.track, _yi(row.annual_plan_yi), _yi(row.completed_yi),
             _project_rate(row.completion_rate))
            for n, row in enumerate(part.lagging, start=1)
        ],
        (700, 2644, 1100, 1500, 1000, 1000, 900),
    )


def _group_cells(row: ProjectGroupRow) -> tuple[str, ...]:
    return (
        row.label, str(row.projects), _yi(row.total_investment_yi), _yi(row.annual_plan_yi), _yi(row.completed_yi),
        _project_rate(row.started_rate), _project_rate(row.annual_completion_rate), _project_rate(row.listed_rate),
    )


def _yi(amount: Decimal) -> str:
    return format_decimal(amount, PROJECT_PLACES)


def _project_rate(rate: Decimal | None) -> str:
    return format_percent(rate, PROJECT_PLACES)


# ---------------------------------------------------------------------------------------------------
# Document-wide settings


def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Twips(layout.PAGE_WIDTH_TWIPS)
    section.page_height = Twips(layout.PAGE_HEIGHT_TWIPS)
    section.top_margin = Twips(layout.TOP_MARGIN_TWIPS)
    section.bottom_margin = Twips(layout.BOTTOM_MARGIN_TWIPS)
    section.left_margin = Twips(layout.LEFT_MARGIN_TWIPS)
    section.right_margin = Twips(layout.RIGHT_MARGIN_TWIPS)
    section.header_distance = Twips(layout.HEADER_DISTANCE_TWIPS)
    section.footer_distance = Twips(layout.FOOTER_DISTANCE_TWIPS)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(layout.CHAR_SPACE))
    document.settings.odd_and_even_pages_header_footer = True


def _set_up_defaults(document: Document) -> None:
    """Document defaults: 3号 仿宋_GB2312, Chinese language, no paragraph spacing; theme fonts removed."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None  # python-docx's template always has them
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    paragraph_defaults = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    assert run_defaults is not None and paragraph_defaults is not None
    for child in list(run_defaults):
        run_defaults.remove(child)
    run_defaults.append(_fonts_element(FONT_TABLE[FontRole.BODY].official))
    run_defaults.append(_val("w:sz", str(layout.BODY_SIZE_PT * 2)))
    run_defaults.append(_val("w:szCs", str(layout.BODY_SIZE_PT * 2)))
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    run_defaults.append(language)
    for child in list(paragraph_defaults):
        paragraph_defaults.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    paragraph_defaults.append(spacing)
    normal = document.styles["Normal"]
    normal.font.size = Pt(layout.BODY_SIZE_PT)
    normal_rpr = normal.element.get_or_add_rPr()
    for fonts in normal_rpr.findall(qn("w:rFonts")):
        normal_rpr.remove(fonts)
    normal_rpr.insert(0, _fonts_element(FONT_TABLE[FontRole.BODY].official))
    size = normal_rpr.find(qn("w:sz"))
    assert size is not None
    size.addprevious(_val("w:spacing", str(layout.CHARACTER_SPACING_TWENTIETHS)))  # schema order: before w:sz
    normal_ppr = normal.element.get_or_add_pPr()
    normal_ppr.append(_val("w:snapToGrid", "0"))
    line = OxmlElement("w:spacing")
    line.set(qn("w:after"), "0")
    line.set(qn("w:line"), str(layout.LINE_PITCH_TWIPS))
    line.set(qn("w:lineRule"), "exact")
    normal_ppr.append(line)


def _declare_fallback_fonts(document: Document) -> None:
    """Name every official font in the font table with its first Linux fallback as w:altName."""
    font_table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = parse_xml(font_table.blob)
    declared = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for choice in FONT_TABLE.values():
        if choice.official in declared:
            continue
        font = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{choice.official}">'
            f'<w:altName w:val="{choice.fallbacks[0]}"/>'
            f'<w:charset w:val="{"00" if choice.official == _LATIN else "86"}"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        )
        root.append(font)
    _replace_blob(font_table, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _replace_blob(part: Part, blob: bytes) -> None:
    # The font table is a plain `Part` in python-docx (no XML API); its bytes are what gets saved.
    part._blob = blob


def _add_page_numbers(document: Document) -> None:
    section = document.sections[0]
    for footer, alignment, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        _no_grid(paragraph)
        if side == "right":
            paragraph.paragraph_format.right_indent = Twips(layout.PAGE_NUMBER_SIDE_INDENT_TWIPS)
        else:
            paragraph.paragraph_format.left_indent = Twips(layout.PAGE_NUMBER_SIDE_INDENT_TWIPS)
        paragraph.paragraph_format.line_spacing = Pt(layout.PAGE_NUMBER_SIZE_PT)
        song = FONT_TABLE[FontRole.PAGE_NUMBER].official
        _run(paragraph, "— ", song, layout.PAGE_NUMBER_SIZE_PT, latin=song)
        _field_run(paragraph, "begin", song)
        instruction = _run(paragraph, "", song, layout.PAGE_NUMBER_SIZE_PT, latin=song)
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = " PAGE "
        instruction._r.append(text)
        _field_run(paragraph, "separate", song)
        _run(paragraph, "1", song, layout.PAGE_NUMBER_SIZE_PT, latin=song)
        _field_run(paragraph, "end", song)
        _run(paragraph, " —", song, layout.PAGE_NUMBER_SIZE_PT, latin=song)


def _field_run(paragraph: Paragraph, kind: str, font: str) -> None:
    run = _run(paragraph, "", font, layout.PAGE_NUMBER_SIZE_PT, latin=font)
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    run._r.append(character)


# ---------------------------------------------------------------------------------------------------
# Paragraphs, runs and tables


class _Writer:
    """Appends the bulletin's elements to the document body with their GB/T 9704 formatting."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.chart_count = 0
        self.heading_count = 0

    def masthead(self, name: str, issue_label: str, office: str, date_text: str) -> None:
        """版头: the name in red 小标宋 (as large as fits one line, up to 小初), the 期号, then the issuing
        office and the date on one line over the red rule (反线), and a blank line before the title."""
        name_paragraph = self.document.add_paragraph()
        name_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _no_grid(name_paragraph)
        size = max(layout.TITLE_SIZE_PT, min(MASTHEAD_MAX_SIZE_PT, layout.TEXT_WIDTH_TWIPS // 20 // max(len(name), 1)))
        name_paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
        run = _run(name_paragraph, name, FONT_TABLE[FontRole.TITLE].official, size)
        run.font.color.rgb = MASTHEAD_RED
        if issue_label:
            self.centred(issue_label, FONT_TABLE[FontRole.BODY].official, layout.BODY_SIZE_PT)
        line = self.document.add_paragraph()
        _run(line, f"{office}\t{date_text}", FONT_TABLE[FontRole.BODY].official, layout.BODY_SIZE_PT)
        _set_paragraph_property(line, _right_tab())
        _set_paragraph_property(line, _borders(bottom=(RED_RULE_EIGHTHS, "E60012")))
        self.blank()

    def colophon(self, copy_to: str, printed_by: str, date_text: str, *, new_page: bool = False) -> None:
        """版记: 抄送 and the 印发 line in 4号仿宋, one character in from each side, between full-width rules
        (thick, thin, thick), its last rule on the lower edge of the 版心 of the last page (GB/T 9704 §7.4).

        It is a floating one-column table anchored at the foot of the 版心 (Word's 文字环绕 · 垂直 底端 相对于
        页边距, as office templates place it), so it lands on the page where the text ends whatever the text's
        length. Horizontally it is placed from the page edge: LibreOffice floats a table as wide as the 版心
        only then. The empty paragraph after it is its anchor (and Word's required last paragraph); with
        `new_page` that paragraph starts a page, and the 版记 stands at the foot of that page."""
        font = FONT_TABLE[FontRole.BODY].official
        size = str(layout.CAPTION_SIZE_PT * 2)
        indent = layout.PAGE_NUMBER_SIZE_PT * 20  # one character of 4号
        lines = []
        if copy_to:
            text = copy_to if copy_to.endswith("。") else f"{copy_to}。"
            lines.append((f"抄送：{text}", ""))
        lines.append((f"{printed_by}\t{date_text}印发", f'<w:tabs><w:tab w:val="right" '
                                                        f'w:pos="{layout.TEXT_WIDTH_TWIPS - 2 * indent}"/></w:tabs>'))
        rows = []
        for number, (text, tabs) in enumerate(lines):
            top = COLOPHON_THICK_EIGHTHS if number == 0 else COLOPHON_THIN_EIGHTHS
            bottom = COLOPHON_THICK_EIGHTHS if number == len(lines) - 1 else COLOPHON_THIN_EIGHTHS
            rows.append(
                f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>'
                f'<w:tcW w:w="{layout.TEXT_WIDTH_TWIPS}" w:type="dxa"/>'
                f'<w:tcBorders><w:top w:val="single" w:sz="{top}" w:space="0" w:color="000000"/>'
                f'<w:left w:val="nil"/>'
                f'<w:bottom w:val="single" w:sz="{bottom}" w:space="0" w:color="000000"/>'
                f'<w:right w:val="nil"/></w:tcBorders></w:tcPr>'
                f'<w:p><w:pPr>{tabs}<w:ind w:left="{indent}" w:right="{indent}"/></w:pPr>'
                f'<w:r><w:rPr><w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="{font}" w:cs="{_LATIN}"/>'
                f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
                f'<w:t xml:space="preserve">{_escape(official_punctuation(text)).replace(TAB, TAB_RUN)}'
                f'</w:t></w:r></w:p></w:tc></w:tr>'
            )
        table = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr>'
            f'<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="{COLOPHON_GAP_TWIPS}" '
            f'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
            f'w:tblpX="{layout.LEFT_MARGIN_TWIPS}" w:tblpYSpec="bottom"/>'
            f'<w:tblOverlap w:val="never"/>'
            f'<w:tblW w:w="{layout.TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{layout.TEXT_WIDTH_TWIPS}"/></w:tblGrid>{"".join(rows)}</w:tbl>'
        )
        self.document.element.body.sectPr.addprevious(table)
        anchor = self.document.add_paragraph()
        if new_page:
            anchor.paragraph_format.page_break_before = True
        _no_grid(anchor)
        anchor.paragraph_format.line_spacing = Pt(1)  # takes no room on a full page

    def title(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, FONT_TABLE[FontRole.TITLE].official, layout.TITLE_SIZE_PT)

    def centred(self, text: str, east_asia: str, size_pt: int) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, east_asia, size_pt)

    def blank(self, *, keep_with_next: bool = False) -> None:
        self.document.add_paragraph().paragraph_format.keep_with_next = keep_with_next

    def flush_left(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        _run(paragraph, text, FONT_TABLE[FontRole.BODY].official, layout.BODY_SIZE_PT)

    def body(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _indent_first_line(paragraph)
        _run(paragraph, text, FONT_TABLE[FontRole.BODY].official, layout.BODY_SIZE_PT)

    def heading_1(self, text: str) -> None:
        """A 一、 heading, numbered in the order written (the 重点项目 part, when present, shifts the rest)."""
        paragraph = self.document.add_paragraph()
        _indent_first_line(paragraph)
        _outline_level(paragraph, 0)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, f"{_chinese_ordinal(self.heading_count)}、{text}", FONT_TABLE[FontRole.HEADING_1].official,
             layout.HEADING_SIZE_PT)
        self.heading_count += 1

    def heading_2(self, index: int, text: str) -> None:
        paragraph = self.document.add_paragraph()
        _indent_first_line(paragraph)
        _outline_level(paragraph, 1)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, f"（{_chinese_ordinal(index)}）{text}", FONT_TABLE[FontRole.HEADING_2].official,
             layout.HEADING_SIZE_PT)

    def signature(self, text: str, *, keep_with_next: bool = False) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = keep_with_next  # the 署名 never leaves its date
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Twips(2 * layout.BODY_SIZE_PT * 20)
        _run(paragraph, text, FONT_TABLE[FontRole.BODY].official, layout.BODY_SIZE_PT)

    def chart(self, png: bytes, caption: str, *, keep_with_next: bool = False) -> None:
        self.chart_count += 1
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _no_grid(paragraph)
        paragraph.paragraph_format.keep_with_next = True
        _single_spacing(paragraph)  # an exact line height would crop the picture
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(layout.CHART_WIDTH_MM))
        caption_paragraph = self.document.add_paragraph()
        caption_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption_paragraph.paragraph_format.keep_with_next = keep_with_next
        _run(caption_paragraph, f"图{self.chart_count}　{caption}", FONT_TABLE[FontRole.BODY].official,
             layout.CAPTION_SIZE_PT)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_twips: Sequence[int], *,
              keep_with_next: bool = False) -> None:
        """A grid table as wide as the 版心 with a repeating 黑体 header row and 小四 仿宋 cells; with
        `keep_with_next` its last row stays on the page of the paragraph after it."""
        assert sum(widths_twips) == layout.TEXT_WIDTH_TWIPS, "table columns must fill the 版心"
        table = self.document.add_table(rows=0, cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid_columns = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for column, width in zip(grid_columns, widths_twips, strict=True):
            column.set(qn("w:w"), str(width))
        # One alignment a column, so that a column of names does not zigzag between centred and left.
        alignments = [
            "center" if all(len(row[column]) <= SHORT_CELL_CHARS for row in rows) else "left"
            for column in range(len(headers))
        ]
        _append_row(table, headers, widths_twips, ["center"] * len(headers), header=True)
        for number, row in enumerate(rows, start=1):
            _append_row(table, row, widths_twips, alignments, header=False,
                        keep_with_next=keep_with_next and number == len(rows))


def _append_row(
    table: Table, texts: Sequence[str], widths_twips: Sequence[int], alignments: Sequence[str], *, header: bool,
    keep_with_next: bool = False,
) -> None:
    """One row built directly in XML: python-docx's cell API rescans the table on every access."""
    east_asia = FONT_TABLE[FontRole.HEADING_1 if header else FontRole.BODY].official
    size = str(layout.TABLE_SIZE_PT * 2)
    header_properties = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    cells = []
    for text, width, alignment in zip(texts, widths_twips, alignments, strict=True):
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr>{"<w:keepNext/>" if keep_with_next else ""}<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:line="240" w:lineRule="auto"/>'
            f'<w:jc w:val="{alignment}"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="{east_asia}" w:cs="{_LATIN}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{_escape(official_punctuation(text))}</w:t></w:r></w:p></w:tc>'
        )
    table._tbl.append(parse_xml(f'<w:tr {nsdecls("w")}>{header_properties}{"".join(cells)}</w:tr>'))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run(paragraph: Paragraph, text: str, east_asia: str, size_pt: int, *, latin: str = _LATIN) -> Run:
    run = paragraph.add_run(official_punctuation(text))
    run.font.size = Pt(size_pt)
    run.font.bold = False
    run_properties = run._r.get_or_add_rPr()
    run_properties.insert(0, _fonts_element(east_asia, latin=latin))
    return run


def _fonts_element(east_asia: str, *, latin: str = _LATIN) -> BaseOxmlElement:
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    return fonts


def _val(tag: str, value: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def _indent_first_line(paragraph: Paragraph) -> None:
    indent = OxmlElement("w:ind")
    # firstLineChars follows the text grid (two grid characters); firstLine is the twips fallback.
    indent.set(qn("w:firstLineChars"), str(layout.FIRST_LINE_INDENT_CHARS * 100))
    indent.set(qn("w:firstLine"), str(layout.FIRST_LINE_INDENT_CHARS * layout.BODY_SIZE_PT * 20))
    _set_paragraph_property(paragraph, indent)


def _outline_level(paragraph: Paragraph, level: int) -> None:
    _set_paragraph_property(paragraph, _val("w:outlineLvl", str(level)))


def _single_spacing(paragraph: Paragraph) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    _set_paragraph_property(paragraph, spacing)


def _right_tab(position_twips: int = layout.TEXT_WIDTH_TWIPS) -> BaseOxmlElement:
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)
    return tabs


def _borders(*, top: tuple[int, str] | None = None, bottom: tuple[int, str] | None = None) -> BaseOxmlElement:
    """w:pBdr with a single top and/or bottom rule: (width in eighths of a point, RGB colour)."""
    borders = OxmlElement("w:pBdr")
    for side, rule in (("top", top), ("bottom", bottom)):
        if rule is None:
            continue
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(rule[0]))
        element.set(qn("w:space"), "4")
        element.set(qn("w:color"), rule[1])
        borders.append(element)
    return borders


def _no_grid(paragraph: Paragraph) -> None:
    _set_paragraph_property(paragraph, _val("w:snapToGrid", "0"))


# Order of w:pPr children in the OOXML schema; Word refuses a document whose children are out of order.
_PARAGRAPH_PROPERTY_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)


def _set_paragraph_property(paragraph: Paragraph, element: BaseOxmlElement) -> None:
    """Put `element` into the paragraph's w:pPr at its schema position, replacing one of the same tag."""
    properties = paragraph._p.get_or_add_pPr()
    for existing in properties.findall(element.tag):
        properties.remove(existing)
    position = _PARAGRAPH_PROPERTY_ORDER.index(etree.QName(element).localname)
    for child in properties:
        name = etree.QName(child).localname
        if name in _PARAGRAPH_PROPERTY_ORDER and _PARAGRAPH_PROPERTY_ORDER.index(name) > position:
            child.addprevious(element)
            return
    properties.append(element)


def _chinese_ordinal(index: int) -> str:
    number = index + 1
    if number <= 10:
        return HEADING_NUMBERS[number - 1]
    if number < 20:
        return "十" + HEADING_NUMBERS[number - 11]
    tens, units = divmod(number, 10)
    return HEADING_NUMBERS[tens - 1] + "十" + (HEADING_NUMBERS[units - 1] if units else "")


def _reporting(row: RankingRow) -> str:
    return "—" if row.reported is None or row.targets is None else f"{row.reported}/{row.targets}"


def _change(row: RankingRow) -> str:
    if row.change is None:
        return "新列入"
    if row.change > 0:
        return f"上升{row.change}位"
    if row.change < 0:
        return f"下降{-row.change}位"
    return "持平"


__all__ = ["INSTRUCTIONS_HEADING", "PROJECTS_HEADING", "SECTION_HEADINGS", "render_bulletin"]
