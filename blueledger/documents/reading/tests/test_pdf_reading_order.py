"""A PDF's runs in reading order: a word processor draws quotation marks and script gaps as runs of their
own, out of stream order; a PDF printed from a .docx must give the ledger the .docx gives."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from blueledger.documents.reading.document_reader import read_path
from blueledger.documents.reading.pdf_layout import TextFragment, clean_pdf_pages, lines_from_fragments
from blueledger.ledgers.extraction import extract
from blueledger.ledgers.extraction.model import ExtractedLedger

SEEDS = Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"


def test_quotation_marks_drawn_after_their_line_fill_the_blanks_reserved_for_them() -> None:
    # LibreOffice: the Chinese run keeps a blank per mark; the marks come later, in a Western font.
    fragments = [
        TextFragment(90.0, 700.0, "坚定扛牢 走在前 的担当", 11.0),
        TextFragment(134.0, 700.0, " ", 11.0),
        TextFragment(134.0, 700.0, "“ ”", 11.0),
    ]
    assert lines_from_fragments([fragments]) == [["坚定扛牢“走在前”的担当"]]


def test_two_marks_written_together_share_one_blank() -> None:
    fragments = [
        TextFragment(90.0, 700.0, "落实好 海洋", 11.0),
        TextFragment(156.0, 700.0, "15", 11.0),
        TextFragment(167.0, 700.0, "条 航运", 11.0),
        TextFragment(112.0, 700.0, "“", 11.0),
        TextFragment(178.0, 700.0, "”“", 11.0),
    ]
    assert lines_from_fragments([fragments]) == [["落实好“海洋15条”“航运"]]


def test_a_blank_of_no_width_between_scripts_is_dropped_and_a_real_space_kept() -> None:
    fragments = [
        TextFragment(90.0, 700.0, "到", 11.0),
        TextFragment(101.0, 700.0, "2027", 11.0),
        TextFragment(125.0, 700.0, " ", 11.0),
        TextFragment(125.0, 700.0, "年", 11.0),
        TextFragment(90.0, 680.0, "索引号", 11.0),
        TextFragment(123.0, 680.0, " ", 11.0),
        TextFragment(134.0, 680.0, "3702", 11.0),
    ]
    assert lines_from_fragments([fragments]) == [["到2027年", "索引号 3702"]]


def test_a_gap_beyond_the_wrapped_line_pitch_ends_the_paragraph() -> None:
    title = "关于加快现代海洋特色产业集聚区建设的意见关于加快现代海洋特色产业集聚区建设"
    fragments = [
        TextFragment(90.0, 700.0, title, 11.0),
        TextFragment(90.0, 650.0, title, 11.0),
        TextFragment(90.0, 635.0, title, 11.0),
        TextFragment(90.0, 620.0, "的意见。", 11.0),
    ]
    pages = lines_from_fragments([fragments])

    assert pages == [[title, "", title, title, "的意见。"]]
    assert clean_pdf_pages(["\n".join(page) for page in pages]) == [title, title + title + "的意见。"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
@pytest.mark.skipif(not SEEDS.exists(), reason=f"no seed documents at {SEEDS.resolve()}")
def test_a_docx_and_its_libreoffice_pdf_give_the_same_ledger(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (SEEDS / "004_2e91e0d14aca89a2.txt").read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    docx_path = tmp_path / "plan.docx"
    document.save(str(docx_path))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    from_docx = extract(read_path(docx_path).text, source="docx")
    from_pdf = extract(read_path(tmp_path / "plan.pdf").text, source="pdf")

    def ledger(extracted: ExtractedLedger) -> object:
        return (
            extracted.title, extracted.issuer, extracted.date, extracted.kind,
            [(task.key, task.title) for task in extracted.tasks],
            [(q.task_key, q.quote, q.role, q.hardness, q.op, q.deadline) for q in extracted.quantities],
            [(r.task_key, r.department_name, r.role) for r in extracted.responsibilities],
        )

    assert len(from_docx.quantities) == 18
    assert ledger(from_pdf) == ledger(from_docx)
