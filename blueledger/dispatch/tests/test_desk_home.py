"""工作台: each role's home page is its to-do list, with counts and links, scoped to its department or region."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.services.objections import objection_file
from blueledger.dispatch.services.reports import reports_return
from blueledger.dispatch.tests.factories import (
    NOVEMBER,
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
)
from blueledger.users.choices import Role


def _counts(client: Client) -> dict[str, dict[str, int]]:
    response = client.get("/")
    assert response.status_code == 200
    return {panel.title: {c.key: c.count for c in panel.counts} for panel in response.context["panels"]}


def test_a_reporters_home_lists_its_rounds_to_fill_returned_due_soon_and_overdue(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    today = timezone.localdate()
    due_soon = make_round(ledger, due_date=today + datetime.timedelta(days=2))
    overdue = make_round(ledger, NOVEMBER, due_date=today - datetime.timedelta(days=1))
    office = make_office(shandong["weifang"])
    fisheries = make_reporter(departments["市海渔局"], "fisheries")
    report_all(due_soon, departments["市海渔局"], ["10", "1"], actor=fisheries)
    reports_return(actor=office, reporting_round=due_soon, department=departments["市海渔局"], comment="数值有误")

    client = page_client(fisheries)
    assert _counts(client) == {"调度填报": {"to_fill": 1, "returned": 1, "due_soon": 1, "overdue": 1}}
    page = client.get("/").content.decode()
    assert f'href="/dispatch/rounds/{due_soon.pk}/departments/{departments["市海渔局"].pk}/"' in page
    assert f'href="/dispatch/rounds/{overdue.pk}/departments/{departments["市海渔局"].pk}/"' in page
    assert "已逾期 1 天" in page and "还有 2 天" in page
    assert "用户账号" not in page  # the reference-data figures are the administrator's, not everyone's


def test_a_reporter_with_everything_handed_in_has_nothing_to_do(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger, due_date=timezone.localdate())
    reporter = make_reporter(departments["市生态环境局"])
    report_all(reporting_round, departments["市生态环境局"], ["5"], actor=reporter)

    client = page_client(reporter)
    assert _counts(client) == {"调度填报": {"to_fill": 0, "returned": 0, "due_soon": 0, "overdue": 0}}
    assert "本单位目前没有待办的填报。" in client.get("/").content.decode()


def test_a_dispatchers_home_lists_reviews_overdue_units_and_open_objections(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    today = timezone.localdate()
    reporting_round = make_round(ledger, due_date=today - datetime.timedelta(days=3))
    reporter = make_reporter(departments["市生态环境局"])
    report_all(reporting_round, departments["市生态环境局"], ["5"], actor=reporter)
    objection_file(actor=reporter, reporting_round=reporting_round, department=departments["市生态环境局"],
                   text="岸线数据口径不同")
    office = make_office(shandong["weifang"])

    client = page_client(office)
    assert _counts(client) == {"调度督办": {"to_review": 1, "overdue": 2, "objections": 1, "cards": 0}}
    page = client.get("/").content.decode()
    assert f'href="/dispatch/rounds/{reporting_round.pk}/departments/{departments["市生态环境局"].pk}/"' in page
    assert f'href="/dispatch/rounds/{reporting_round.pk}/ranking/#objections"' in page
    assert "未报 1/1 项" in page and "未报 2/2 项" in page  # 市发改委 and 市海渔局, three days late

    # Another city's office sees none of it.
    qingdao_office = make_user(make_department(shandong["qingdao"], "调度办"), Role.DISPATCHER)
    assert _counts(page_client(qingdao_office)) == {
        "调度督办": {"to_review": 0, "overdue": 0, "objections": 0, "cards": 0}
    }


def test_viewers_and_administrators_get_a_summary_of_their_scope(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger, due_date=timezone.localdate() - datetime.timedelta(days=1))
    report_all(reporting_round, departments["市生态环境局"], ["5"])
    viewer = make_user(make_department(shandong["weifang"], "市政府办"), Role.VIEWER)
    admin = make_user(make_department(shandong["province"], "省厅"), Role.ADMIN)

    summary = {"open_rounds": 1, "handed_in": 1, "overdue": 2, "objections": 0}
    assert _counts(page_client(viewer)) == {"调度概况": summary}
    # The administrator also sees the reference data kept (orgs' and users' panels): all of Shandong here.
    assert _counts(page_client(admin)) == {
        "调度概况": summary, "基础数据": {"regions": 5, "departments": 5}, "用户账号": {"users": 2}
    }
    qingdao_viewer = make_user(make_department(shandong["qingdao"], "市政府办"), Role.VIEWER)
    assert _counts(page_client(qingdao_viewer)) == {
        "调度概况": {"open_rounds": 0, "handed_in": 0, "overdue": 0, "objections": 0}
    }


def test_the_home_page_query_count_does_not_grow_with_rounds(
    shandong: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    ledger, _departments = make_published_ledger(shandong["weifang"])
    make_round(ledger)
    make_round(ledger, NOVEMBER)
    office = make_office(shandong["weifang"])
    client = page_client(office)
    with django_assert_max_num_queries(12):
        client.get("/")
