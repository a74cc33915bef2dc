"""Naming departments by hand during review: a bureau's own plan names none, and its targets must still reach
the reporting rounds. Added and removed by hand, or given to one lead for every task that lacks one."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.models import ReportSlot
from blueledger.dispatch.tests.factories import make_round
from blueledger.ledgers import selectors, services
from blueledger.ledgers.choices import ResponsibilityRole
from blueledger.ledgers.models import LedgerTask, TaskResponsibility
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

OWN_PLAN = """潍坊市海洋发展和渔业局2025年工作要点

一、发展海洋经济
(一)壮大海洋产业。海洋生产总值确保达到1200亿元。
(二)建设渔港。力争新建渔港3个以上。(牵头单位:市发改委)
二、保护海洋生态
整治岸线不少于12.5公里。
三、加强自身建设
开展业务培训。
"""


@pytest.fixture
def plan(shandong: dict[str, Any]) -> dict[str, Any]:
    weifang = shandong["weifang"]
    bureau = make_department(weifang, "市海渔局", name="潍坊市海洋发展和渔业局")
    reform = make_department(weifang, "市发改委")
    ledger = make_ledger(weifang, text=OWN_PLAN)
    office = make_user(make_department(weifang, "调度办"), Role.DISPATCHER, "office")
    return {"ledger": ledger, "bureau": bureau, "reform": reform, "office": office, "region": weifang}


def task(plan: dict[str, Any], key: str) -> LedgerTask:
    return LedgerTask.objects.get(ledger=plan["ledger"], key=key)


def test_the_tasks_whose_targets_nobody_reports_on_are_found(plan: dict[str, Any]) -> None:
    # 一.(二) names its lead; 三 has no target; 一.(一) and 二 have targets and nobody.
    assert [t.key for t in selectors.unassigned_target_tasks(plan["ledger"])] == ["一.(一)", "二"]


def test_the_issuer_is_found_as_a_department(plan: dict[str, Any]) -> None:
    assert selectors.issuer_department(plan["ledger"]) == plan["bureau"]


def test_one_lead_for_every_unassigned_task_goes_on_their_top_level_tasks(plan: dict[str, Any]) -> None:
    given = services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["bureau"])

    assert [t.key for t in given] == ["一", "二"]
    assert selectors.unassigned_target_tasks(plan["ledger"]) == []
    assert list(task(plan, "一.(二)").responsibilities.values_list("department__short_name", "role")) == [
        ("市发改委", ResponsibilityRole.LEAD)  # a task that names its own lead keeps it
    ]
    record = TaskResponsibility.objects.get(task=task(plan, "二"))
    assert (record.department, record.role, record.span_start) == (plan["bureau"], ResponsibilityRole.LEAD, None)
    history = record.history.get()
    assert (history.history_user, history.history_change_reason) == (
        plan["office"], "未写明牵头单位的任务统一由市海渔局牵头",
    )


def test_after_assignment_every_target_gets_its_slot_in_a_round(plan: dict[str, Any]) -> None:
    services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["bureau"])
    services.ledger_publish(actor=plan["office"], ledger=plan["ledger"])

    reporting_round = make_round(plan["ledger"], actor=plan["office"])

    slots = ReportSlot.objects.filter(round=reporting_round).order_by("position")
    assert [(s.quantity.unit, s.department.short_name) for s in slots] == [
        ("亿元", "市海渔局"), ("个", "市发改委"), ("公里", "市海渔局"),
    ]


def test_assigning_when_every_target_has_a_department_is_refused(plan: dict[str, Any]) -> None:
    services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["bureau"])

    with pytest.raises(ValidationError, match="每项目标都已有牵头单位"):
        services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["reform"])


def test_a_department_is_added_and_removed_by_hand_with_history(plan: dict[str, Any]) -> None:
    target_task = task(plan, "一.(一)")
    added = services.responsibility_add(
        actor=plan["office"], task=target_task, department=plan["reform"], role=ResponsibilityRole.SUPPORT
    )
    assert (added.written_name, added.get_role_display()) == ("市发改委", "配合")
    with pytest.raises(ValidationError, match=r"已是任务 一\.\(一\) 的责任单位"):
        services.responsibility_add(
            actor=plan["office"], task=target_task, department=plan["reform"], role=ResponsibilityRole.LEAD
        )

    added_id = added.pk
    services.responsibility_remove(actor=plan["office"], responsibility=added)

    assert not target_task.responsibilities.exists()
    deleted = TaskResponsibility.history.filter(id=added_id).order_by("-history_id").first()
    assert (deleted.history_type, deleted.history_user, deleted.department_id) == ("-", plan["office"],
                                                                                  plan["reform"].pk)


def test_a_department_of_another_city_is_refused(plan: dict[str, Any], shandong: dict[str, Any]) -> None:
    qingdao_bureau = make_department(shandong["qingdao"], "市海洋发展局")

    with pytest.raises(ValidationError, match="不属于潍坊市或其上级区划"):
        services.responsibility_add(actor=plan["office"], task=task(plan, "二"), department=qingdao_bureau,
                                    role=ResponsibilityRole.LEAD)
    assert not TaskResponsibility.objects.filter(department=qingdao_bureau).exists()


def test_a_published_ledger_is_not_reassigned(plan: dict[str, Any]) -> None:
    services.ledger_publish(actor=plan["office"], ledger=plan["ledger"])

    with pytest.raises(ValidationError, match="已发布"):
        services.ledger_assign_unassigned(actor=plan["office"], ledger=plan["ledger"], department=plan["bureau"])
    assert not TaskResponsibility.objects.filter(task=task(plan, "二")).exists()


def test_a_reporter_may_not_assign(plan: dict[str, Any]) -> None:
    reporter = make_user(plan["bureau"], Role.REPORTER, "reporter")

    with pytest.raises(PermissionDenied):
        services.responsibility_add(actor=reporter, task=task(plan, "二"), department=plan["bureau"],
                                    role=ResponsibilityRole.LEAD)
    client = Client()
    client.force_login(reporter)
    response = client.post(f"/ledgers/{plan['ledger'].pk}/assign/", {"department": plan["bureau"].pk})
    assert response.status_code == 403
    assert not TaskResponsibility.objects.filter(task=task(plan, "二")).exists()


def test_the_review_page_offers_the_issuer_as_lead_and_assigns_in_one_click(plan: dict[str, Any]) -> None:
    client = Client()
    client.force_login(plan["office"])
    page = client.get(f"/ledgers/{plan['ledger'].pk}/").content.decode()
    assert "2 项任务的目标没有牵头单位" in page
    assert f"<option value=\"{plan['bureau'].pk}\" selected>" in page

    response = client.post(f"/ledgers/{plan['ledger'].pk}/assign/", {"department": plan["bureau"].pk}, follow=True)

    assert "统一指定: 任务 一、二 由市海渔局牵头, 下级任务 一.(一) 沿用。" in response.content.decode()
    assert 'id="unassigned"' not in response.content.decode()


def test_the_task_page_adds_and_removes_a_department(plan: dict[str, Any]) -> None:
    client = Client()
    client.force_login(plan["office"])
    target_task = task(plan, "二")

    client.post(f"/ledgers/tasks/{target_task.pk}/responsibilities/",
                {"department": plan["bureau"].pk, "role": ResponsibilityRole.LEAD})
    record = target_task.responsibilities.get()
    page = client.get(f"/ledgers/tasks/{target_task.pk}/edit/").content.decode()
    assert "手工指定" in page and "市海渔局" in page
    client.post(f"/ledgers/responsibilities/{record.pk}/remove/")

    assert not target_task.responsibilities.exists()
