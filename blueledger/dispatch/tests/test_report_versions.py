"""Drafts are edited in place, a submission locks, a return keeps the old version and the correction is v+1."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.dispatch.choices import ReportStatus
from blueledger.dispatch.models import Report
from blueledger.dispatch.services.reports import ReportEntry, reports_return, reports_save
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter, make_round, slots_of


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    return {
        "round": reporting_round,
        "haiyu": haiyu,
        "fagai": departments["市发改委"],
        "slots": slots_of(reporting_round, haiyu),
        "reporter": make_reporter(haiyu, "haiyu"),
        "office": make_office(shandong["weifang"]),
    }


def _save(world: dict[str, Any], values: list[str], *, submit: bool, actor: Any = None) -> None:
    entries = {slot.pk: ReportEntry(value=Decimal(v), progress=f"进展{v}") for slot, v in zip(world["slots"], values,
                                                                                           strict=True)}
    reports_save(actor=actor or world["reporter"], reporting_round=world["round"], department=world["haiyu"],
                 entries=entries, submit=submit)


def _versions(world: dict[str, Any]) -> list[tuple[int, int, Decimal | None, str]]:
    return list(Report.objects.filter(slot__in=world["slots"]).order_by("slot_id", "version")
                .values_list("slot__position", "version", "value", "status"))


def test_draft_is_updated_in_place_then_submission_locks(world: dict[str, Any]) -> None:
    _save(world, ["100", "1"], submit=False)
    _save(world, ["110", "2"], submit=False)
    _save(world, ["120", "2"], submit=True)
    first, second = world["slots"]

    assert _versions(world) == [(first.position, 1, Decimal(120), "submitted"), (second.position, 1, Decimal(2),
                                                                                  "submitted")]
    report = Report.objects.get(slot=first)
    assert report.submitted_by == world["reporter"]
    assert [(h.history_type, h.history_user, h.history_change_reason, h.value, h.status)
            for h in report.history.order_by("history_id")] == [
        ("+", world["reporter"], "保存草稿", Decimal(100), "draft"),
        ("~", world["reporter"], "保存草稿", Decimal(110), "draft"),
        ("~", world["reporter"], "报送", Decimal(120), "submitted"),
    ]
    with pytest.raises(ValidationError, match="已报送, 已锁定"):
        _save(world, ["130", "3"], submit=False)
    assert _versions(world)[0][2] == Decimal(120)


def test_return_keeps_the_old_version_and_the_correction_is_a_new_one(world: dict[str, Any]) -> None:
    _save(world, ["120", "2"], submit=True)
    reports_return(actor=world["office"], reporting_round=world["round"], department=world["haiyu"],
                   comment="渔港数量与统计不符, 请核实")
    returned = Report.objects.get(slot=world["slots"][0])
    assert (returned.status, returned.returned_comment) == (ReportStatus.RETURNED, "渔港数量与统计不符, 请核实")
    assert returned.history.latest().history_change_reason == "退回: 渔港数量与统计不符, 请核实"

    _save(world, ["118", "2"], submit=True)

    first, second = world["slots"]
    assert _versions(world) == [
        (first.position, 1, Decimal(120), "returned"), (first.position, 2, Decimal(118), "submitted"),
        (second.position, 1, Decimal(2), "returned"), (second.position, 2, Decimal(2), "submitted"),
    ]


def test_submission_needs_every_value_and_refusals_write_nothing(world: dict[str, Any]) -> None:
    first = world["slots"][0]
    with pytest.raises(ValidationError) as missing:
        reports_save(actor=world["reporter"], reporting_round=world["round"], department=world["haiyu"],
                     entries={first.pk: ReportEntry(value=Decimal(5))}, submit=True)
    assert missing.value.messages == ["“新建渔港”未填写累计完成值"]
    with pytest.raises(ValidationError) as absurd:
        _save(world, ["-3", "300"], submit=False)
    assert absurd.value.messages == [
        "“海洋生产总值”: 不能为负数, 实为-3",
        "“新建渔港”: 完成度10000%, 超过目标的10倍, 请核实数值和单位",
    ]
    with pytest.raises(PermissionDenied):
        _save(world, ["1", "1"], submit=False, actor=make_reporter(world["fagai"]))
    with pytest.raises(ValidationError, match="无需退回"):
        reports_return(actor=world["office"], reporting_round=world["round"], department=world["haiyu"],
                       comment="请核实")
    assert Report.objects.count() == 0
