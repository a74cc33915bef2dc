"""Each role × ledgers of two regions × read/write, through pages and API. Out-of-scope reads are 404;
writes by a reporter or viewer are 403 and write nothing; a dispatcher's writes elsewhere are 404."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from blueledger.core.testing import (
    api_client,
    fresh,
    kept_for_module,
    make_department,
    make_shandong,
    make_user,
    page_client,
)
from blueledger.documents.models import Document
from blueledger.ledgers.models import LedgerQuantity
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, dict[str, Any]]]:
    """The accounts and three ledgers, built once for the module."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        qingdao = make_department(shandong["qingdao"], "市海洋发展局")
        users = {
            "admin": make_user(qingdao, Role.ADMIN, "admin"),
            "dispatcher": make_user(qingdao, Role.DISPATCHER, "dispatcher"),
            "reporter": make_user(
                make_department(shandong["huangdao"], "区海洋发展局"), Role.REPORTER, "reporter"
            ),
            "viewer": make_user(make_department(shandong["weifang"], "市海渔局"), Role.VIEWER, "viewer"),
        }
        plans = {"qingdao": ("青岛", 3), "huangdao": ("黄岛", 4), "weifang": ("潍坊", 5)}
        ledgers = {
            key: make_ledger(shandong[key], text=f"{name}计划\n\n一、任务\n新建渔港{count}个。\n",
                             filename=f"{name}.txt")
            for key, (name, count) in plans.items()
        }
        yield {"users": users, "ledgers": ledgers}


@pytest.fixture
def world(world_rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The module's accounts and ledgers read afresh for each test (tests publish and refresh them)."""
    return fresh(world_rows)


LEDGER_READS = {
    "admin": {"qingdao", "huangdao", "weifang"},
    "dispatcher": {"qingdao", "huangdao"},
    "reporter": {"huangdao"},
    "viewer": {"weifang"},
}
ROLES = list(LEDGER_READS)



@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["qingdao", "huangdao", "weifang"])
def test_ledger_read_through_page_and_api(world: dict[str, Any], role: str, target: str) -> None:
    user = world["users"][role]
    ledger = world["ledgers"][target]
    quantity = ledger.quantities.get()
    expected = 200 if target in LEDGER_READS[role] else 404
    assert page_client(user).get(f"/ledgers/{ledger.pk}/").status_code == expected
    assert page_client(user).get(f"/ledgers/{ledger.pk}/?tab=history").status_code == expected
    assert page_client(user).get(f"/ledgers/quantities/{quantity.pk}/").status_code == expected
    assert api_client(user).get(f"/api/ledgers/{ledger.pk}/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_ledger_lists_show_only_the_scope(world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    expected = {world["ledgers"][key].title for key in LEDGER_READS[role]}
    response = api_client(user).get("/api/ledgers/")
    assert {row["title"] for row in response.json()["results"]} == expected
    page = page_client(user).get("/ledgers/").content.decode()
    for key, ledger in world["ledgers"].items():
        assert (f"/ledgers/{ledger.pk}/" in page) == (key in LEDGER_READS[role])


WRITE_EXPECTED = {  # role → status for (qingdao ledger, weifang ledger)
    "admin": (302, 302),
    "dispatcher": (302, 404),
    "reporter": (403, 403),
    "viewer": (403, 403),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["qingdao", "weifang"])
def test_ledger_writes(world: dict[str, Any], role: str, target: str) -> None:
    user = world["users"][role]
    ledger = world["ledgers"][target]
    quantity = ledger.quantities.get()
    expected = WRITE_EXPECTED[role][0 if target == "qingdao" else 1]
    client = page_client(user)
    edit = client.post(
        f"/ledgers/quantities/{quantity.pk}/edit/",
        {f"q{quantity.pk}-{key}": value for key, value in
         {"role": "target", "metric": "新建渔港", "op": "eq", "value": "8", "unit": "个"}.items()},
    )
    add = client.post(
        f"/ledgers/{ledger.pk}/quantities/new/",
        {"new-role": "target", "new-metric": "新增指标", "new-op": "eq", "new-value": "1", "new-unit": "个"},
    )
    publish = client.post(f"/ledgers/{ledger.pk}/publish/")
    assert (edit.status_code, add.status_code, publish.status_code) == (expected, expected, expected)
    ledger.refresh_from_db()
    quantity.refresh_from_db()
    if expected == 302:
        assert (quantity.value, ledger.status) == (Decimal("8"), "published")
        assert LedgerQuantity.objects.filter(ledger=ledger).count() == 2
    else:
        assert (quantity.value, ledger.status) == (Decimal("5") if target == "weifang" else Decimal("3"), "draft")
        assert LedgerQuantity.objects.filter(ledger=ledger).count() == 1
        assert quantity.history.count() == 1 and ledger.history.count() == 1
    deleted = client.post(f"/ledgers/quantities/{quantity.pk}/delete/")
    assert deleted.status_code == expected
    # Deleting from a published ledger is refused by the service, so the quantity always survives here.
    assert LedgerQuantity.objects.filter(pk=quantity.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_upload(world: dict[str, Any], role: str, shandong: dict[str, Any]) -> None:
    user = world["users"][role]
    documents_before = Document.objects.count()
    upload = SimpleUploadedFile("新计划.txt", "新计划\n\n一、任务\n新建码头2个。\n".encode())
    response = page_client(user).post("/ledgers/upload/", {"file": upload, "region": shandong["qingdao"].pk})
    if role in ("admin", "dispatcher"):
        assert response.status_code == 302
        assert Document.objects.count() == documents_before + 1
    else:
        assert response.status_code == 403
        assert Document.objects.count() == documents_before


def test_dispatcher_cannot_upload_into_another_region(world: dict[str, Any], shandong: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("新计划.txt", "新计划\n\n一、任务\n新建码头2个。\n".encode())
    response = page_client(world["users"]["dispatcher"]).post(
        "/ledgers/upload/", {"file": upload, "region": shandong["weifang"].pk}
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert Document.objects.count() == 3


def test_api_is_read_only(world: dict[str, Any]) -> None:
    ledger = world["ledgers"]["qingdao"]
    response = api_client(world["users"]["admin"]).patch(f"/api/ledgers/{ledger.pk}/", {"title": "改"}, format="json")
    assert response.status_code == 405


def test_anonymous_is_sent_to_login(world: dict[str, Any]) -> None:
    ledger = world["ledgers"]["qingdao"]
    assert Client().get(f"/ledgers/{ledger.pk}/")["Location"].startswith("/accounts/login/")
    assert APIClient().get("/api/ledgers/").status_code in (401, 403)
