"""Vessel create and edit pages: the registry card with its certificates written in one go, every problem
named, the region kept within the user's scope, history naming the actor and the reason; a form saved
unchanged writes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from blueledger.core.testing import form_values, make_department, make_user, page_client
from blueledger.fisheries.models import Certificate, Vessel
from blueledger.fisheries.tests.factories import make_vessel
from blueledger.users.choices import Role

NEW = {
    "name": "鲁青渔01234", "region": "", "registry_port": "青岛", "home_port": "沙子口",
    "home_port_code": "QINGDAO", "mmsi": "412345678", "beidou_terminal": "", "gear": "刺网",
    "power_kw": "88.5", "length_m": "18", "gross_tonnage": "", "owner": "张某", "status": "active",
    "fishing_licence_number": "(鲁青)船捕(2026)CW-000001号", "fishing_licence_expires_on": "2028-12-31",
    "inspection_number": "", "inspection_expires_on": "", "registration_number": "", "registration_expires_on": "",
    "reason": "新建造渔船入籍",
}  # fmt: skip


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    qingdao = shandong["qingdao"]
    bureau = make_department(qingdao, "海洋发展局")
    return {
        **shandong,
        "dispatcher": make_user(bureau, Role.DISPATCHER),
        "reporter": make_user(bureau, Role.REPORTER),
        "weifang_dispatcher": make_user(make_department(shandong["weifang"]), Role.DISPATCHER),
    }


def test_a_dispatcher_registers_a_vessel_with_its_licence(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    page = client.get(reverse("fisheries:vessel_create")).content.decode()
    assert f'<option value="{world["qingdao"].pk}">' in page
    assert f'<option value="{world["weifang"].pk}">' not in page

    response = client.post(reverse("fisheries:vessel_create"), {**NEW, "region": world["huangdao"].pk})

    vessel = Vessel.objects.get(name="鲁青渔01234")
    assert response.status_code == 302 and response["Location"] == reverse("fisheries:vessel_detail", args=[vessel.pk])
    assert (vessel.region, vessel.power_kw, vessel.length_m, vessel.gross_tonnage) == (
        world["huangdao"], Decimal("88.50"), Decimal("18.00"), None)
    licence = Certificate.objects.get(vessel=vessel)
    assert (licence.kind, licence.number, licence.expires_on) == (
        "fishing_licence", "(鲁青)船捕(2026)CW-000001号", datetime.date(2028, 12, 31))
    record = vessel.history.get()
    assert (record.history_user, record.history_change_reason) == (world["dispatcher"], "新建造渔船入籍")
    assert licence.history.get().history_user == world["dispatcher"]


def test_every_problem_is_named_and_nothing_is_written(world: dict[str, Any]) -> None:
    make_vessel(world["qingdao"], mmsi="412345678")
    client = page_client(world["dispatcher"])
    bad = {**NEW, "region": world["qingdao"].pk, "name": "鲁青01234", "inspection_number": "检-9"}

    body = client.post(reverse("fisheries:vessel_create"), bad).content.decode()

    assert "填写了检验证书编号, 请填写有效期。" in body
    assert Vessel.objects.filter(name__startswith="鲁青").count() == 0
    body = client.post(reverse("fisheries:vessel_create"), {**bad, "inspection_number": ""}).content.decode()
    assert "不符合船名规定" in body and "MMSI 412345678 已登记在另一艘渔船上。" in body
    assert Vessel.objects.count() == 1 and Certificate.objects.count() == 0


def test_editing_changes_the_card_and_certificates_with_history(world: dict[str, Any]) -> None:
    vessel = make_vessel(world["qingdao"], certificates={"inspection": ("检-1", datetime.date(2027, 1, 5))})
    client = page_client(world["dispatcher"])
    url = reverse("fisheries:vessel_edit", args=[vessel.pk])
    values = form_values(client.get(url).content.decode())
    assert (values["inspection_number"], values["inspection_expires_on"]) == ("检-1", "2027-01-05")

    values.update(status="laid_up", inspection_number="", inspection_expires_on="",
                  registration_number="登-7", registration_expires_on="2030-06-30", reason="年度检验")
    assert client.post(url, values).status_code == 302

    vessel.refresh_from_db()
    assert vessel.status == "laid_up"
    assert list(Certificate.objects.filter(vessel=vessel).values_list("kind", "number")) == [("registration", "登-7")]
    latest = vessel.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~", world["dispatcher"], "年度检验")
    removed = Certificate.history.get(kind="inspection", history_type="-")
    assert removed.history_user == world["dispatcher"]


def test_saving_unchanged_writes_no_history(world: dict[str, Any]) -> None:
    vessel = make_vessel(world["qingdao"], certificates={"fishing_licence": ("证-1", datetime.date(2027, 12, 31))})
    client = page_client(world["dispatcher"])
    url = reverse("fisheries:vessel_edit", args=[vessel.pk])
    before = (vessel.history.count(), Certificate.history.count())

    assert client.post(url, form_values(client.get(url).content.decode())).status_code == 302

    assert (vessel.history.count(), Certificate.history.count()) == before
    assert Certificate.objects.get(vessel=vessel).expires_on == datetime.date(2027, 12, 31)


def test_other_regions_and_other_roles_are_refused(world: dict[str, Any]) -> None:
    vessel = make_vessel(world["qingdao"])
    outsider = page_client(world["weifang_dispatcher"])
    assert outsider.get(reverse("fisheries:vessel_edit", args=[vessel.pk])).status_code == 404
    reporter = page_client(world["reporter"])
    assert reporter.get(reverse("fisheries:vessel_edit", args=[vessel.pk])).status_code == 403
    assert reporter.get(reverse("fisheries:vessel_create")).status_code == 403
    assert "编辑</a>" not in reporter.get(reverse("fisheries:vessel_detail", args=[vessel.pk])).content.decode()
    # a region outside the scope cannot be chosen, nor moved to
    response = page_client(world["dispatcher"]).post(
        reverse("fisheries:vessel_create"), {**NEW, "region": world["weifang"].pk})
    assert response.status_code == 200 and not Vessel.objects.filter(name=NEW["name"]).exists()
