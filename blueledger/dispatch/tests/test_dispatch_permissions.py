"""Each role against the pages and API of a round: reporters reach only their own department's slots,
other organisations' rounds look missing, forbidden writes write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from blueledger.core.testing import kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.models import RankingObjection, Report, ReportingRound
from blueledger.dispatch.tests.factories import (
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
    slots_of,
)
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Built once for the module; tests use its objects' keys and write only through pages (undone after each)."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        ledger, departments = make_published_ledger(shandong["weifang"])
        reporting_round = make_round(ledger)
        report_all(reporting_round, departments["市海渔局"], ["100", "1"])
        users = {
            "admin": make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin"),
            "office": make_office(shandong["weifang"]),
            "qingdao_office": make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER),
            "haiyu": make_reporter(departments["市海渔局"], "haiyu"),
            "fagai": make_reporter(departments["市发改委"], "fagai"),
            "viewer": make_user(make_department(shandong["weifang"], "市统计局"), Role.VIEWER),
        }
        yield {"round": reporting_round, "ledger": ledger, "users": users, **departments}


ROUND_READS = {"admin": 200, "office": 200, "qingdao_office": 404, "haiyu": 200, "fagai": 200, "viewer": 200}


@pytest.mark.parametrize("role", list(ROUND_READS))
@pytest.mark.parametrize("page", ["", "dashboard/", "ranking/"])
def test_round_pages_are_read_within_the_scope(world: dict[str, Any], role: str, page: str) -> None:
    response = page_client(world["users"][role]).get(f"/dispatch/rounds/{world['round'].pk}/{page}")
    assert response.status_code == ROUND_READS[role]


# Who may open 市海渔局's slots of the round: its own reporter, the office, admins and viewers in scope.
DEPARTMENT_READS = {"admin": 200, "office": 200, "qingdao_office": 404, "haiyu": 200, "fagai": 404, "viewer": 200}


@pytest.mark.parametrize("role", list(DEPARTMENT_READS))
def test_a_departments_slots_and_template(world: dict[str, Any], role: str) -> None:
    client = page_client(world["users"][role])
    base = f"/dispatch/rounds/{world['round'].pk}/departments/{world['市海渔局'].pk}/"
    assert client.get(base).status_code == DEPARTMENT_READS[role]
    assert client.get(base + "template.xlsx").status_code == DEPARTMENT_READS[role]


@pytest.mark.parametrize("role,expected", [("fagai", 404), ("office", 403), ("viewer", 403), ("qingdao_office", 404)])
def test_writing_another_departments_slots_is_refused_and_writes_nothing(
    world: dict[str, Any], role: str, expected: int
) -> None:
    slots = slots_of(world["round"], world["市海渔局"])
    before = list(Report.objects.values_list("pk", "value", "status"))
    client = page_client(world["users"][role])
    base = f"/dispatch/rounds/{world['round'].pk}/departments/{world['市海渔局'].pk}/"
    response = client.post(base, {f"value_{slots[0].pk}": "5", "action": "submit"})
    assert response.status_code == expected
    assert client.post(base + "upload/", {}).status_code == expected
    assert list(Report.objects.values_list("pk", "value", "status")) == before


@pytest.mark.parametrize("role,expected", [("haiyu", 403), ("fagai", 403), ("viewer", 403), ("qingdao_office", 404),
                                           ("office", 302)])
def test_only_the_office_closes_and_returns(world: dict[str, Any], role: str, expected: int) -> None:
    client = page_client(world["users"][role])
    base = f"/dispatch/rounds/{world['round'].pk}/"
    response = client.post(base + f"departments/{world['市海渔局'].pk}/return/", {"comment": "请核实"})
    assert response.status_code == expected
    statuses = set(Report.objects.values_list("status", flat=True))
    assert statuses == ({"returned"} if role == "office" else {"submitted"})
    assert client.post(base + "close/", {"confirm": "1"}).status_code == expected
    assert ReportingRound.objects.get().status == ("closed" if role == "office" else "open")


def test_objections_are_filed_by_the_department_and_answered_by_the_office(world: dict[str, Any]) -> None:
    base = f"/dispatch/rounds/{world['round'].pk}/"
    page_client(world["users"]["haiyu"]).post(base + "objections/", {"text": "渔港数量应计入在建项目"})
    objection = RankingObjection.objects.get()
    assert (objection.department, objection.filed_by, objection.status) == (
        world["市海渔局"], world["users"]["haiyu"], "open")
    assert page_client(world["users"]["fagai"]).post(base + f"objections/{objection.pk}/answer/",
                                                 {"answer": "x"}).status_code == 403
    page_client(world["users"]["office"]).post(base + f"objections/{objection.pk}/answer/",
                                               {"answer": "已按统计口径核实"})
    objection.refresh_from_db()
    assert (objection.status, objection.answer, objection.answered_by) == (
        "answered", "已按统计口径核实", world["users"]["office"])
    assert objection.history.latest().history_change_reason == "答复异议"
    assert page_client(world["users"]["viewer"]).post(base + "objections/", {"text": "x"}).status_code == 403
    assert RankingObjection.objects.count() == 1


SLOT_API = {"admin": 4, "office": 4, "qingdao_office": 0, "haiyu": 2, "fagai": 1, "viewer": 4}


@pytest.mark.parametrize("role", list(SLOT_API))
def test_the_api_shows_only_the_scope(world: dict[str, Any], role: str) -> None:
    client = APIClient()
    client.force_authenticate(world["users"][role])
    slots = client.get("/api/report-slots/").json()["results"]
    assert len(slots) == SLOT_API[role]
    rounds = client.get("/api/dispatch-rounds/").json()["results"]
    assert len(rounds) == (0 if role == "qingdao_office" else 1)
    expected = 404 if role == "qingdao_office" else 200
    assert client.get(f"/api/dispatch-rounds/{world['round'].pk}/").status_code == expected


def test_a_refused_form_keeps_what_was_typed_and_writes_nothing(world: dict[str, Any]) -> None:
    slot = slots_of(world["round"], world["市发改委"])[0]
    client = page_client(world["users"]["fagai"])
    response = client.post(f"/dispatch/rounds/{world['round'].pk}/departments/{world['市发改委'].pk}/",
                           {f"value_{slot.pk}": "约600", f"progress_{slot.pk}": "已开工", "action": "submit"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“海洋生产总值”累计完成值: 应为数字, 实为“约600”" in page
    assert 'value="约600"' in page and ">已开工</textarea>" in page
    assert not Report.objects.filter(slot=slot).exists()
