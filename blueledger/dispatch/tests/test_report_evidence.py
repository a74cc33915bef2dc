"""Evidence per report item: photos and documents attached to one item, checked (type, content, size),
thumbnailed, downloadable only by those who may see the department's report, and locked once handed in."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.models import Report, ReportAttachment, ReportSlot
from blueledger.dispatch.services.evidence import evidence_add
from blueledger.dispatch.tests.factories import (
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
)
from blueledger.users.choices import Role


def png(width: int = 1200, height: int = 900) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    department = departments["市生态环境局"]
    return {"round": reporting_round, "department": department, "departments": departments,
            "slot": ReportSlot.objects.get(round=reporting_round, department=department),
            "reporter": make_reporter(department, "shengtai")}


def test_a_photo_sent_with_the_form_is_kept_with_its_item_and_a_thumbnail(world: dict[str, Any]) -> None:
    slot, client = world["slot"], page_client(world["reporter"])
    url = f"/dispatch/rounds/{world['round'].pk}/departments/{world['department'].pk}/"
    response = client.post(url, {f"value_{slot.pk}": "6", f"progress_{slot.pk}": "岸线整治过半", "action": "save",
                                 f"photo_{slot.pk}": SimpleUploadedFile("现场.png", png(), "image/png")})
    assert response.status_code == 302
    attachment = ReportAttachment.objects.get()
    assert (attachment.slot, attachment.filename, attachment.content_type, attachment.size) == (
        slot, "现场.png", "image/png", len(png()))
    assert Path(attachment.file.path).read_bytes() == png()
    with Image.open(attachment.thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (320, 240))
    record = attachment.history.get()
    assert (record.history_user, record.history_change_reason) == (world["reporter"], "上传佐证材料: 整治岸线")
    page = client.get(url).content.decode()
    assert f'<img src="/dispatch/evidence/{attachment.pk}/thumbnail.jpg" alt="现场.png" class="thumb">' in page
    assert f'name="photo_{slot.pk}" accept="image/*" capture="environment"' in page
    assert Report.objects.get(slot=slot).progress == "岸线整治过半"


def test_evidence_is_downloaded_only_by_those_who_may_see_the_report(world: dict[str, Any], shandong: Any) -> None:
    pdf = evidence_add(actor=world["reporter"], slot=world["slot"],
                       upload=SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4 evidence", "application/pdf"))
    url = f"/dispatch/evidence/{pdf.pk}/"
    for user in (world["reporter"], make_office(shandong["weifang"]),
                 make_user(make_department(shandong["weifang"], "市政府办"), Role.VIEWER)):
        response = page_client(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf")
    other_reporter = make_reporter(world["departments"]["市海渔局"])
    qingdao_office = make_user(make_department(shandong["qingdao"], "调度办"), Role.DISPATCHER)
    for user in (other_reporter, qingdao_office):
        assert page_client(user).get(url).status_code == 404
        assert page_client(user).get(f"{url}thumbnail.jpg").status_code == 404
    assert Client().get(url).status_code == 302  # to the login page
    assert Client().get(f"/media/{pdf.file.name}").status_code == 404  # never a public media URL


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("说明.exe", b"MZ",
         "“说明.exe”的类型不支持; 只接受图片 (jpg、png、gif、webp)、PDF、Word (docx) 和 Excel (xlsx)。"),
        ("现场.jpg", b"not an image", "“现场.jpg”不是可以打开的图片。"),
        ("报告.pdf", b"<html>", "“报告.pdf”的内容与文件类型不符, 请另存为 .pdf 后再上传。"),
        ("台账.xlsx", b"%PDF-1.4", "“台账.xlsx”的内容与文件类型不符, 请另存为 .xlsx 后再上传。"),
        ("大图.pdf", b"%PDF" + b"0" * (1024 * 1024),
         "文件“大图.pdf”大小为 1.01 MB，超过了 1 MB 的上限。请删去其中的图片或拆分成几个文件后再上传。"),
    ],
)
def test_evidence_of_the_wrong_kind_or_size_is_refused_and_nothing_is_written(
    world: dict[str, Any], settings: Any, name: str, content: bytes, problem: str
) -> None:
    settings.ATTACHMENT_LIMIT_MB = 1
    slot, client = world["slot"], page_client(world["reporter"])
    response = client.post(f"/dispatch/rounds/{world['round'].pk}/departments/{world['department'].pk}/", {
        f"value_{slot.pk}": "6", "action": "submit", f"evidence_{slot.pk}": SimpleUploadedFile(name, content),
    })
    assert response.status_code == 400
    assert response.context["errors"] == [problem]
    assert (ReportAttachment.objects.count(), Report.objects.count()) == (0, 0)


def test_evidence_is_locked_once_the_item_is_handed_in(world: dict[str, Any]) -> None:
    report_all(world["round"], world["department"], ["6"], actor=world["reporter"])
    with pytest.raises(ValidationError) as refused:
        evidence_add(actor=world["reporter"], slot=world["slot"], upload=SimpleUploadedFile("补充.png", png()))
    assert refused.value.messages == ["“整治岸线”已报送, 佐证材料已锁定; 如需补充请调度员退回。"]
    page = page_client(world["reporter"]).get(
        f"/dispatch/rounds/{world['round'].pk}/departments/{world['department'].pk}/").content.decode()
    assert f'name="photo_{world["slot"].pk}"' not in page
    assert ReportAttachment.objects.count() == 0


def test_only_the_departments_reporters_attach_evidence(world: dict[str, Any]) -> None:
    other = make_reporter(world["departments"]["市海渔局"])
    with pytest.raises(Exception, match="只能填报本单位的事项。"):
        evidence_add(actor=other, slot=world["slot"], upload=SimpleUploadedFile("x.png", png()))
    assert ReportAttachment.objects.count() == 0
