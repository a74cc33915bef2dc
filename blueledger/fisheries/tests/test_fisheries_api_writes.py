"""API writes and reads added beside the pages, with the pages' permissions: vessels created and changed with
their certificates (400 with every problem, 403 for a 填报员, 404 outside the scope), 三无船舶 records, target
bindings for dispatch, the day's 在港率; the OpenAPI schema lists them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from blueledger.core.testing import api_client, make_department, make_user
from blueledger.fisheries.models import Certificate, TargetBinding, UnregisteredVessel, Vessel
from blueledger.fisheries.tests.factories import make_vessel
from blueledger.fisheries.tests.test_moratorium_occupancy import build_moratorium_world
from blueledger.ledgers.services import ledger_publish
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

NEW = {"region_code": "370211", "name": "鲁青渔01234", "registry_port": "青岛", "home_port": "沙子口",
       "gear": "刺网", "power_kw": "88.5",
       "certificates": [{"kind": "fishing_licence", "number": "证-1", "expires_on": "2028-12-31"}],
       "reason": "新建造渔船入籍"}  # fmt: skip


@pytest.fixture
def people(shandong: dict[str, Any]) -> dict[str, Any]:
    bureau = make_department(shandong["qingdao"], "海洋发展局")
    return {**shandong, "dispatcher": make_user(bureau, Role.DISPATCHER), "reporter": make_user(bureau, Role.REPORTER)}


def test_a_vessel_is_created_and_changed_through_the_services(people: dict[str, Any]) -> None:
    client = api_client(people["dispatcher"])
    created = client.post("/api/vessels/", NEW, format="json")
    assert created.status_code == 201, created.json()
    vessel = Vessel.objects.get(name="鲁青渔01234")
    assert (created.json()["region_code"], created.json()["power_kw"]) == ("370211", "88.50")
    assert vessel.history.get().history_change_reason == "新建造渔船入籍"
    assert Certificate.objects.get(vessel=vessel).number == "证-1"

    changed = client.patch(f"/api/vessels/{vessel.pk}/", {
        "status": "laid_up", "certificates": [{"kind": "fishing_licence", "number": "", "expires_on": None}]},
        format="json")
    assert changed.status_code == 200
    assert (changed.json()["status"], changed.json()["certificates"]) == ("laid_up", [])
    assert vessel.history.first().history_user == people["dispatcher"]


def test_refusals(people: dict[str, Any]) -> None:
    client = api_client(people["dispatcher"])
    make_vessel(people["qingdao"], mmsi="412345678")
    bad = client.post("/api/vessels/", {**NEW, "name": "鲁青01234", "mmsi": "412345678"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["detail"][1] == "MMSI 412345678 已登记在另一艘渔船上。"
    outside = client.post("/api/vessels/", {**NEW, "region_code": "370700"}, format="json")
    assert (outside.status_code, outside.json()) == (400, {"region_code": ["“370700”不是您范围内的区划代码。"]})
    assert api_client(people["reporter"]).post("/api/vessels/", NEW, format="json").status_code == 403
    theirs = make_vessel(people["weifang"], name="鲁潍渔00009")
    assert client.patch(f"/api/vessels/{theirs.pk}/", {"owner": "x"}, format="json").status_code == 404
    assert Vessel.objects.filter(name__startswith="鲁青").count() == 0


def test_unregistered_vessels(people: dict[str, Any]) -> None:
    client = api_client(people["dispatcher"])
    created = client.post("/api/unregistered-vessels/", {
        "region_code": "370200", "found_on": "2026-05-02", "place": "红岛渔港", "description": "无名小船"},
        format="json")
    assert created.status_code == 201
    record = UnregisteredVessel.objects.get()
    changed = client.patch(f"/api/unregistered-vessels/{record.pk}/", {"disposal": "已没收", "reason": "处置"},
                           format="json")
    assert changed.json()["disposal"] == "已没收"
    assert record.history.first().history_change_reason == "处置"
    assert api_client(people["reporter"]).get("/api/unregistered-vessels/").json()["count"] == 1


def test_target_bindings_and_the_days_rate(people: dict[str, Any], tmp_path: Path, settings: Any) -> None:
    settings.DATA_DIR = tmp_path
    world = build_moratorium_world(people)
    client = api_client(world["dispatcher"])
    Department.objects.create(region=people["qingdao"], name="青岛市海渔局", short_name="市海渔局")
    ledger = make_ledger(people["qingdao"], text="青岛市海洋发展局2026年工作要点\n\n一、渔业\n(一)休渔期间违规作业"
                                                 "案件控制在0起。(牵头单位:市海渔局)\n")
    ledger_publish(actor=None, ledger=ledger)
    quantity = ledger.quantities.get()
    bound = client.post("/api/fisheries-target-bindings/", {
        "quantity": quantity.pk, "indicator": "moratorium_violations", "region_code": "370200"}, format="json")
    assert bound.status_code == 201, bound.json()
    assert (bound.json()["metric"], bound.json()["unit"]) == (quantity.metric, "起")
    assert client.get("/api/fisheries-target-bindings/").json()["count"] == 1
    binding = TargetBinding.objects.get()
    assert api_client(people["reporter"]).delete(f"/api/fisheries-target-bindings/{binding.pk}/").status_code == 403
    assert client.delete(f"/api/fisheries-target-bindings/{binding.pk}/").status_code == 204
    assert binding.history.first().history_type == "-"

    day = client.get("/api/fisheries-moratorium/?day=2026-06-10").json()
    assert day["total"] == {"key": "", "label": "合计", "vessels": 3, "in_port": 1, "at_sea": 1, "offline": 1,
                            "in_port_rate": "0.3333"}
    assert [(v["name"], v["status"], v["away_since"]) for v in day["not_in_port"]] == [
        ("鲁荣渔50003", "offline", "2026-06-10T10:00:00+08:00"),
        ("鲁荣渔50002", "at_sea", "2026-06-10T14:00:00+08:00")]
    assert client.get("/api/fisheries-moratorium/?day=6月").status_code == 400
    assert datetime.date.fromisoformat(client.get("/api/fisheries-moratorium/").json()["day"])


def test_the_schema_lists_the_new_endpoints(people: dict[str, Any]) -> None:
    schema = api_client(people["reporter"]).get("/api/schema/?format=json").json()
    assert {"/api/unregistered-vessels/", "/api/unregistered-vessels/{id}/", "/api/fisheries-target-bindings/",
            "/api/fisheries-target-bindings/{id}/", "/api/fisheries-moratorium/"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/vessels/"]) == {"get", "post"}
    assert set(schema["paths"]["/api/vessels/{id}/"]) == {"get", "patch"}
