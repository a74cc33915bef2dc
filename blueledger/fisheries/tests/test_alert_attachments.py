"""Evidence on an alert's verification step, stored the one way of core.attachments: the assigned unit uploads
photos (thumbnailed) and files while the alert is 核查中, alone or with the verification (all or nothing);
downloads are permission-checked (404 outside the scope); the evidence is locked once verified; the API does
the same."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blueledger.core.testing import api_client, make_department, make_user, page_client
from blueledger.fisheries import services
from blueledger.fisheries.choices import AlertStatus
from blueledger.fisheries.models import AlertAttachment
from blueledger.fisheries.tests.factories import make_alert, make_vessel
from blueledger.users.choices import Role


def png(width: int = 1200, height: int = 800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(shandong: dict[str, Any], tmp_path: Path, settings: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    qingdao = shandong["qingdao"]
    station = make_department(qingdao, "石岛站")
    dispatcher = make_user(make_department(qingdao, "海洋发展局"), Role.DISPATCHER)
    alert = make_alert(qingdao, make_vessel(qingdao))
    services.alert_assign(actor=dispatcher, alert=alert, department=station)
    return {
        "alert": alert,
        "dispatcher": dispatcher,
        "station_reporter": make_user(station, Role.REPORTER),
        "other_reporter": make_user(make_department(qingdao, "别的站"), Role.REPORTER),
        "outsider": make_user(make_department(shandong["weifang"]), Role.DISPATCHER),
    }


def test_the_station_uploads_a_photo_and_only_the_scope_downloads_it(world: dict[str, Any]) -> None:
    client = page_client(world["station_reporter"])
    url = reverse("fisheries:alert_attachment_upload", args=[world["alert"].pk])
    response = client.post(url, {"evidence": [SimpleUploadedFile("登船检查.png", png(), "image/png")]})
    assert response.status_code == 302
    attachment = AlertAttachment.objects.get()
    assert (attachment.filename, attachment.content_type, attachment.uploaded_by) == (
        "登船检查.png", "image/png", world["station_reporter"])
    assert attachment.history.get().history_change_reason == "上传核查附件"
    with Image.open(attachment.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == 320

    page = page_client(world["dispatcher"]).get(reverse("fisheries:alert_detail", args=[world["alert"].pk]))
    assert f'src="{reverse("fisheries:alert_attachment_thumbnail", args=[attachment.pk])}"' in page.content.decode()
    download = page_client(world["dispatcher"]).get(reverse("fisheries:alert_attachment_download",
                                                            args=[attachment.pk]))
    assert (download.status_code, download["Content-Type"]) == (200, "image/png")
    thumbnail = page_client(world["dispatcher"]).get(reverse("fisheries:alert_attachment_thumbnail",
                                                             args=[attachment.pk]))
    assert thumbnail["Content-Type"] == "image/jpeg"
    outsider = page_client(world["outsider"])
    assert outsider.get(reverse("fisheries:alert_attachment_download", args=[attachment.pk])).status_code == 404
    assert outsider.get(reverse("fisheries:alert_attachment_thumbnail", args=[attachment.pk])).status_code == 404


def test_a_refused_file_refuses_the_verification_too(world: dict[str, Any]) -> None:
    client = page_client(world["station_reporter"])
    response = client.post(reverse("fisheries:alert_action", args=[world["alert"].pk, "verify"]), {
        "verification": "登船检查, 网具未封存",
        "evidence": [SimpleUploadedFile("照片.png", png(), "image/png"),
                     SimpleUploadedFile("记录.exe", b"MZ\x90\x00", "application/octet-stream")]})
    assert response.status_code == 302
    world["alert"].refresh_from_db()
    assert (world["alert"].status, world["alert"].verification) == (AlertStatus.ASSIGNED, "")
    assert AlertAttachment.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages == ["“记录.exe”的类型不支持; 只接受图片 (jpg、png、gif、webp)、PDF、Word (docx) 和 Excel (xlsx)。"]

    client.post(reverse("fisheries:alert_action", args=[world["alert"].pk, "verify"]), {
        "verification": "登船检查, 网具未封存", "evidence": [SimpleUploadedFile("照片.png", png(), "image/png")]})
    world["alert"].refresh_from_db()
    assert world["alert"].status == AlertStatus.VERIFIED
    assert list(world["alert"].attachments.values_list("filename", flat=True)) == ["照片.png"]


def test_only_the_assigned_unit_or_the_office_uploads_and_only_while_checking(world: dict[str, Any]) -> None:
    photo = SimpleUploadedFile("照片.png", png(), "image/png")
    with pytest.raises(PermissionDenied):
        services.alert_attachment_add(actor=world["other_reporter"], alert=world["alert"], upload=photo)
    services.alert_verify(actor=world["dispatcher"], alert=world["alert"], verification="核实")
    with pytest.raises(ValidationError) as error:
        services.alert_attachment_add(actor=world["station_reporter"], alert=world["alert"], upload=photo)
    assert error.value.messages == ["该预警当前为“已核查”, 核查附件只能在核查中上传。"]
    assert AlertAttachment.objects.count() == 0


def test_the_api_uploads_lists_and_downloads(world: dict[str, Any]) -> None:
    client = api_client(world["station_reporter"])
    base = f"/api/fisheries-alerts/{world['alert'].pk}/attachments/"
    created = client.post(base, {"file": SimpleUploadedFile("照片.png", png(), "image/png")}, format="multipart")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["filename"], body["content_type"], body["has_thumbnail"]) == ("照片.png", "image/png", True)
    assert [a["filename"] for a in client.get(base).json()] == ["照片.png"]
    download = api_client(world["dispatcher"]).get(f"/api/fisheries-alert-attachments/{body['id']}/download/")
    assert (download.status_code, download["Content-Type"]) == (200, "image/png")
    assert api_client(world["outsider"]).get(
        f"/api/fisheries-alert-attachments/{body['id']}/download/").status_code == 404
    refused = client.post(base, {"file": SimpleUploadedFile("a.exe", b"MZ", "application/octet-stream")},
                          format="multipart")
    assert refused.status_code == 400
