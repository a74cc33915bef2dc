"""API: vessels and alerts of the user's scope, the case loop's steps (409 on a stale step), and the OpenAPI
schema lists them."""

from __future__ import annotations

from typing import Any

from blueledger.core.testing import api_client, make_department, make_user
from blueledger.fisheries.tests.factories import make_alert, make_vessel
from blueledger.users.choices import Role


def test_lists_are_scoped_and_the_case_loop_runs(shandong: dict[str, Any]) -> None:
    qingdao, weifang = shandong["qingdao"], shandong["weifang"]
    client = api_client(make_user(make_department(qingdao, "海洋发展局"), Role.DISPATCHER))
    vessel = make_vessel(qingdao)
    alert = make_alert(qingdao, vessel)
    make_alert(weifang, make_vessel(weifang, name="鲁潍渔00003"))
    vessels = client.get("/api/vessels/").json()
    assert [v["name"] for v in vessels["results"]] == [vessel.name]
    alerts = client.get("/api/fisheries-alerts/").json()
    assert [(a["vessel_name"], a["kind"], a["status"]) for a in alerts["results"]] == [
        (vessel.name, "moratorium_breach", "open")
    ]
    station = make_department(qingdao, "石岛站")
    base = f"/api/fisheries-alerts/{alert.pk}"
    assert client.post(f"{base}/assign/", {"department": station.pk}, format="json").json()["status"] == "assigned"
    assert client.post(f"{base}/verify/", {"verification": "核实"}, format="json").json()["status"] == "verified"
    fined = client.post(f"{base}/dispose/", {"disposition": "fine", "fine_yuan": "5000"}, format="json").json()
    assert (fined["status"], fined["fine_yuan"]) == ("disposed", "5000.00")
    assert client.post(f"{base}/close/").json()["status"] == "closed"
    stale = client.post(f"{base}/close/")
    assert stale.status_code == 409
    assert stale.json() == {"detail": "该预警当前为“已结案”, 不能结案。请刷新页面查看最新状态。"}


def test_schema_lists_the_fisheries_endpoints(shandong: dict[str, Any]) -> None:
    client = api_client(make_user(make_department(shandong["qingdao"]), Role.VIEWER))
    schema = client.get("/api/schema/?format=json").json()
    paths = set(schema["paths"])
    assert {
        "/api/vessels/",
        "/api/vessels/{id}/",
        "/api/fisheries-alerts/",
        "/api/fisheries-alerts/{id}/",
        "/api/fisheries-alerts/{id}/assign/",
        "/api/fisheries-alerts/{id}/verify/",
        "/api/fisheries-alerts/{id}/dispose/",
        "/api/fisheries-alerts/{id}/close/",
    } <= paths
