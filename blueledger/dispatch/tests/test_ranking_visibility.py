"""One rule for what a reporter sees: their own department's report text, on the ranking drill-down as on
the department pages and the API; scores stay the round's for everyone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from blueledger.core.testing import page_client
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter, make_round, slots_of

FAGAI_TEXT = "发改委内部进展-保密"
HAIYU_TEXT = "海渔局本单位进展"


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    for name, text in (("市发改委", FAGAI_TEXT), ("市海渔局", HAIYU_TEXT)):
        department = departments[name]
        reports_save(actor=None, reporting_round=reporting_round, department=department, submit=True,
                     entries={slot.pk: ReportEntry(value=Decimal(1), progress=text)
                              for slot in slots_of(reporting_round, department)})
    return {"round": reporting_round, "haiyu": departments["市海渔局"], "fagai": departments["市发改委"],
            "reporter": make_reporter(departments["市海渔局"], "haiyu"), "office": make_office(shandong["weifang"])}


def _detail(user: Any, world: dict[str, Any], unit: Any) -> str:
    url = reverse("dispatch:ranking", args=[world["round"].pk])
    response = page_client(user).get(url, {"by": "department", "unit": unit.pk})
    assert response.status_code == 200
    return response.content.decode()


def test_a_reporter_does_not_see_another_departments_progress_on_the_ranking(world: dict[str, Any]) -> None:
    page = _detail(world["reporter"], world, world["fagai"])
    assert 'id="ranking-detail"' in page
    assert FAGAI_TEXT not in page
    assert "已报送" in page


def test_a_reporter_sees_their_own_progress_on_the_ranking(world: dict[str, Any]) -> None:
    assert HAIYU_TEXT in _detail(world["reporter"], world, world["haiyu"])


def test_the_dispatch_office_sees_every_departments_progress(world: dict[str, Any]) -> None:
    assert FAGAI_TEXT in _detail(world["office"], world, world["fagai"])


def test_a_reporter_does_not_see_other_departments_progress_by_district(world: dict[str, Any]) -> None:
    url = reverse("dispatch:ranking", args=[world["round"].pk])
    response = page_client(world["reporter"]).get(url, {"by": "district", "unit": world["fagai"].region.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert FAGAI_TEXT not in page
