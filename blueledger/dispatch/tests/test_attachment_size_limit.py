"""Attachments are bounded by BLUELEDGER_ATTACHMENT_LIMIT_MB: a larger file is refused with the sizes named,
on the page and in the service, and nothing is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blueledger.core.testing import page_client
from blueledger.dispatch.models import ReportAttachment
from blueledger.dispatch.services.reports import attachment_add
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round

MB = 1024 * 1024
REFUSAL = "文件“现场照片.jpg”大小为 1.01 MB，超过了 1 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。"


@pytest.fixture
def world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_LIMIT_MB = 1
    ledger, departments = make_published_ledger(shandong["weifang"])
    haiyu = departments["市海渔局"]
    return {"round": make_round(ledger), "haiyu": haiyu, "reporter": make_reporter(haiyu), "media": tmp_path}


def _big() -> SimpleUploadedFile:
    return SimpleUploadedFile("现场照片.jpg", b"\xff" * (MB + 10_000))


def test_the_service_refuses_an_attachment_over_the_limit(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        attachment_add(actor=world["reporter"], reporting_round=world["round"], department=world["haiyu"],
                       upload=_big())
    assert refused.value.messages == [REFUSAL]
    assert ReportAttachment.objects.count() == 0
    assert list(world["media"].rglob("*.jpg")) == []


def test_the_page_refuses_an_attachment_over_the_limit(world: dict[str, Any]) -> None:
    url = reverse("dispatch:attachment_upload", args=[world["round"].pk, world["haiyu"].pk])
    response = page_client(world["reporter"]).post(url, {"file": _big()}, follow=True)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert ReportAttachment.objects.count() == 0
