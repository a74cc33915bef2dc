"""The ledger list costs a fixed number of queries, counts tasks and targets exactly (a join of both had
multiplied the rows: 0.8–5 s at province scale) and never reads the stored files or texts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.ledgers.selectors import ledger_list
from blueledger.ledgers.tests.factories import PLAN_TEXT, make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def _list_queries(client: Any) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ledgers/").status_code == 200
    return [query["sql"] for query in queries]


def test_the_list_does_not_grow_with_ledgers_and_reads_no_file(shandong: dict[str, Any]) -> None:
    admin = make_user(make_department(shandong["qingdao"]), Role.ADMIN, "admin")
    client = page_client(admin)
    make_ledger(shandong["weifang"])
    small = _list_queries(client)

    make_ledger(shandong["qingdao"], text=PLAN_TEXT.replace("潍坊", "青岛"), filename="青岛.txt")
    make_ledger(shandong["huangdao"], text=PLAN_TEXT.replace("潍坊", "黄岛"), filename="黄岛.txt")
    large = _list_queries(client)

    assert len(large) == len(small)
    listing = next(sql for sql in large if 'FROM "ledgers_ledger"' in sql)
    assert '"documents_document"."content"' not in listing
    assert '"ledgers_ledger"."text"' not in listing


def test_the_counts_are_exact(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    admin = make_user(make_department(shandong["qingdao"]), Role.ADMIN, "admin")

    listed = ledger_list(user=admin).get(pk=ledger.pk)

    assert (listed.task_count, listed.quantity_count) == (ledger.tasks.count(), ledger.quantities.count())
    assert listed.task_count > 1 and listed.quantity_count > 1
