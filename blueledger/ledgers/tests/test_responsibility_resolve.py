"""Mapping a written department name to a department, optionally remembered as an alias for next time."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from blueledger.core.testing import make_department, make_user
from blueledger.ledgers import services
from blueledger.ledgers.models import TaskResponsibility
from blueledger.ledgers.tests.factories import make_ledger, make_plan_departments
from blueledger.orgs.models import DepartmentAlias
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def unknown(shandong: dict[str, Any]) -> dict[str, Any]:
    make_plan_departments(shandong["weifang"])
    target = make_department(shandong["weifang"], "市未来产业局")
    ledger = make_ledger(shandong["weifang"])
    responsibility = TaskResponsibility.objects.get(task__ledger=ledger, written_name="市未知局")
    return {"ledger": ledger, "responsibility": responsibility, "department": target}


def test_resolve_with_remember_alias_creates_the_alias(unknown: dict[str, Any], shandong: dict[str, Any]) -> None:
    admin = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN)
    services.responsibility_resolve(
        actor=admin, responsibility=unknown["responsibility"], department=unknown["department"], remember_alias=True
    )
    unknown["responsibility"].refresh_from_db()
    assert unknown["responsibility"].department == unknown["department"]
    alias = DepartmentAlias.objects.get(alias="市未知局")
    assert (alias.department, alias.region) == (unknown["department"], shandong["weifang"])
    assert alias.history.get().history_user == admin
    latest, previous = unknown["responsibility"].history.all()[:2]
    assert (latest.history_user, latest.history_change_reason) == (admin, "“市未知局”指定为潍坊市市未来产业局")
    assert previous.department_id is None

    next_ledger = make_ledger(shandong["weifang"], text="第二份\n\n一、任务\n(牵头单位:市未知局)\n", filename="2.txt")
    assert TaskResponsibility.objects.get(task__ledger=next_ledger).department == unknown["department"]


def test_resolve_without_alias_writes_no_alias(unknown: dict[str, Any], shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["weifang"], "市调度办"), Role.DISPATCHER)
    services.responsibility_resolve(
        actor=dispatcher, responsibility=unknown["responsibility"], department=unknown["department"],
        remember_alias=False,
    )
    unknown["responsibility"].refresh_from_db()
    assert unknown["responsibility"].department == unknown["department"]
    assert not DepartmentAlias.objects.exists()


def test_dispatcher_of_the_region_remembers_an_alias(unknown: dict[str, Any], shandong: dict[str, Any]) -> None:
    dispatcher = make_user(make_department(shandong["weifang"], "市调度办"), Role.DISPATCHER)
    services.ledger_name_resolve(
        actor=dispatcher, ledger=unknown["ledger"], written_name="市未知局", department=unknown["department"],
        remember_alias=True,
    )
    unknown["responsibility"].refresh_from_db()
    assert unknown["responsibility"].department == unknown["department"]
    alias = DepartmentAlias.objects.get()
    assert (alias.alias, alias.department) == ("市未知局", unknown["department"])
    assert alias.history.get().history_user == dispatcher


def test_dispatcher_of_another_city_cannot_remember_an_alias_and_nothing_is_resolved(
    unknown: dict[str, Any], shandong: dict[str, Any]
) -> None:
    dispatcher = make_user(make_department(shandong["qingdao"], "市调度办"), Role.DISPATCHER)
    with pytest.raises((PermissionDenied, Http404)):
        services.ledger_name_resolve(
            actor=dispatcher, ledger=unknown["ledger"], written_name="市未知局", department=unknown["department"],
            remember_alias=True,
        )
    unknown["responsibility"].refresh_from_db()
    assert unknown["responsibility"].department is None
    assert not DepartmentAlias.objects.exists()


def test_department_of_another_city_is_refused(unknown: dict[str, Any], shandong: dict[str, Any]) -> None:
    qingdao_department = make_department(shandong["qingdao"], "市发改委")
    with pytest.raises(ValidationError) as refused:
        services.responsibility_resolve(
            actor=None, responsibility=unknown["responsibility"], department=qingdao_department, remember_alias=False
        )
    assert refused.value.messages == ["“市发改委”不属于潍坊市或其上级区划。"]
    unknown["responsibility"].refresh_from_db()
    assert unknown["responsibility"].department is None
