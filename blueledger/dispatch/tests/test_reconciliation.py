"""Year-end reconciliation: a summary's facts against the plan's targets, confirmed or corrected by staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from blueledger.dispatch.models import Reconciliation, ReconciliationRow
from blueledger.dispatch.services.reconciliation import reconciliation_create, reconciliation_row_confirm
from blueledger.dispatch.tests.factories import make_office, make_published_ledger
from blueledger.ledgers.tests.factories import make_ledger

SUMMARY_TEXT = """潍坊市海洋发展和渔业局2025年工作总结

一、发展海洋经济
全年海洋生产总值达到1250亿元。新建渔港2个。
二、保护海洋生态
整治岸线13公里。全市共有渔船100艘, 其中大型渔船60艘、中小型渔船30艘。
"""


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    plan, _ = make_published_ledger(shandong["weifang"])
    summary = make_ledger(shandong["weifang"], text=SUMMARY_TEXT, filename="工作总结.txt")
    return {"plan": plan, "summary": summary, "office": make_office(shandong["weifang"])}


def test_facts_are_matched_to_targets_and_staff_confirm_or_correct(world: dict[str, Any]) -> None:
    reconciliation = reconciliation_create(actor=world["office"], plan=world["plan"], summary=world["summary"])

    rows = {row.target.metric: row for row in reconciliation.rows.select_related("target", "fact")}
    assert {metric: (row.suggested_verdict, row.fact.value_display if row.fact else None)
            for metric, row in rows.items()} == {
        "海洋生产总值": ("completed", "1250"),
        "新建渔港": ("not_completed", "2"),
        "整治岸线": ("completed", "13"),
    }
    assert reconciliation.history.get().history_user == world["office"]

    corrected = reconciliation_row_confirm(actor=world["office"], row=rows["新建渔港"], verdict="completed",
                                           note="另有1个渔港已通过验收")
    assert (corrected.verdict, corrected.confirmed_by) == ("completed", world["office"])
    assert corrected.history.latest().history_change_reason == "更正对账结论"


def test_the_page_shows_the_table_and_the_arithmetic(world: dict[str, Any]) -> None:
    reconciliation = reconciliation_create(actor=world["office"], plan=world["plan"], summary=world["summary"])
    client = Client()
    client.force_login(world["office"])
    page = client.get(f"/dispatch/reconciliation/{reconciliation.pk}/").content.decode()
    assert "海洋生产总值" in page and "1250亿元" in page
    assert ReconciliationRow.objects.count() == 3
    assert Reconciliation.objects.count() == 1
