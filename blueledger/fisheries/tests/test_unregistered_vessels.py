"""三无船舶 records: registered and updated through the pages within the user's scope, with history; the list
shows only the scope."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blueledger.core.testing import form_values, make_department, make_user, page_client
from blueledger.fisheries import services
from blueledger.fisheries.models import UnregisteredVessel
from blueledger.users.choices import Role


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    return {**shandong, "dispatcher": make_user(make_department(shandong["qingdao"]), Role.DISPATCHER),
            "viewer": make_user(make_department(shandong["qingdao"]), Role.VIEWER)}


def test_a_record_is_registered_then_its_disposal_recorded(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    response = client.post(reverse("fisheries:unregistered_vessel_create"), {
        "region": world["huangdao"].pk, "found_on": "2026-05-02", "place": "红岛渔港",
        "description": "木质小船, 无船名\r\n挂桨机 1 台", "disposal": "", "reason": "巡查发现"})
    record = UnregisteredVessel.objects.get()
    assert response["Location"] == reverse("fisheries:unregistered_vessel_detail", args=[record.pk])
    assert (record.found_on, record.description) == (datetime.date(2026, 5, 2), "木质小船, 无船名\n挂桨机 1 台")

    url = reverse("fisheries:unregistered_vessel_edit", args=[record.pk])
    values = form_values(client.get(url).content.decode())
    values.update(disposal="已没收, 移交海警", reason="处置")
    assert client.post(url, values).status_code == 302

    record.refresh_from_db()
    assert record.disposal == "已没收, 移交海警"
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in record.history.all()] == [
        ("~", world["dispatcher"], "处置"), ("+", world["dispatcher"], "巡查发现")]
    history = client.get(url.replace("edit/", "?tab=history")).content.decode()
    assert "已没收, 移交海警" in history


def test_blank_place_and_a_future_date_are_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        services.unregistered_vessel_create(actor=world["dispatcher"], region=world["qingdao"],
                                            found_on=datetime.date(2999, 1, 1), place=" ", description="小船")
    assert error.value.messages == ["发现地点不能为空。", "发现日期 2999-01-01 晚于今天。"]
    assert UnregisteredVessel.objects.count() == 0


def test_scope_and_roles(world: dict[str, Any]) -> None:
    ours = services.unregistered_vessel_create(actor=None, region=world["qingdao"], found_on=datetime.date(2026, 5, 1),
                                               place="沙子口", description="泡沫船")
    theirs = services.unregistered_vessel_create(actor=None, region=world["weifang"],
                                                 found_on=datetime.date(2026, 5, 1), place="寒亭", description="小船")
    viewer = page_client(world["viewer"])
    body = viewer.get(reverse("fisheries:unregistered_vessel_list")).content.decode()
    assert "沙子口" in body and "寒亭" not in body and "登记三无船舶" not in body
    assert viewer.get(reverse("fisheries:unregistered_vessel_detail", args=[theirs.pk])).status_code == 404
    assert viewer.get(reverse("fisheries:unregistered_vessel_edit", args=[ours.pk])).status_code == 403
    assert viewer.post(reverse("fisheries:unregistered_vessel_create"), {}).status_code == 403
