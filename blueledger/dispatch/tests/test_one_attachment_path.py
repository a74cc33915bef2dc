"""A round's attachments and a report item's evidence go one way (core.attachments): one size limit
(BLUELEDGER_ATTACHMENT_LIMIT_MB) refuses either in the same words, and either is served only to those who may
see the department's report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.models import ReportAttachment, ReportSlot
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter, make_round
from blueledger.users.choices import Role

MB = 1024 * 1024
REFUSAL = "文件“验收报告.pdf”大小为 1.01 MB，超过了 1 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。"


@pytest.fixture
def world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_LIMIT_MB = 1
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    department = departments["市生态环境局"]
    return {"round": reporting_round, "department": department, "departments": departments,
            "slot": ReportSlot.objects.get(round=reporting_round, department=department),
            "reporter": make_reporter(department, "shengtai"), "media": tmp_path}


def _pdf(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("验收报告.pdf", b"%PDF" + b"0" * (size - 4), "application/pdf")


def _upload_as_round_attachment(world: dict[str, Any], upload: SimpleUploadedFile) -> list[str]:
    url = reverse("dispatch:attachment_upload", args=[world["round"].pk, world["department"].pk])
    response = page_client(world["reporter"]).post(url, {"file": upload}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"] if message.level_tag == "error"]


def _upload_as_evidence(world: dict[str, Any], upload: SimpleUploadedFile) -> list[str]:
    slot = world["slot"]
    url = reverse("dispatch:department_report", args=[world["round"].pk, world["department"].pk])
    response = page_client(world["reporter"]).post(url, {f"value_{slot.pk}": "6", "action": "save",
                                                         f"evidence_{slot.pk}": upload})
    return list(response.context["errors"]) if response.status_code == 400 else []


PATHS = [_upload_as_round_attachment, _upload_as_evidence]


@pytest.mark.parametrize("upload", PATHS, ids=["round attachment", "evidence"])
def test_either_path_refuses_a_file_over_the_one_limit(world: dict[str, Any], upload: Any) -> None:
    assert upload(world, _pdf(MB + 10_000)) == [REFUSAL]
    assert ReportAttachment.objects.count() == 0
    assert [path for path in world["media"].rglob("*") if path.is_file()] == []


@pytest.mark.parametrize("upload", PATHS, ids=["round attachment", "evidence"])
def test_either_path_serves_the_file_only_to_those_who_may_see_the_report(
    world: dict[str, Any], shandong: dict[str, Any], upload: Any
) -> None:
    assert upload(world, _pdf(MB - 10_000)) == []
    attachment = ReportAttachment.objects.get()
    assert (attachment.filename, attachment.size) == ("验收报告.pdf", MB - 10_000)
    url = reverse("dispatch:evidence_download", args=[attachment.pk])
    for user in (world["reporter"], make_office(shandong["weifang"]),
                 make_user(make_department(shandong["weifang"], "市政府办"), Role.VIEWER)):
        response = page_client(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
        assert b"".join(response.streaming_content) == b"%PDF" + b"0" * (MB - 10_004)
    other_reporter = make_reporter(world["departments"]["市海渔局"])
    qingdao_office = make_user(make_department(shandong["qingdao"], "调度办"), Role.DISPATCHER)
    for user in (other_reporter, qingdao_office):
        assert page_client(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page
    assert Client().get(f"/media/{attachment.file.name}").status_code == 404  # never a public media URL
