"""Events become alerts once per vessel, rule and day; an alert goes assign → verify → dispose → close, each
step with its history row, a stale step refused with a clear message, rights by role and region."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.fisheries import services
from blueledger.fisheries.choices import AlertStatus, Disposition
from blueledger.fisheries.models import Alert
from blueledger.fisheries.tests.factories import breach_event, make_alert, make_vessel
from blueledger.users.choices import Role


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    weihai = shandong["qingdao"]  # any city of the fixture stands for the vessel's
    vessel = make_vessel(weihai)
    station = make_department(weihai, "石岛渔港监督站")
    return {
        "vessel": vessel,
        "station": station,
        "dispatcher": make_user(make_department(weihai, "海洋发展局"), Role.DISPATCHER),
        "reporter": make_user(station, Role.REPORTER),
        "outsider": make_user(make_department(shandong["weifang"]), Role.DISPATCHER),
        **shandong,
    }


def test_events_become_alerts_once_per_vessel_rule_and_beijing_day(world: dict[str, Any]) -> None:
    mmsi = world["vessel"].mmsi
    events = [
        breach_event(mmsi, "2026-06-01T02:00:00Z"),
        breach_event(mmsi, "2026-06-01T15:00:00Z"),  # 23:00 Beijing, same day
        breach_event(mmsi, "2026-06-01T16:30:00Z"),  # 00:30 Beijing, next day
        breach_event(mmsi, "2026-06-01T02:00:00Z", rule="shandong-fixed-gear"),
        {**breach_event(mmsi), "kind": "port_visit", "rule": "port_visit"},
        breach_event("440123456"),
    ]
    assert services.alerts_record(actor=None, region=world["province"], events=events) == (4, 1)
    assert services.alerts_record(actor=None, region=world["province"], events=events) == (0, 5)
    alerts = Alert.objects.order_by("day", "vessel_key", "rule")
    assert [(str(a.day), a.vessel_key, a.rule, a.region.code) for a in alerts] == [
        ("2026-06-01", mmsi, "north-of-35N", "370200"),
        ("2026-06-01", mmsi, "shandong-fixed-gear", "370200"),
        ("2026-06-01", "440123456", "north-of-35N", "370000"),
        ("2026-06-02", mmsi, "north-of-35N", "370200"),
    ]
    assert alerts[0].history.get().history_change_reason == "轨迹引擎识别"


def test_the_case_loop_with_a_fine_ends_closed_with_history(world: dict[str, Any]) -> None:
    alert = make_alert(world["qingdao"], world["vessel"])
    dispatcher, reporter = world["dispatcher"], world["reporter"]
    services.alert_assign(actor=dispatcher, alert=alert, department=world["station"])
    services.alert_verify(actor=reporter, alert=alert, verification="6月1日 10时登船检查, 网具未封存, 渔获 200 公斤。")
    services.alert_dispose(actor=dispatcher, alert=alert, disposition=Disposition.FINE, fine_yuan=Decimal("23800"))
    closed = services.alert_close(actor=dispatcher, alert=alert)
    assert closed.status == AlertStatus.CLOSED
    assert closed.fine_yuan == Decimal("23800.00")
    steps = [(h.status, h.history_user, h.history_change_reason) for h in closed.history.order_by("history_id")]
    assert steps == [
        (AlertStatus.OPEN, None, "轨迹引擎识别"),
        (AlertStatus.ASSIGNED, dispatcher, f"指派 {world['station']}"),
        (AlertStatus.VERIFIED, reporter, "核查"),
        (AlertStatus.DISPOSED, dispatcher, "处理"),
        (AlertStatus.CLOSED, dispatcher, "结案"),
    ]


def test_a_stale_step_is_refused_and_changes_nothing(world: dict[str, Any]) -> None:
    alert = make_alert(world["qingdao"], world["vessel"])
    stale = Alert.objects.get(pk=alert.pk)
    services.alert_assign(actor=world["dispatcher"], alert=alert, department=world["station"])
    with pytest.raises(ValidationError) as error:
        services.alert_assign(actor=world["dispatcher"], alert=stale, department=world["station"])
    assert error.value.messages == ["该预警当前为“核查中”, 不能指派。请刷新页面查看最新状态。"]
    assert alert.history.count() == 2


def test_a_fine_needs_an_amount_and_a_transfer_needs_a_receiver(world: dict[str, Any]) -> None:
    alert = make_alert(world["qingdao"], world["vessel"])
    services.alert_assign(actor=world["dispatcher"], alert=alert, department=world["station"])
    services.alert_verify(actor=world["dispatcher"], alert=alert, verification="核实")
    with pytest.raises(ValidationError) as error:
        services.alert_dispose(actor=world["dispatcher"], alert=alert, disposition=Disposition.FINE)
    assert error.value.messages == ["罚款须填写大于 0 的金额 (元)。"]
    with pytest.raises(ValidationError) as error:
        services.alert_dispose(actor=world["dispatcher"], alert=alert, disposition=Disposition.TRANSFERRED)
    assert error.value.messages == ["移送须填写接收单位。"]
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.VERIFIED


def test_rights_follow_role_and_region(world: dict[str, Any]) -> None:
    alert = make_alert(world["qingdao"], world["vessel"])
    with pytest.raises(PermissionDenied):
        services.alert_assign(actor=world["outsider"], alert=alert, department=world["station"])
    with pytest.raises(PermissionDenied):
        services.alert_assign(actor=world["reporter"], alert=alert, department=world["station"])
    services.alert_assign(actor=world["dispatcher"], alert=alert, department=world["station"])
    other_reporter = make_user(make_department(world["qingdao"], "另一站"), Role.REPORTER)
    with pytest.raises(PermissionDenied):
        services.alert_verify(actor=other_reporter, alert=alert, verification="x")
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.ASSIGNED
