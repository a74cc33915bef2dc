"""A ledger's 休渔期间违规作业0起 and 在港率95% targets, bound to 渔船监管, fill themselves when a round opens:
punished breaches counted (checks in progress named, not counted), the lowest daily 在港率 of the moratorium's
days with positions; a binding in another unit is refused; history names the binding."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.dispatch.choices import ReportSource, ReportStatus
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_round
from blueledger.fisheries import services
from blueledger.fisheries.choices import RoundIndicator
from blueledger.fisheries.models import Alert, TargetBinding
from blueledger.fisheries.tests.factories import breach_event
from blueledger.fisheries.tests.test_moratorium_occupancy import build_moratorium_world
from blueledger.ledgers.services import ledger_publish
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.orgs.models import Department

PLAN = """青岛市海洋发展局2026年工作要点

一、加强渔业管理
(一)严格伏季休渔。休渔期间违规作业案件控制在0起。(牵头单位:市海渔局)
(二)依港管船。休渔渔船在港率达到95%以上。(牵头单位:市海渔局)
"""
JUNE = (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))


@pytest.fixture
def world(shandong: dict[str, Any], tmp_path: Path, settings: Any) -> dict[str, Any]:
    settings.DATA_DIR = tmp_path
    return build_moratorium_world(shandong)


@pytest.fixture
def ledger(world: dict[str, Any]) -> Any:
    Department.objects.create(region=world["qingdao"], name="青岛市海洋发展局渔业处", short_name="市海渔局")
    ledger = make_ledger(world["qingdao"], text=PLAN)
    ledger_publish(actor=None, ledger=ledger)
    return ledger


def _breaches(world: dict[str, Any]) -> None:
    """Two punished breaches, one found no violation, one still being checked, one of 2025."""
    vessels = [world["moored"], world["away"], world["silent"]]
    events = [breach_event(v.mmsi, start=f"2026-06-0{i + 1}T02:00:00Z") for i, v in enumerate(vessels)]
    events += [breach_event(world["moored"].mmsi, start="2026-06-05T02:00:00Z"),
               breach_event(world["moored"].mmsi, start="2025-06-05T02:00:00Z")]
    services.alerts_record(actor=None, region=world["qingdao"], events=events)
    station = Department.objects.create(region=world["qingdao"], name="石岛渔港监督站", short_name="监督站")
    outcomes = {"2026-06-01": ("fine", Decimal(5000)), "2026-06-02": ("warning", None),
                "2026-06-03": ("no_violation", None)}
    for alert in Alert.objects.filter(day__in=list(outcomes)):
        disposition, fine = outcomes[str(alert.day)]
        services.alert_assign(actor=None, alert=alert, department=station)
        services.alert_verify(actor=None, alert=alert, verification="登船检查")
        services.alert_dispose(actor=None, alert=alert, disposition=disposition, fine_yuan=fine)
    services.alert_assign(actor=None, alert=Alert.objects.get(day="2026-06-05"), department=station)


def test_the_round_takes_both_figures_by_itself(world: dict[str, Any], ledger: Any) -> None:
    _breaches(world)
    violations = ledger.quantities.get(unit="起")
    in_port = ledger.quantities.get(unit="%")
    binding = services.target_bind(actor=world["dispatcher"], quantity=violations,
                                   indicator=RoundIndicator.MORATORIUM_VIOLATIONS, region=world["qingdao"])
    services.target_bind(actor=world["dispatcher"], quantity=in_port, indicator=RoundIndicator.IN_PORT_RATE,
                         region=world["qingdao"])
    assert (binding.history.get().history_user, binding.history.get().history_change_reason) == (
        world["dispatcher"], "从渔船监管取数: 青岛市 休渔期间违规作业 (起)")

    reporting_round = make_round(ledger, JUNE)

    reports = {r.slot.quantity_id: r for r in Report.objects.filter(slot__round=reporting_round).select_related("slot")}
    counted = reports[violations.pk]
    assert (counted.value, counted.unit, counted.source, counted.status) == (
        Decimal(2), "起", ReportSource.REGISTRY, ReportStatus.SUBMITTED)
    assert counted.progress == ("取自渔船监管: 青岛市2026年截至6月30日查处休渔期间违规作业 2 起; "
                                "另有 1 起预警正在核查, 未计入")
    rate = reports[in_port.pk]
    # 2026-06-10 is the only day with positions: 1 of the 3 vessels under closure in port at 20时
    assert (rate.value, rate.unit) == (Decimal("33.33"), "%")
    assert rate.progress == "取自渔船监管: 青岛市休渔渔船每日 20 时在港率, 1 天中最低 33.3% (6月10日 在港 1 艘 / 3 艘)"


def test_a_target_in_another_unit_is_refused(world: dict[str, Any], ledger: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.target_bind(actor=None, quantity=ledger.quantities.get(unit="%"),
                             indicator=RoundIndicator.MORATORIUM_VIOLATIONS, region=world["qingdao"])
    assert error.value.messages == [
        "“休渔渔船在港率”的单位“%”与指标“休渔期间违规作业 (起)”的单位“起/宗/件/次”不一致。"]
    assert not TargetBinding.objects.exists()
