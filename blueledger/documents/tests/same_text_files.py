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


def docx_as_pdfs(documents: list[bytes]) -> list[bytes]:
    """The PDFs of Word files, in their order, from one start of LibreOffice (a start costs about a second)."""
    executable = shutil.which("soffice") or shutil.which("libreoffice")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 LibreOffice 来生成 PDF")
        pytest.skip("LibreOffice 未安装")
    with tempfile.TemporaryDirectory(prefix="same-text-") as work:
        folder = Path(work)
        inputs = [folder / f"seed{position}.docx" for position in range(len(documents))]
        for path, data in zip(inputs, documents, strict=True):
            path.write_bytes(data)
        subprocess.run(
            [executable, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", work, *map(str, inputs)],
            env={**os.environ, "HOME": work}, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True,
        )
        return [path.with_suffix(".pdf").read_bytes() for path in inputs]


def seed_files(numbers: list[str]) -> dict[str, dict[str, tuple[bytes, str]]]:
    """seed number → format → (bytes, file name) of each seed in `numbers` (001–003: the samples GBK can encode)."""
    texts = {number: seed_path(number).read_text("utf-8") for number in numbers}
    words = {number: as_docx(text) for number, text in texts.items()}
    pdfs = dict(zip(numbers, docx_as_pdfs([words[number] for number in numbers]), strict=True))
    return {
        number: {
            "utf-8": (text.encode("utf-8"), f"{number}.txt"),
            "gbk": (text.encode("gbk"), f"{number}-gbk.txt"),
            "docx": (words[number], f"{number}.docx"),
            "pdf": (pdfs[number], f"{number}.pdf"),
        }
        for number, text in texts.items()
    }
