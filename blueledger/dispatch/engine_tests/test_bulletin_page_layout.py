"""The bulletin set by LibreOffice (`bulletin_pdf`): the 版记 sits at the foot of the last page, its 印发 line
on the lower edge of the 版心, on an even page (the back of the last sheet), with no text beside or under
it; and no page before the one the text ends on is left half blank. Positions are read from the PDF's text
layer (`pdftotext -bbox`). Needs libreoffice-writer-nogui and poppler-utils: skipped without them locally,
failed in CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from blueledger.dispatch.bulletin import layout, pdf
from blueledger.dispatch.engine_tests.factories import make_bulletin_data

POINTS_PER_TWIP = 1 / 20
TYPE_AREA_TOP_PT = layout.TOP_MARGIN_TWIPS * POINTS_PER_TWIP
TYPE_AREA_BOTTOM_PT = (layout.PAGE_HEIGHT_TWIPS - layout.BOTTOM_MARGIN_TWIPS) * POINTS_PER_TWIP  # 742.7
HALF_A_LINE_PT = layout.LINE_PITCH_TWIPS * POINTS_PER_TWIP / 2
_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
_PAGE_NUMBER = re.compile(r"[—\d]+")


@dataclass(frozen=True)
class Word:
    top: float
    bottom: float
    text: str


def _pages(document: bytes) -> list[list[Word]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bulletin.pdf"
        path.write_bytes(document)
        layer = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
    return [
        [Word(float(top), float(bottom), text) for top, bottom, text in _WORD.findall(page)
         if not _PAGE_NUMBER.fullmatch(text)]
        for page in layer.split("<page ")[1:]
    ]


def _tools() -> None:
    if pdf.libreoffice_path() is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 libreoffice-writer-nogui 和 poppler-utils 来测试 PDF")
        pytest.skip("libreoffice 或 pdftotext 未安装")


# (sections, targets per section): the first ends its text on page 3, so the 版记 takes page 4 alone; the
# second ends on page 4, where the 版记 stands under the signature.
@pytest.mark.parametrize(("sections", "targets", "colophon_alone"), [(1, 2, True), (3, 4, False)])
def test_the_colophon_closes_the_last_even_page_at_the_foot_of_the_type_area(
    sections: int, targets: int, colophon_alone: bool
) -> None:
    _tools()
    data = replace(make_bulletin_data(sections=sections, targets_per_section=targets),
                   masthead="潍坊市海洋发展和渔业局调度通报", issue_label="2025年第3期",
                   copy_to="市委办公室，市政府办公室", printed_by="潍坊市海洋发展和渔业局办公室")

    pages = _pages(pdf.bulletin_pdf(data))

    assert len(pages) == 4
    where = [number for number, words in enumerate(pages, start=1) for word in words
             if word.text.startswith("抄送") or word.text.endswith("印发")]
    assert where == [4, 4]
    last = pages[-1]
    copy_to = next(word for word in last if word.text.startswith("抄送"))
    printed = next(word for word in last if word.text.endswith("印发"))
    assert 0 < TYPE_AREA_BOTTOM_PT - printed.bottom < HALF_A_LINE_PT  # its line sits on the 版心's lower edge
    above = [word for word in last if word.bottom < copy_to.top]
    beside_or_under = [word for word in last if word.bottom >= copy_to.top and word.top not in (copy_to.top,
                                                                                               printed.top)]
    assert beside_or_under == []
    signature_page = next(number for number, words in enumerate(pages, start=1)
                          if any(word.text == "市海洋发展局" for word in words))
    assert signature_page == (3 if colophon_alone else 4)
    assert (above == []) is colophon_alone
    for words in pages[:signature_page - 1]:  # every page before the text's last is at least half full
        filled = (max(word.bottom for word in words) - TYPE_AREA_TOP_PT) / (TYPE_AREA_BOTTOM_PT - TYPE_AREA_TOP_PT)
        assert filled > 0.5
