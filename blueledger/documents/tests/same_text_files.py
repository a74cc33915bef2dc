"""One seed document as four files: UTF-8 text, GBK text, Word (python-docx) and PDF (LibreOffice converts
the Word file; without LibreOffice there is no PDF: CI fails then, a developer's machine skips it). The seeds
are the samples shipped in ledgers/samples."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest

from blueledger.ledgers.imports import SAMPLES_DIR

CONVERT_TIMEOUT_S = 120


def seed_path(number: str) -> Path:
    return next(SAMPLES_DIR.glob(f"{number}_*.txt"))


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_as_pdf(data: bytes) -> bytes:
    executable = shutil.which("soffice") or shutil.which("libreoffice")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 LibreOffice 来生成 PDF")
        pytest.skip("LibreOffice 未安装")
    with tempfile.TemporaryDirectory(prefix="same-text-") as work:
        folder = Path(work)
        (folder / "seed.docx").write_bytes(data)
        subprocess.run(
            [executable, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", work, str(folder / "seed.docx")],
            env={**os.environ, "HOME": work}, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True,
        )
        return (folder / "seed.pdf").read_bytes()


def seed_files(number: str) -> dict[str, tuple[bytes, str]]:
    """format → (bytes, file name) of seed `number` (001–003: the samples GBK can encode)."""
    text = seed_path(number).read_text("utf-8")
    word = as_docx(text)
    return {
        "utf-8": (text.encode("utf-8"), f"{number}.txt"),
        "gbk": (text.encode("gbk"), f"{number}-gbk.txt"),
        "docx": (word, f"{number}.docx"),
        "pdf": (docx_as_pdf(word), f"{number}.pdf"),
    }
