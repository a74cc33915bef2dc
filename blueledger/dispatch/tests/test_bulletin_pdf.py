"""`blueledger bulletin --pdf`: LibreOffice converts the bulletin with the shipped fontconfig aliases, so the
PDF embeds a heavy serif CJK face for the 小标宋 title, a serif one for 仿宋 text, a sans one for 黑体
headings and Liberation Serif for Times New Roman (without the aliases every CJK text came out in one sans
face). Needs libreoffice-writer-nogui and poppler-utils: skipped without them locally, failed in CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from blueledger.dispatch.bulletin import pdf
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_published_ledger, make_round, report_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(shandong: dict[str, Any]) -> Any:
    ledger, departments = make_published_ledger(shandong["weifang"])
    october = make_round(ledger)
    report_all(october, departments["市发改委"], ["600"])
    round_close(actor=None, reporting_round=october)
    return october


def _tools() -> None:
    if pdf.libreoffice_path() is None or shutil.which("pdffonts") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 libreoffice-writer-nogui 和 poppler-utils 来测试 PDF")
        pytest.skip("libreoffice 或 pdffonts 未安装")


def test_the_pdf_embeds_the_stand_ins_of_the_official_fonts(closed_round: Any, tmp_path: Path) -> None:
    _tools()
    out = tmp_path / "通报.pdf"

    call_command("bulletin", "--latest", "--pdf", "--out", str(out))

    assert out.read_bytes().startswith(b"%PDF")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    names = [re.sub(r"^[A-Z]{6}\+", "", row[0]) for row in rows]
    assert all(row[-5] == "yes" for row in rows), listing  # every font embedded
    assert any(name.startswith("NotoSerifCJK") and "Bold" in name for name in names), listing  # 小标宋
    assert any(name.startswith(("NotoSerifCJK", "FandolFang")) and "Bold" not in name for name in names), listing
    assert any(name.startswith("NotoSansCJK") for name in names), listing  # 黑体
    assert "LiberationSerif" in names, listing  # Times New Roman
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "潍坊市海洋发展和渔业局调度通报" in text and "印发" in text


def test_without_libreoffice_the_command_says_what_to_install(closed_round: Any, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "libreoffice_path", lambda: None)
    out = tmp_path / "通报.pdf"
    with pytest.raises(CommandError, match="apt-get install libreoffice-writer-nogui"):
        call_command("bulletin", "--latest", "--pdf", "--out", str(out))
    assert not out.exists()
