"""HTML to lines: blocks and <br> break lines, data tables become TAB-joined rows."""

from __future__ import annotations

import pytest

from blueledger.documents.reading import DocumentReadError, ReadDocument, read_document


def _page(body: str, charset: str = "utf-8") -> str:
    return f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'


def test_data_table_rows_are_tab_joined_and_row_spans_leave_an_empty_column() -> None:
    body = (
        "<table><tr><th>类别</th><th>序号</th><th>目标名称</th></tr>"
        '<tr><td rowspan="2">重点目标</td><td>1</td><td><p>谋划创建</p><p>全球海洋中心城市</p></td></tr>'
        "<tr><td>2</td><td>统筹推进经略海洋攻势</td></tr>"
        '<tr><td colspan="2">标杆城市</td><td>深圳市</td></tr></table>'
    )
    assert read_document(_page(body).encode(), "目标.html").text == (
        "类别\t序号\t目标名称\n"
        "重点目标\t1\t谋划创建 全球海洋中心城市\n"
        "\t2\t统筹推进经略海洋攻势\n"
        "标杆城市\t深圳市"
    )


def test_layout_table_cells_become_lines() -> None:
    body = (
        "<table><tr><td><table><tr><td>一、总体要求</td></tr></table></td><td><p>正文。</p></td></tr></table>"
    )
    assert read_document(_page(body).encode(), "a.html").text == "一、总体要求\n正文。"


def test_source_line_breaks_inside_chinese_do_not_become_spaces() -> None:
    body = "<p>完善海洋统筹\n      工作机制，推进 ocean\n  economy 发展。</p>"
    assert (
        read_document(_page(body).encode(), "a.html").text
        == "完善海洋统筹工作机制，推进 ocean economy 发展。"
    )


def test_site_wide_form_wrapping_the_page_keeps_its_content() -> None:
    paragraph = "加快推进海洋牧场建设，" * 30
    body = f'<form id="form1"><div><p>{paragraph}</p></div><input type="hidden"></form>'
    assert read_document(_page(body).encode(), "a.aspx").text == paragraph


def test_article_header_is_kept_but_site_header_is_dropped() -> None:
    body = (
        "<header>青岛市海洋发展局门户网站</header>"
        "<article><header><h1>2024年工作要点</h1><p>发布日期：2024-02-01</p></header><p>正文。</p></article>"
        '<div style="display: none">隐藏的统计代码</div>'
    )
    assert (
        read_document(_page(body).encode(), "a.html").text == "2024年工作要点\n发布日期：2024-02-01\n正文。"
    )


def test_page_wrongly_labelled_gb2312_is_decoded_from_its_bytes() -> None:
    page = _page("<p>威海市海洋发展局2023年工作思路，全力以赴稳定海洋经济运行。</p>", charset="gb2312")
    assert read_document(page.encode("utf-8"), "a.htm") == ReadDocument(
        text="威海市海洋发展局2023年工作思路，全力以赴稳定海洋经济运行。",
        format="html",
        encoding="utf-8",
        warnings=("网页声明的编码（gb18030）与内容不符，已按 utf-8 读取。",),
    )


def test_html_saved_with_a_doc_extension_is_read_as_html() -> None:
    page = _page("<p>关于印发海洋工作要点的通知</p>", charset="gbk").encode("gbk")
    assert read_document(page, "通知.doc") == ReadDocument(
        text="关于印发海洋工作要点的通知", format="html", encoding="gb18030", warnings=()
    )


def test_page_of_nothing_but_chrome_is_refused_as_empty() -> None:
    with pytest.raises(DocumentReadError) as refused:
        read_document(
            _page("<p>当前位置：首页 &gt; 政务公开</p><p>【打印】【关闭】</p>").encode(), "空页.html"
        )
    assert (refused.value.code, refused.value.message) == (
        "empty",
        "文件“空页.html”里没有可读取的文字。请检查是否选错了文件。",
    )
