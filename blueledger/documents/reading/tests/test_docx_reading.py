"""Word .docx files: paragraphs and tables in document order."""

from __future__ import annotations

from blueledger.documents.reading import ReadDocument, read_document
from blueledger.documents.reading.tests.document_factories import make_numbered_docx, make_work_plan_docx


def test_headings_paragraphs_and_table_rows_come_in_document_order() -> None:
    document = read_document(make_work_plan_docx(), "工作要点.docx")
    assert document == ReadDocument(
        text=(
            "2024年海洋发展工作要点\n"
            "为加快建设海洋强市，制定本要点。\n"
            "类别\t序号\t目标名称\n"
            "重点目标\t1\t谋划创建全球海洋中心城市\n"
            "\t2\t统筹推进经略海洋攻势\n"  # the merged 重点目标 is not repeated
            "备注\t以上目标 年底前完成\n"  # one cell spanning two columns, two paragraphs
            "一、主要任务\n"
            "加强海洋经济运行监测。\n"
            "按月编制分析报告。"
        ),
        format="docx",
        encoding=None,
        warnings=(),
    )


def test_docx_is_recognised_by_content_whatever_its_name() -> None:
    assert read_document(make_work_plan_docx(), "upload.bin").format == "docx"


def test_automatic_numbering_is_reported_as_not_read() -> None:
    document = read_document(make_numbered_docx(), "编号.docx")
    assert document.text == "健全工作机制。\n加强运行监测。"
    assert document.warnings == (
        "文档中有 2 个自动编号的段落，编号（如“一、”“1.”）没有读出，只读出了段落文字。",
    )
