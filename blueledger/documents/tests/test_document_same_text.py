"""A document imported again from another format or encoding (the same seed as UTF-8 text, GBK text, Word and
PDF) is recognised by the fingerprint of its wording: refused with the document it repeats, nothing written,
and imported only when the uploader confirms."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.documents.models import Document
from blueledger.documents.reading.fingerprint import text_fingerprint
from blueledger.documents.services import DocumentSameText
from blueledger.documents.tests.same_text_files import seed_files
from blueledger.ledgers.imports import SAMPLES_DIR
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import

pytestmark = pytest.mark.django_db


SEEDS = ["001", "002"]


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, tuple[bytes, str]]]:
    """Both seeds' files, their PDFs from one LibreOffice start."""
    return seed_files(SEEDS)


@pytest.fixture(scope="module", params=SEEDS)
def seed(request: pytest.FixtureRequest, seeds: dict[str, dict[str, tuple[bytes, str]]]
         ) -> tuple[str, dict[str, tuple[bytes, str]]]:
    return request.param, seeds[request.param]


@pytest.mark.parametrize(("first", "again"), [("utf-8", "gbk"), ("utf-8", "docx"), ("utf-8", "pdf"),
                                              ("pdf", "gbk"), ("docx", "utf-8")])
def test_the_same_seed_in_another_format_is_refused_with_the_ledger_it_repeats(
    shandong: dict[str, Any], seed: tuple[str, dict[str, tuple[bytes, str]]], first: str, again: str
) -> None:
    _, files = seed
    region = shandong["qingdao"]
    original = document_import(actor=None, data=files[first][0], filename=files[first][1], region=region)

    with pytest.raises(DocumentSameText) as refused:
        document_import(actor=None, data=files[again][0], filename=files[again][1], region=region)

    assert refused.value.existing == original
    assert refused.value.similarity >= 0.9
    message = refused.value.messages[0]
    assert message.startswith(f"文件“{files[again][1]}”的文字与 ")
    assert f"导入{region.name}的“{files[first][1]}”" in message
    assert message.endswith("只是文件格式或编码不同, 是同一份文件。请打开已有的台账继续处理; "
                            "如确需再导入一份, 请勾选“仍然导入”并重新选择文件。")
    assert list(Document.objects.values_list("pk", flat=True)) == [original.pk]
    assert Ledger.objects.count() == 1


def test_every_format_has_one_digest_or_a_near_copy(seed: tuple[str, dict[str, tuple[bytes, str]]],
                                                    shandong: dict[str, Any]) -> None:
    number, files = seed
    documents = {}
    for name, (data, filename) in files.items():
        documents[name] = document_import(actor=None, data=data, filename=filename, region=shandong["qingdao"],
                                          accept_same_text=True)
    digests = {name: document.text_digest for name, document in documents.items()}
    # Text and Word read to the same wording exactly; LibreOffice's PDF of seed 002 drops a lone table cell.
    assert digests["utf-8"] == digests["gbk"] == digests["docx"]
    assert (digests["pdf"] == digests["utf-8"]) is (number == "001")
    assert Document.objects.filter(region=shandong["qingdao"]).count() == 4


def test_confirming_imports_a_second_copy(shandong: dict[str, Any]) -> None:
    files = seed_files_text_only()
    region = shandong["qingdao"]
    first = document_import(actor=None, data=files["utf-8"][0], filename=files["utf-8"][1], region=region)

    second = document_import(actor=None, data=files["gbk"][0], filename=files["gbk"][1], region=region,
                             accept_same_text=True)

    assert second.pk != first.pk
    assert (second.text_digest, second.text_chars) == (first.text_digest, first.text_chars)
    assert Ledger.objects.count() == 2


def test_other_documents_and_other_regions_are_not_duplicates(shandong: dict[str, Any]) -> None:
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        document_import(actor=None, data=path.read_bytes(), filename=path.name, region=shandong["qingdao"])
    files = seed_files_text_only()
    document_import(actor=None, data=files["gbk"][0], filename=files["gbk"][1], region=shandong["weifang"])
    assert Document.objects.count() == 6


def test_the_fingerprint_ignores_spaces_line_breaks_and_full_width_forms() -> None:
    written = "一、目标\r\n海洋生产总值增长６％，新建渔港３个。"
    retyped = "一 、目标\n\n海洋生产总值增长 6%, 新建渔港 3 个."
    assert text_fingerprint(written) == text_fingerprint(retyped)
    assert text_fingerprint(written).chars == len("一目标海洋生产总值增长6新建渔港3个")
    assert text_fingerprint(written) != text_fingerprint("一、目标\n海洋生产总值增长7%，新建渔港3个。")


def seed_files_text_only() -> dict[str, tuple[bytes, str]]:
    text = next(SAMPLES_DIR.glob("001_*.txt")).read_text("utf-8")
    return {"utf-8": (text.encode("utf-8"), "001.txt"), "gbk": (text.encode("gbk"), "001-gbk.txt")}
