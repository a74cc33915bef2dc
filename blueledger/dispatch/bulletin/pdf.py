"""The bulletin as PDF: LibreOffice converts the .docx, with fontconfig told which free font stands in for
each official one (`fonts.conf` beside this module), so that the PDF is set in a serif 仿宋 stand-in,
a sans 黑体 and a heavy serif 小标宋 rather than whatever CJK face the machine offers first."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from blueledger.dispatch.bulletin.data import BulletinData
from blueledger.dispatch.bulletin.render import render_bulletin

FONTCONFIG_FILE = Path(__file__).with_name("fonts.conf")
CONVERT_TIMEOUT_S = 180
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"


class PdfConversionFailed(RuntimeError):
    """LibreOffice is missing or could not convert the document; the message says what to do, in Chinese."""


def libreoffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """The .docx converted by LibreOffice in a private profile (conversions may run side by side)."""
    executable = libreoffice_path()
    if executable is None:
        raise PdfConversionFailed(
            f"生成 PDF 需要 LibreOffice: 请安装 Debian 软件包 {LIBREOFFICE_PACKAGE} "
            f"(apt-get install {LIBREOFFICE_PACKAGE})"
        )
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as work:
        folder = Path(work)
        source = folder / "bulletin.docx"
        source.write_bytes(docx)
        environment = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE), "HOME": work}
        command = [
            executable, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", work, str(source),
        ]
        try:
            finished = subprocess.run(command, env=environment, capture_output=True, timeout=CONVERT_TIMEOUT_S,
                                      check=False)
        except subprocess.TimeoutExpired as expired:
            raise PdfConversionFailed(f"LibreOffice 转换超时 ({CONVERT_TIMEOUT_S} 秒)") from expired
        target = folder / "bulletin.pdf"
        if finished.returncode != 0 or not target.exists():
            detail = finished.stderr.decode("utf-8", "replace").strip()[-300:]
            raise PdfConversionFailed(f"LibreOffice 未能把通报转换为 PDF: {detail or finished.returncode}")
        return target.read_bytes()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def bulletin_pdf(data: BulletinData) -> bytes:
    """The bulletin as PDF with its 版记 at the foot of an even page, the back of the last sheet (GB/T 9704
    prints on both sides; the 版记 closes the document on 封四): when the text ends on an odd page, the
    document is set again with the 版记 on a page of its own."""
    pdf = docx_to_pdf(render_bulletin(data))
    if data.masthead and page_count(pdf) % 2 == 1:
        pdf = docx_to_pdf(render_bulletin(data, colophon_on_new_page=True))
    return pdf
