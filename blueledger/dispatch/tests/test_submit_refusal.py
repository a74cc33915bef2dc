"""Posting values to a department that has already handed in is refused aloud: nothing is saved and the
page says so (it used to answer "已报送, 报送内容已锁定。" and drop the posted values)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from blueledger.core.racing import page_messages
from blueledger.core.testing import page_client
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, report_all, slots_of


def test_a_second_submission_is_refused_and_says_nothing_was_saved(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    reporter = make_reporter(haiyu, "haiyu")
    report_all(reporting_round, haiyu, ["120", "2"], actor=reporter)
    slots = slots_of(reporting_round, haiyu)
    form = {"action": "submit"} | {f"value_{slot.pk}": value for slot, value in zip(slots, ["130", "3"], strict=True)}

    response = page_client(reporter).post(f"/dispatch/rounds/{reporting_round.pk}/departments/{haiyu.pk}/", form)

    assert response.status_code == 400
    assert page_messages(response.content.decode()) == [
        f"“{slot.quantity.metric}”已报送, 已锁定, 本次填写未保存; 如需更正请调度员退回" for slot in slots
    ]
    assert list(Report.objects.filter(slot__in=slots).order_by("slot__position").values_list("value", "version")) == [
        (Decimal(120), 1), (Decimal(2), 1)
    ]


def test_submitting_nothing_when_all_is_handed_in_is_refused(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    reporter = make_reporter(haiyu, "haiyu")
    report_all(reporting_round, haiyu, ["120", "2"], actor=reporter)

    response = page_client(reporter).post(f"/dispatch/rounds/{reporting_round.pk}/departments/{haiyu.pk}/",
                                          {"action": "submit"})

    assert response.status_code == 400
    assert page_messages(response.content.decode()) == [
        "没有可报送的内容: 本单位本轮的填报项已报送或尚未填写, 本次未保存任何内容, 请刷新页面。"
    ]
