"""List pages and list APIs cost a fixed number of queries, whatever the number of rounds and slots."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from blueledger.core.testing import make_user
from blueledger.dispatch.selectors.rounds import round_list, round_rows
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import NOVEMBER, OCTOBER, make_published_ledger, make_round, report_all
from blueledger.dispatch.views.rounds import ROUNDS_PER_PAGE
from blueledger.users.choices import Role


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_round_list_dashboard_and_apis_do_not_grow_with_rows(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    admin = make_user(departments["市发改委"], Role.ADMIN)
    client, api = Client(), APIClient()
    client.force_login(admin)
    api.force_authenticate(admin)
    october = make_round(ledger, OCTOBER)
    report_all(october, departments["市海渔局"], ["100", "1"])
    urls = ["/dispatch/", f"/dispatch/rounds/{october.pk}/dashboard/", "/api/dispatch-rounds/", "/api/report-slots/"]
    small = [_count(client if u.startswith("/dispatch") else api, u) for u in urls]

    round_close(actor=None, reporting_round=october)
    november = make_round(ledger, NOVEMBER)
    report_all(november, departments["市海渔局"], ["200", "2"])
    report_all(november, departments["市发改委"], ["300"])
    urls[1] = f"/dispatch/rounds/{november.pk}/dashboard/"
    large = [_count(client if u.startswith("/dispatch") else api, u) for u in urls]

    assert large[0] == small[0]
    assert large[1] <= small[1] + 1  # the previous round's stored figures
    assert large[2:] == small[2:]


def test_round_list_counts_each_rounds_departments_and_slots_and_pages(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    admin = make_user(departments["市发改委"], Role.ADMIN)
    october = make_round(ledger, OCTOBER)

    rows = round_rows(round_list(user=admin))

    assert [(row.round, row.department_count, row.slot_count) for row in rows] == [(october, 3, 4)]
    client = Client()
    client.force_login(admin)
    html = client.get("/dispatch/").content.decode()
    assert '<td class="number">3</td>\n    <td class="number">4</td>' in html
    assert ROUNDS_PER_PAGE == 50 and 'id="round-pages"' not in html
