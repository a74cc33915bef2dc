"""The pages: vessel and alert lists in the user's scope with a fixed number of queries, details with history,
the case loop through forms, other regions' records missing (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.fisheries.choices import AlertStatus
from blueledger.fisheries.models import Alert
from blueledger.fisheries.tests.factories import make_alert, make_vessel
from blueledger.users.choices import Role


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    qingdao, weifang = shandong["qingdao"], shandong["weifang"]
    dispatcher = make_user(make_department(qingdao, "海洋发展局"), Role.DISPATCHER)
    return {"dispatcher": dispatcher, "qingdao": qingdao, "weifang": weifang, "station": make_department(qingdao)}


def _count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_show_the_scope_with_a_fixed_number_of_queries(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    vessel = make_vessel(world["qingdao"])
    foreign_city = make_vessel(world["weifang"], name="鲁潍渔00001")
    make_alert(world["qingdao"], vessel)
    make_alert(world["weifang"], foreign_city)
    body = client.get(reverse("fisheries:vessel_list")).content.decode()
    assert vessel.name in body and "鲁潍渔00001" not in body
    alerts = client.get(reverse("fisheries:alert_list")).content.decode()
    assert alerts.count("<td>休渔期违规作业</td>") == 1
    few = (
        _count_queries(client, reverse("fisheries:vessel_list")),
        _count_queries(client, reverse("fisheries:alert_list")),
    )
    for i in range(5):
        other = make_vessel(world["qingdao"], name=f"鲁青渔{10000 + i}")
        make_alert(world["qingdao"], other)
    many = (
        _count_queries(client, reverse("fisheries:vessel_list")),
        _count_queries(client, reverse("fisheries:alert_list")),
    )
    assert few == many


def test_other_regions_records_are_missing(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    vessel = make_vessel(world["weifang"], name="鲁潍渔00002")
    alert = make_alert(world["weifang"], vessel)
    assert client.get(reverse("fisheries:vessel_detail", args=[vessel.pk])).status_code == 404
    assert client.get(reverse("fisheries:alert_detail", args=[alert.pk])).status_code == 404
    response = client.post(reverse("fisheries:alert_action", args=[alert.pk, "close"]))
    assert response.status_code == 404


def test_the_case_loop_through_the_pages(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    alert = make_alert(world["qingdao"], make_vessel(world["qingdao"]))
    url = reverse("fisheries:alert_detail", args=[alert.pk])
    assert "指派核查" in client.get(url).content.decode()
    steps = [
        ("assign", {"department": world["station"].pk}),
        ("verify", {"verification": "登船检查, 网具未封存"}),
        ("dispose", {"disposition": "warning"}),
        ("close", {}),
    ]
    for step, data in steps:
        response = client.post(reverse("fisheries:alert_action", args=[alert.pk, step]), data)
        assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.disposition) == (AlertStatus.CLOSED, "warning")
    again = client.post(reverse("fisheries:alert_action", args=[alert.pk, "close"]), follow=True)
    assert "该预警当前为“已结案”, 不能结案。请刷新页面查看最新状态。" in again.content.decode()
    history = client.get(url + "?tab=history").content.decode()
    assert "结案" in history
    assert Alert.objects.get(pk=alert.pk).history.count() == 5


def test_vessel_detail_shows_certificates_alerts_and_the_generated_label(world: dict[str, Any]) -> None:
    from blueledger.fisheries import services

    vessel = services.vessel_create(
        actor=None,
        generated=True,
        region=world["qingdao"],
        name="鲁荣渔59999",
        registry_port="石岛",
        home_port="石岛",
        gear="拖网",
    )
    make_alert(world["qingdao"], make_vessel(world["qingdao"]))
    body = page_client(world["dispatcher"]).get(reverse("fisheries:vessel_detail", args=[vessel.pk])).content.decode()
    assert "生成的演示数据" in body and "没有登记证书。" in body


def test_an_alerts_rule_and_figures_read_in_chinese(world: dict[str, Any]) -> None:
    vessel = make_vessel(world["qingdao"])
    alert = make_alert(world["qingdao"], vessel)
    Alert.objects.filter(pk=alert.pk).update(rule="gap", status=AlertStatus.DISPOSED, detail={
        "hours": 14.17, "began_in_port": False, "domestic_mids": ["412", "413"],
        "suspected_disabling_rule": {"gap_min_hours": 12.0, "positions_before_min": 20}})
    client = page_client(world["dispatcher"])
    body = client.get(reverse("fisheries:alert_detail", args=[alert.pk])).content.decode()
    listing = client.get(reverse("fisheries:alert_list")).content.decode()

    vessel_page = client.get(reverse("fisheries:vessel_detail", args=[vessel.pk])).content.decode()

    assert "<dt>规则</dt><dd>信号中断</dd>" in body and "<td>信号中断</td>" in vessel_page
    assert listing.count("<td>信号中断</td>") == 2  # the alert's row and its rule's false-positive rate
    assert "<dt>时长(小时)</dt><dd>14.17</dd><dt>中断始于港内</dt><dd>否</dd><dt>本国 MID</dt><dd>412、413</dd>" in body
    assert "<dt>疑似关闭 AIS 判定规则</dt><dd>最短中断(小时) 12; 中断前最少船位数 20</dd>" in body
