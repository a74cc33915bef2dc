"""A closed round's settings are locked: only a correction with a reason changes them; reopening a closed round
is for administrators and needs a reason. Both reasons are kept in the history and shown on the round's page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.racing import page_messages
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.services.rounds import round_close, round_reopen, round_settings_update
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round
from blueledger.users.choices import Role

WEIGHTS = {"binding": Decimal(3), "strive": Decimal(1), "try": Decimal(1), "none": Decimal(1)}


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, _ = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    round_close(actor=None, reporting_round=reporting_round)
    admin = make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin")
    return {"round": reporting_round, "office": make_office(shandong["weifang"]), "admin": admin}


def _update(world: dict[str, Any], reason: str) -> None:
    round_settings_update(actor=world["office"], reporting_round=world["round"], hardness_weights=WEIGHTS,
                          tolerance_share=Decimal("0.1"), severe_lag_points=Decimal(30), correction_reason=reason)


def test_settings_of_a_closed_round_change_only_with_a_reason(world: dict[str, Any]) -> None:
    reporting_round = world["round"]
    with pytest.raises(ValidationError, match="本轮已截止, 计分权重和阈值已锁定, 本次设置未保存"):
        _update(world, "  ")
    reporting_round.refresh_from_db()
    assert (reporting_round.tolerance_share, reporting_round.hardness_weights["binding"]) == (Decimal("0.05"), "2")

    _update(world, "市政府要求确保类按3倍计分")

    reporting_round.refresh_from_db()
    assert (reporting_round.tolerance_share, reporting_round.hardness_weights["binding"]) == (Decimal("0.1"), "3")
    latest = reporting_round.history.latest()  # type: ignore[attr-defined]
    assert (latest.history_user, latest.history_change_reason) == (world["office"],
                                                                   "更正计分设置: 市政府要求确保类按3倍计分")
    page = page_client(world["office"]).get(f"/dispatch/rounds/{reporting_round.pk}/").content.decode()
    assert "更正计分设置: 市政府要求确保类按3倍计分" in page


def test_the_settings_page_refuses_an_edit_without_a_reason(world: dict[str, Any]) -> None:
    form = {"binding": "3", "strive": "1", "try_": "1", "none": "1", "tolerance_share": "0.1",
            "severe_lag_points": "30"}
    response = page_client(world["office"]).post(f"/dispatch/rounds/{world['round'].pk}/settings/", form, follow=True)
    assert page_messages(response.content.decode()) == [
        "本轮已截止, 计分权重和阈值已锁定, 本次设置未保存; 如需更正, 请填写更正理由。"
    ]


def test_reopening_needs_an_administrator_and_a_reason(world: dict[str, Any]) -> None:
    reporting_round = world["round"]
    with pytest.raises(PermissionDenied):
        round_reopen(actor=world["office"], reporting_round=reporting_round, reason="数据有误")
    with pytest.raises(ValidationError, match="须填写理由"):
        round_reopen(actor=world["admin"], reporting_round=reporting_round, reason=" ")

    response = page_client(world["admin"]).post(f"/dispatch/rounds/{reporting_round.pk}/reopen/",
                                                {"reason": "市海渔局报送数字有误, 重新报送"}, follow=True)

    reporting_round.refresh_from_db()
    assert (reporting_round.status, reporting_round.closed_at) == (RoundStatus.OPEN, None)
    latest = reporting_round.history.latest()  # type: ignore[attr-defined]
    assert (latest.history_user, latest.history_change_reason) == (world["admin"],
                                                                   "重新开放: 市海渔局报送数字有误, 重新报送")
    page = response.content.decode()
    assert page_messages(page) == [f"已重新开放“{reporting_round.title}”。"]
    assert "重新开放: 市海渔局报送数字有误, 重新报送" in page
    assert page_client(world["office"]).post(f"/dispatch/rounds/{reporting_round.pk}/reopen/",
                                             {"reason": "x"}).status_code == 403
