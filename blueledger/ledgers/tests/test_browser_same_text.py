"""In a browser: a dispatcher uploads a plan as GBK text that was imported as Word before, is told which
ledger it repeats, opens it from the link, and then imports the copy deliberately."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.documents.tests.same_text_files import as_docx, seed_path
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_same_text_upload_is_shown_and_imported_only_when_confirmed(
    browser_page: Any, live_server: Any, shandong: dict[str, Any], tmp_path: Path
) -> None:
    qingdao = shandong["qingdao"]
    make_user(make_department(qingdao, "市海洋发展局"), Role.DISPATCHER, "dispatcher")
    text = seed_path("002").read_text("utf-8")
    existing = document_import(actor=None, data=as_docx(text), filename="业务目标.docx", region=qingdao).ledger
    gbk = tmp_path / "业务目标-gbk.txt"
    gbk.write_bytes(text.encode("gbk"))
    page = browser_page

    log_in(page, live_server, "dispatcher", TEST_PASSWORD)
    page.goto(f"{live_server.url}/ledgers/")
    page.set_input_files("input[name=file]", str(gbk))
    page.select_option("select[name=region]", str(qingdao.pk))
    page.click("button:has-text('上传并抽取')")
    page.wait_for_selector(".upload-errors")
    assert "只是文件格式或编码不同, 是同一份文件" in page.inner_text(".upload-errors")
    assert Ledger.objects.count() == 1

    page.click("#existing-ledger")
    page.wait_for_selector("#doctext")
    assert page.url == f"{live_server.url}/ledgers/{existing.pk}/"

    page.go_back()
    page.wait_for_selector("#accept-same-text")
    page.check("#accept-same-text")
    page.set_input_files("input[name=file]", str(gbk))
    page.select_option("select[name=region]", str(qingdao.pk))
    page.click("button:has-text('上传并抽取')")
    page.wait_for_selector("#doctext")
    second = Ledger.objects.exclude(pk=existing.pk).get()
    assert page.url == f"{live_server.url}/ledgers/{second.pk}/"
    assert second.document.encoding == "gb18030"
