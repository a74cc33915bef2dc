"""read_document and read_path on plain-text files."""

from __future__ import annotations

import pathlib

import pytest

from blueledger.documents.reading import ReadDocument, read_document, read_path
from blueledger.lib.shared_material import shared_path

SUMMARY = "市海洋发展局2023年上半年工作总结\r\n\r\n一、上半年工作完成情况\r\n（一）创新完善海洋统筹机制。\r\n"
SUMMARY_LF = "市海洋发展局2023年上半年工作总结\n\n一、上半年工作完成情况\n（一）创新完善海洋统筹机制。\n"

SEEDS = shared_path("seeds")


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("gbk", "gb18030"), ("utf-16", "utf-16-le"), ("utf-8-sig", "utf-8-sig")],
)
def test_windows_text_file_reads_with_lf_line_endings(encoding: str, detected: str) -> None:
    document = read_document(SUMMARY.encode(encoding), "总结.txt")
    assert document == ReadDocument(text=SUMMARY_LF, format="txt", encoding=detected, warnings=())


def test_old_mac_line_endings_become_lf() -> None:
    assert read_document("第一行\r第二行".encode("gb18030"), "a.txt").text == "第一行\n第二行"


def test_text_without_an_extension_is_read_as_text() -> None:
    assert read_document("海洋牧场建设方案".encode(), "方案").format == "txt"


def test_read_path_reads_the_file_by_its_name(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "要点.txt"
    path.write_bytes(SUMMARY.encode("gb18030"))
    assert read_path(path) == ReadDocument(text=SUMMARY_LF, format="txt", encoding="gb18030", warnings=())


@pytest.mark.skipif(SEEDS is None, reason="shared/seeds is not beside this checkout")
def test_every_seed_document_reads_back_exactly() -> None:
    assert SEEDS is not None
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for seed in seeds:
        document = read_path(seed)
        assert (document.text, document.format, document.encoding, document.warnings) == (
            seed.read_bytes().decode("utf-8"),
            "txt",
            "utf-8",
            (),
        ), seed.name
