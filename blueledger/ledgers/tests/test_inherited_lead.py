"""统一指定 and 沿用: a lead given to a parent task reaches the sub-tasks holding targets that name no lead of
their own (a sub-task naming only a support department included), by one rule in ledgers.selectors; the
published ledger shows the inherited lead as “沿用 X” on the page and in its Excel export, and the rounds
give those targets to the lead."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.models import ReportSlot
from blueledger.dispatch.tests.factories import make_round
from blueledger.ledgers import selectors, services
from blueledger.ledgers.models import LedgerTask
from blueledger.ledgers.selectors import EffectiveDepartment
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

PLAN = """潍坊市海洋发展和渔业局2025年工作要点

一、发展海洋经济
(一)壮大海洋产业。海洋生产总值确保达到1200亿元。
(二)建设渔港。力争新建渔港3个以上。(牵头单位:市发改委)
(三)发展远洋渔业。远洋渔船达到50艘。(配合单位:市交通局)
二、保护海洋生态
整治岸线不少于12.5公里。
"""


@pytest.fixture
def plan(shandong: dict[str, Any]) -> dict[str, Any]:
    weifang = shandong["weifang"]
    departments = {name: make_department(weifang, name) for name in ("市海渔局", "市发改委", "市交通局")}
    ledger = make_ledger(weifang, text=PLAN)
    office = make_user(make_department(weifang, "调度办"), Role.DISPATCHER, "office")
    return {"ledger": ledger, "office": office, **departments}


def _task(plan: dict[str, Any], key: str) -> LedgerTask:
    return LedgerTask.objects.get(ledger=plan["ledger"], key=key)


def test_a_task_naming_only_a_support_has_no_lead_until_one_is_given(plan: dict[str, Any]) -> None:
    ledger = plan["ledger"]
    assert [t.key for t in selectors.leaderless_target_tasks(ledger)] == ["一.(一)", "一.(三)", "二"]
    # 一.(三) has a department to report (its support): it is not unassigned, only leaderless.
    assert [t.key for t in selectors.unassigned_target_tasks(ledger)] == ["一.(一)", "二"]


def test_the_lead_of_a_parent_reaches_the_sub_tasks_without_a_lead_of_their_own(plan: dict[str, Any]) -> None:
    ledger = plan["ledger"]
    given = services.ledger_assign_unassigned(actor=plan["office"], ledger=ledger, department=plan["市海渔局"])

    assert [t.key for t in given] == ["一", "二"]
    effective = selectors.effective_departments(list(ledger.tasks.all()))
    parent = _task(plan, "一")
    bureau, reform, transport = plan["市海渔局"].pk, plan["市发改委"].pk, plan["市交通局"].pk
    assert effective[_task(plan, "一.(一)").pk] == [EffectiveDepartment(bureau, True, parent.pk)]
    assert effective[_task(plan, "一.(二)").pk] == [EffectiveDepartment(reform, True, None)]
    assert effective[_task(plan, "一.(三)").pk] == [EffectiveDepartment(bureau, True, parent.pk),
                                                   EffectiveDepartment(transport, False, None)]
    assert effective[parent.pk] == [EffectiveDepartment(bureau, True, None)]
    assert selectors.leaderless_target_tasks(ledger) == []
    # Only the parents got a record: the sub-tasks keep what the document says.
    own = _task(plan, "一.(三)").responsibilities.values_list("written_name", "role")
    assert list(own) == [("市交通局", "support")]


def test_the_rounds_give_inherited_targets_to_the_lead(plan: dict[str, Any]) -> None:
    services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["市海渔局"])
    services.ledger_publish(actor=plan["office"], ledger=plan["ledger"])

    reporting_round = make_round(plan["ledger"], actor=plan["office"])

    slots = ReportSlot.objects.filter(round=reporting_round).order_by("position")
    assert [(s.quantity.unit, s.department.short_name, s.is_lead) for s in slots] == [
        ("亿元", "市海渔局", True), ("个", "市发改委", True), ("艘", "市海渔局", True), ("艘", "市交通局", False),
        ("公里", "市海渔局", True),
    ]


def test_the_published_ledger_shows_and_exports_the_inherited_lead(plan: dict[str, Any]) -> None:
    services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["市海渔局"])
    services.ledger_publish(actor=plan["office"], ledger=plan["ledger"])
    client = Client()
    client.force_login(plan["office"])

    page = client.get(f"/ledgers/{plan['ledger'].pk}/").content.decode()

    row = page[page.index('<tr data-task="一.(三)">'):]
    row = row[:row.index("</tr>")]
    inherited = '<span class="inherited-lead" title="沿用上级任务 一 的牵头单位">沿用 市海渔局</span>'
    assert f'<td class="leads">{inherited}</td>' in row
    assert "<td>市交通局</td>" in row
    own = page[page.index('<tr data-task="一.(二)">'):]
    assert own[:own.index("</tr>")].count("沿用") == 0

    response = client.get(f"/ledgers/{plan['ledger'].pk}/export/")

    assert response["Content-Disposition"].endswith("''%E6%BD%8D%E5%9D%8A%E5%B8%82%E6%B5%B7%E6%B4%8B%E5%8F%91"
                                                    "%E5%B1%95%E5%92%8C%E6%B8%94%E4%B8%9A%E5%B1%802025%E5%B9%B4"
                                                    "%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9-%E5%8F%B0%E8%B4%A6.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows[0] == ("编号", "任务", "牵头单位", "配合单位", "指标", "目标", "单位", "完成时限", "状态")
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["一.(三)"][2:4] == ("沿用 市海渔局", "市交通局")
    assert by_key["一.(二)"][2] == "市发改委"
    assert by_key["一"][2] == "市海渔局"
    assert by_key["一.(一)"][4:7] == ("海洋生产总值", "等于 1200", "亿元")
