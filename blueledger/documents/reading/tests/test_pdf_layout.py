"""Undoing PDF layout: page numbers, running heads and feet, lines wrapped mid-sentence."""

from __future__ import annotations

from blueledger.documents.reading.pdf_layout import clean_pdf_pages, join_wrapped_lines

FULL = "完善海洋统筹工作机制和思路打法，组织召开全市经略海洋暨市委海洋委全体"  # 34 hanzi


def test_decorated_page_numbers_are_dropped_anywhere() -> None:
    pages = ["正文第一页。\n— 1 —", "- 2 -\n正文第二页。", "正文第三页。\n第3页 共3页"]
    assert clean_pdf_pages(pages) == ["正文第一页。", "正文第二页。", "正文第三页。"]


def test_bare_numbers_are_dropped_only_at_the_edge_of_a_page() -> None:
    pages = ["序号\n1\n海洋牧场。\n7"]
    assert clean_pdf_pages(pages) == ["序号", "1", "海洋牧场。"]


def test_running_heads_and_feet_repeated_on_most_pages_are_dropped() -> None:
    pages = [
        "青岛市海洋发展局文件\n2023年工作要点\n正文一。\n青岛市海洋发展局 第1页",
        "青岛市海洋发展局文件\n正文二。\n青岛市海洋发展局 第2页",
        "青岛市海洋发展局文件\n正文三。\n青岛市海洋发展局 第3页",
    ]
    assert clean_pdf_pages(pages) == ["2023年工作要点", "正文一。", "正文二。", "正文三。"]


def test_full_line_without_final_punctuation_joins_the_next() -> None:
    assert join_wrapped_lines([FULL, "工作会议。", "短标题", "下一段。"]) == [
        FULL + "工作会议。",
        "短标题",
        "下一段。",
    ]


def test_lines_are_not_joined_across_numbered_headings() -> None:
    for heading in (
        "一、总体要求",
        "（一）工作目标",
        "(2)任务",
        "1.健全机制",
        "2、加强监测",
        "①建设",
        "第三条 职责",
    ):
        assert join_wrapped_lines([FULL, FULL, heading]) == [FULL + FULL, heading]


def test_short_or_finished_lines_are_not_joined() -> None:
    finished = FULL[:-1] + "。"
    bracketed = FULL[:-1] + "）"
    assert join_wrapped_lines([finished, "下一段", bracketed, "再下一段"]) == [
        finished,
        "下一段",
        bracketed,
        "再下一段",
    ]


def test_wrapped_latin_words_are_joined_with_a_space() -> None:
    line = "Marine ranching and the blue economy programme of the city will be"
    assert join_wrapped_lines([line, "reviewed each year."]) == [line + " reviewed each year."]
