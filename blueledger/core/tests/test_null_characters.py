"""A request holding U+0000 in its query string, form fields or JSON body is answered 400 before any view reads
it: PostgreSQL cannot store or compare such text, and schemathesis found filters and lookups that were a 500 on
PostgreSQL alone. Files uploaded with NUL bytes in them pass untouched."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from blueledger.core.middleware import NULL_CHARACTER_REFUSAL, RefuseNullCharacters
from blueledger.core.testing import api_client, make_department, make_user, page_client
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN)


def test_api_filters_lookups_and_json_bodies_with_a_null_are_refused(shandong: dict[str, Any], admin: Any) -> None:
    client = api_client(admin)
    answers = [
        client.get("/api/economy-index-values/", {"region": "3702\x00"}),
        client.get("/api/departments/", {"q": "\x00"}),
        client.post("/api/departments/", {"region": "370200\x00", "name": "测试局"}, format="json"),
    ]

    assert [(answer.status_code, answer.json()) for answer in answers] == [
        (400, {"detail": NULL_CHARACTER_REFUSAL})] * 3


def test_a_page_with_a_null_in_its_query_answers_in_chinese(admin: Any) -> None:
    response = page_client(admin).get("/orgs/departments/?q=%00")

    assert response.status_code == 400
    assert "<h1>请求有误 (400)</h1>" in response.content.decode()
    assert NULL_CHARACTER_REFUSAL in response.content.decode()


def test_form_fields_are_looked_at_and_uploaded_files_are_not() -> None:
    passed: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        passed.append(request.path)
        return HttpResponse("ok")

    middleware = RefuseNullCharacters(view)
    factory = RequestFactory()
    binary = SimpleUploadedFile("计划.docx", b"PK\x03\x04\x00\x00binary", content_type="application/octet-stream")

    upload = factory.post("/upload/", {"file": binary, "region": "370200"})
    form = factory.post("/form/", {"name": "测试\x00局"})
    upload.user = form.user = AnonymousUser()

    assert middleware(upload).status_code == 200
    assert middleware(form).status_code == 400
    assert passed == ["/upload/"]
