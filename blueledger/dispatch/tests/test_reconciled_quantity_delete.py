"""A summary's figure used by a year-end reconciliation cannot be deleted: the page says why (it answered 500
with a ProtectedError) and nothing is deleted."""

from __future__ import annotations

from typing import Any

from blueledger.core.racing import page_messages
from blueledger.core.testing import page_client
from blueledger.dispatch.models import ReconciliationRow
from blueledger.dispatch.services.reconciliation import reconciliation_create
from blueledger.dispatch.tests.factories import make_office, make_published_ledger
from blueledger.dispatch.tests.test_reconciliation import SUMMARY_TEXT
from blueledger.ledgers.models import LedgerQuantity
from blueledger.ledgers.tests.factories import make_ledger


def test_deleting_a_reconciled_fact_is_refused_with_the_reason(shandong: dict[str, Any]) -> None:
    plan, _ = make_published_ledger(shandong["weifang"])
    summary = make_ledger(shandong["weifang"], text=SUMMARY_TEXT, filename="工作总结.txt")
    office = make_office(shandong["weifang"])
    reconciliation_create(actor=office, plan=plan, summary=summary)
    fact = ReconciliationRow.objects.filter(fact__isnull=False).select_related("fact").order_by("pk").first().fact
    count = LedgerQuantity.objects.count()

    response = page_client(office).post(f"/ledgers/quantities/{fact.pk}/delete/", follow=True)

    assert response.status_code == 200
    assert page_messages(response.content.decode()) == [
        f"“{fact.metric}”已被对账结果引用, 不能删除; 如需删除, 请先删除引用它的对账结果。"
    ]
    assert LedgerQuantity.objects.count() == count
    assert not fact.history.filter(history_type="-").exists()
