"""The hostile-file corpus through the document reader: a refusal in Chinese (DocumentReadError) or, for
files that are odd but harmless, text; never another exception. Zip bombs and DTDs are refused by name."""

from __future__ import annotations

import pytest

from blueledger.documents.reading import DocumentReadError, ReadDocument, read_document
from blueledger.lib.tests.hostile_files import LAUGHS, PLAN_LINES, XXE, corpus, docx_package

MB = 1024 * 1024
RESAVE = "请在 Word 或 WPS 中重新另存为 .docx 后再上传。"
DTD_REFUSAL = "的部件“word/document.xml”含有 DTD 或实体声明（可用于实体膨胀或读取服务器文件），已拒绝"


def test_every_hostile_file_is_read_or_refused_in_chinese() -> None:
    outcomes: list[str] = []
    for file in corpus():
        try:
            read = read_document(file.data, file.filename)
        except DocumentReadError as refused:
            assert refused.message.startswith("文件“"), (file.kind, refused.message)
            continue
        assert isinstance(read, ReadDocument)
        outcomes.append(file.kind)
    # Read by their content: a real PDF or docx whatever its name, and the harmless texts.
    assert outcomes == [
        "PDF named .xlsx", "docx named .xlsx", "path-traversal name ../../etc/passwd",
        "name of 300 characters", "plan with one heading repeated 2,000 times",
    ]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (docx_package(PLAN_LINES, padding=60 * MB),
         "中的部件“word/document.xml”解压后有 60.0 MB，超过单个部件 50.0 MB 的上限（可能是压缩炸弹）"),
        (docx_package(PLAN_LINES, padding=8 * MB), "中的部件“word/document.xml”压缩比超过 100:1（可能是压缩炸弹）"),
        (docx_package([], prolog=LAUGHS), DTD_REFUSAL),
        (docx_package([], prolog=XXE), DTD_REFUSAL),
    ],
)
def test_docx_bombs_and_dtds_are_refused_before_parsing(data: bytes, detail: str) -> None:
    with pytest.raises(DocumentReadError) as refused:
        read_document(data, "计划.docx")
    assert (refused.value.code, refused.value.message) == ("corrupt", f"文件“计划.docx”{detail}。{RESAVE}")
