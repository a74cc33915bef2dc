"""截止本轮 is irreversible, so it takes a confirmation step (a page, not a script alert) that says what
closing will do; a POST without the confirmation closes nothing."""

from __future__ import annotations

from typing import Any

from blueledger.core.testing import page_client
from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all


def test_closing_asks_for_a_confirmation_that_names_the_missing_departments(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    report_all(reporting_round, departments["市生态环境局"], ["5"])
    client = page_client(make_office(shandong["weifang"]))
    url = f"/dispatch/rounds/{reporting_round.pk}/close/"

    detail = client.get(f"/dispatch/rounds/{reporting_round.pk}/").content.decode()
    assert f'<a class="button" href="{url}" id="round-close">截止本轮</a>' in detail
    page = client.get(url).content.decode()
    assert "截止后不再接收报送, 不可撤销。已报送的 1 项 (共 4 项) 将按采用处理" in page
    assert '<ul id="close-missing"><li>市海渔局: 未报 2/2</li><li>市发改委: 未报 1/1</li></ul>' in page
    assert ReportingRound.objects.get().status == RoundStatus.OPEN

    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, url)
    assert ReportingRound.objects.get().status == RoundStatus.OPEN

    client.post(url, {"confirm": "1"})
    assert ReportingRound.objects.get().status == RoundStatus.CLOSED
