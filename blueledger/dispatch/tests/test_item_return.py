"""Per-item 退回: the office returns one handed-in item with a comment on it; the department's other items
stay handed in, and the correction is a new version of that item only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import page_client
from blueledger.dispatch.choices import ReportStatus
from blueledger.dispatch.models import Report
from blueledger.dispatch.services.reports import ReportEntry, report_item_return, reports_save
from blueledger.dispatch.tests.factories import (
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
    slots_of,
)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    fisheries = departments["市海渔局"]
    report_all(reporting_round, fisheries, ["1000", "2"])
    return {"round": reporting_round, "department": fisheries, "slots": slots_of(reporting_round, fisheries),
            "office": make_office(shandong["weifang"]), "reporter": make_reporter(fisheries)}


def _states(world: dict[str, Any]) -> list[tuple[int, int, str]]:
    return list(Report.objects.filter(slot__in=world["slots"]).order_by("slot__position", "version")
                .values_list("slot__position", "version", "status"))


def test_the_office_returns_one_item_and_the_department_corrects_only_that(world: dict[str, Any]) -> None:
    first, second = world["slots"]
    client = page_client(world["office"])
    url = f"/dispatch/rounds/{world['round'].pk}/departments/{world['department'].pk}/"
    page = client.get(url).content.decode()
    assert f'<form method="post" action="/dispatch/rounds/{world["round"].pk}/items/{second.pk}/return/"' in page
    response = client.post(f"/dispatch/rounds/{world['round'].pk}/items/{second.pk}/return/",
                           {"comment": "渔港数量与验收单不符"}, follow=True)
    assert "已退回“新建渔港”。" in response.content.decode()
    assert _states(world) == [(first.position, 1, ReportStatus.SUBMITTED), (second.position, 1, ReportStatus.RETURNED)]
    returned = Report.objects.get(slot=second)
    assert returned.returned_comment == "渔港数量与验收单不符"
    assert returned.history.first().history_change_reason == "退回 “新建渔港”: 渔港数量与验收单不符"
    assert '<span class="badge bad">退回意见</span> 渔港数量与验收单不符' in page_client(world["reporter"]).get(
        url).content.decode()

    reports_save(actor=world["reporter"], reporting_round=world["round"], department=world["department"],
                 entries={second.pk: ReportEntry(value=Decimal(3))}, submit=True)
    assert _states(world) == [(first.position, 1, ReportStatus.SUBMITTED), (second.position, 1, ReportStatus.RETURNED),
                              (second.position, 2, ReportStatus.SUBMITTED)]


def test_an_item_return_needs_a_comment_the_office_and_a_handed_in_item(world: dict[str, Any]) -> None:
    first, _ = world["slots"]
    with pytest.raises(ValidationError, match="退回时请填写退回意见。"):
        report_item_return(actor=world["office"], slot=first, comment="  ")
    with pytest.raises(PermissionDenied):
        report_item_return(actor=world["reporter"], slot=first, comment="自己退回")
    report_item_return(actor=world["office"], slot=first, comment="请核实")
    with pytest.raises(ValidationError, match="“海洋生产总值”尚未报送, 无需退回。"):
        report_item_return(actor=world["office"], slot=first, comment="再次退回")
    assert [s for _, _, s in _states(world)] == [ReportStatus.RETURNED, ReportStatus.SUBMITTED]
