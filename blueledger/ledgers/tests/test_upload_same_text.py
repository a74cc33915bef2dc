"""The upload page names the ledger a same-text upload repeats, links to it, and imports the copy only when
the uploader ticks 仍然导入."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.documents.models import Document
from blueledger.documents.tests.same_text_files import as_docx, seed_path
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_the_page_links_the_existing_ledger_and_imports_on_confirmation(shandong: dict[str, Any]) -> None:
    qingdao = shandong["qingdao"]
    client = page_client(make_user(make_department(qingdao, "市海洋发展局"), Role.DISPATCHER, "dispatcher"))
    text = seed_path("002").read_text("utf-8")
    existing = document_import(actor=None, data=text.encode("utf-8"), filename="业务目标.txt", region=qingdao).ledger
    word = as_docx(text)

    refused = client.post(reverse("ledgers:ledger_upload"),
                          {"file": SimpleUploadedFile("业务目标.docx", word), "region": qingdao.pk})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "文件“业务目标.docx”的文字与 " in page and "导入青岛市的“业务目标.txt”相同, 只是文件格式或编码不同" in page
    assert f'<a href="/ledgers/{existing.pk}/" id="existing-ledger">打开已有台账: {existing.title}</a>' in page
    assert '<input type="checkbox" name="accept_same_text" id="accept-same-text">' in page
    assert Document.objects.count() == 1

    imported = client.post(reverse("ledgers:ledger_upload"), {
        "file": SimpleUploadedFile("业务目标.docx", word), "region": qingdao.pk, "accept_same_text": "on",
    })

    second = Ledger.objects.exclude(pk=existing.pk).get()
    assert imported.status_code == 302 and imported["Location"] == f"/ledgers/{second.pk}/"
    assert second.document.original_filename == "业务目标.docx"


def test_a_first_upload_offers_no_confirmation(shandong: dict[str, Any]) -> None:
    qingdao = shandong["qingdao"]
    client = page_client(make_user(make_department(qingdao, "市海洋发展局"), Role.DISPATCHER, "dispatcher"))
    page = client.get(reverse("ledgers:ledger_list")).content.decode()
    assert "accept_same_text" not in page
