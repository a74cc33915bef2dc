"""The 重点项目推进情况 part: printed after 分项进展 when given, numbered in order, with its tables and chart."""

import io
from dataclasses import replace

import docx
from docx.document import Document
from docx.oxml.ns import qn

from blueledger.dispatch.bulletin import ProjectsPart, render_bulletin
from blueledger.dispatch.engine_tests.factories import make_bulletin_data, make_projects_part


def reopen(projects: ProjectsPart | None = None) -> Document:
    return docx.Document(io.BytesIO(render_bulletin(replace(make_bulletin_data(), projects=projects))))


def heading_texts(document: Document) -> list[str]:
    """The 一、 headings: the paragraphs set in 黑体."""
    headings = []
    for paragraph in document.paragraphs:
        properties = paragraph.runs[0]._r.rPr if paragraph.runs else None
        fonts = properties.find(qn("w:rFonts")) if properties is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")) == "黑体":
            headings.append(paragraph.text)
    return headings


def table_rows(document: Document, first_header: str, second_header: str | None = None) -> list[list[str]]:
    table = next(
        t for t in document.tables
        if t.rows[0].cells[0].text == first_header and second_header in (None, t.rows[0].cells[1].text)
    )
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_part_comes_after_the_itemised_progress_and_shifts_the_numbers() -> None:
    document = reopen(projects=make_projects_part())

    assert heading_texts(document) == [
        "一、总体情况", "二、分项进展", "三、重点项目推进情况", "四、滞后事项清单", "五、排名情况",
    ]


def test_without_a_registry_the_bulletin_keeps_its_four_parts() -> None:
    assert heading_texts(reopen()) == ["一、总体情况", "二、分项进展", "三、滞后事项清单", "四、排名情况"]


def test_district_and_track_tables_print_amounts_and_rates_with_two_places() -> None:
    document = reopen(projects=make_projects_part())

    districts = table_rows(document, "区市")
    assert districts[0] == ["区市", "项目数", "总投资（亿元）", "年度计划（亿元）", "累计完成（亿元）", "开工在建率",
                            "计划完成率", "列统率"]
    assert districts[1] == ["市南区", "10", "224.66", "31.06", "17.20", "80.00%", "55.00%", "—"]
    tracks = table_rows(document, "赛道")
    assert [row[0] for row in tracks[1:]] == ["海洋装备", "航运金融"]
    assert tracks[2][6] == "—"  # a track without annual plans has no completion rate


def test_lagging_projects_are_listed_and_the_rest_counted() -> None:
    document = reopen(projects=make_projects_part(lagging=2, lagging_total=27))

    assert table_rows(document, "序号", "项目名称")[1:] == [
        ["1", "海洋项目0", "市南区", "海洋装备", "5.18", "0.00", "0.00%"],
        ["2", "海洋项目1", "黄岛区", "海洋装备", "5.18", "1.00", "10.00%"],
    ]
    assert any(p.text == "年度计划投资完成率低于序时进度的项目共27个，此处列完成率最低的2个，其余见重点项目库。"
               for p in document.paragraphs)


def test_no_lagging_project_is_said_plainly() -> None:
    document = reopen(projects=make_projects_part(lagging=0, lagging_total=0))

    assert "本期无年度计划投资完成率低于序时进度的项目。" in [p.text for p in document.paragraphs]


def test_the_district_chart_is_embedded_with_its_caption() -> None:
    document = reopen(projects=make_projects_part())

    assert len(document.inline_shapes) == 4
    assert "图3　各区市年度计划投资完成率" in [p.text for p in document.paragraphs]
