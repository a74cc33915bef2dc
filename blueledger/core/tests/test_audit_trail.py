"""A change by user A shows A, the time and the value before, on the record's history tab and in the rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from blueledger.core.history import history_entries
from blueledger.core.testing import make_department, make_user
from blueledger.orgs import services
from blueledger.orgs.models import DepartmentAlias
from blueledger.users.choices import Role


def test_service_change_records_actor_time_and_values(shandong: dict[str, Any]) -> None:
    department = make_department(shandong["qingdao"], "市发改委", name="青岛市发展和改革委员会")
    admin = make_user(department, Role.ADMIN, "zhang")
    admin.display_name = "张管理"
    admin.save()
    before = timezone.now()

    services.department_update(actor=admin, department=department, reason="机构改革", short_name="市发展改革委")

    latest = department.history.first()
    assert latest.history_user == admin
    assert latest.history_type == "~"
    assert latest.history_change_reason == "机构改革"
    assert before <= latest.history_date <= timezone.now() + timedelta(seconds=1)
    entry = history_entries(department)[0]
    assert (entry.who, entry.kind, entry.reason) == ("张管理", "修改", "机构改革")
    assert [(c.label, c.before, c.after) for c in entry.changes] == [("简称", "市发改委", "市发展改革委")]


def test_history_tab_shows_who_and_old_value_after_a_page_edit(shandong: dict[str, Any]) -> None:
    department = make_department(shandong["qingdao"], "市科技局", name="青岛市科学技术局")
    admin = make_user(department, Role.ADMIN, "li")
    client = Client()
    client.force_login(admin)
    form = {"name": "青岛市科学技术局", "short_name": "市科技局", "kind": "bureau", "notes": "新备注", "reason": "补充"}
    assert client.post(f"/orgs/departments/{department.pk}/edit/", form).status_code == 302

    page = client.get(f"/orgs/departments/{department.pk}/?tab=history").content.decode()
    assert "li" in page
    assert "<del>—</del> → <ins>新备注</ins>" in page
    assert "补充" in page


def test_alias_removal_is_recorded_with_its_actor(shandong: dict[str, Any]) -> None:
    department = make_department(shandong["weifang"], "市海渔局", name="潍坊市海洋发展和渔业局")
    admin = make_user(department, Role.ADMIN)
    alias = services.department_alias_add(actor=admin, department=department, alias="海渔局")
    alias_id = alias.pk
    services.department_alias_remove(actor=admin, alias=alias, reason="重复")

    rows = list(DepartmentAlias.history.filter(id=alias_id).order_by("history_date"))
    assert [(row.history_type, row.history_user, row.alias) for row in rows] == [
        ("+", admin, "海渔局"),
        ("-", admin, "海渔局"),
    ]


def test_region_edit_by_an_admin_is_recorded_and_others_are_refused(shandong: dict[str, Any]) -> None:
    department = make_department(shandong["qingdao"], "市海洋发展局")
    admin = make_user(department, Role.ADMIN, "admin")
    dispatcher = make_user(department, Role.DISPATCHER, "dispatcher")
    form = {"short_name": "西海岸", "is_coastal": "on", "aliases": "西海岸新区、青岛西海岸新区", "reason": "通用简称"}

    refused = Client()
    refused.force_login(dispatcher)
    assert refused.post("/orgs/regions/370211/edit/", form).status_code == 403
    shandong["huangdao"].refresh_from_db()
    assert shandong["huangdao"].short_name == "黄岛区"[:-1]

    client = Client()
    client.force_login(admin)
    assert client.post("/orgs/regions/370211/edit/", form).status_code == 302
    shandong["huangdao"].refresh_from_db()
    assert shandong["huangdao"].aliases == ["西海岸新区", "青岛西海岸新区"]
    entry = history_entries(shandong["huangdao"])[0]
    assert (entry.who, entry.reason) == ("admin", "通用简称")
    assert ("简称", "黄岛", "西海岸") in [(c.label, c.before, c.after) for c in entry.changes]

