"""延期申请: a reporter of the department answering for a task or target asks for a later deadline with a
reason; the dispatcher approves (the deadline moves, with who, when and the date before in its history) or
refuses with a comment; a decided request is not decided again, and the loser of a race is told."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_reporter
from blueledger.ledgers import selectors, services
from blueledger.ledgers.models import DeadlineExtension, LedgerQuantity, LedgerTask

pytestmark = pytest.mark.django_db

DEC_31 = datetime.date(2025, 12, 31)
MAR_31 = datetime.date(2099, 3, 31)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    LedgerQuantity.objects.filter(ledger=ledger).update(deadline=DEC_31)
    return {
        "ledger": ledger,
        "office": make_office(shandong["weifang"]),
        "fishery": make_reporter(departments["市海渔局"], "fishery"),
        "ecology": make_reporter(departments["市生态环境局"], "ecology"),
        "departments": departments,
    }


def _target(world: dict[str, Any], unit: str) -> LedgerQuantity:
    return LedgerQuantity.objects.get(ledger=world["ledger"], unit=unit)


def test_an_approved_request_moves_the_deadline_with_history(world: dict[str, Any]) -> None:
    harbours = _target(world, "个")  # 市海渔局 leads it
    extension = services.extension_request(actor=world["fishery"], quantity=harbours, deadline=MAR_31,
                                           reason="用海审批延后")
    assert (extension.status, extension.deadline_before, extension.department) == (
        "pending", DEC_31, world["departments"]["市海渔局"])
    assert list(selectors.pending_extensions(user=world["office"])) == [extension]

    services.extension_decide(actor=world["office"], extension=extension, approve=True, comment="同意")

    harbours.refresh_from_db()
    extension.refresh_from_db()
    assert harbours.deadline == MAR_31
    assert (extension.status, extension.decision_comment, extension.decided_by) == ("approved", "同意",
                                                                                    world["office"])
    latest = harbours.history.first()
    assert (latest.history_user, latest.history_change_reason) == (world["office"],
                                                                   "批准延期申请 (市海渔局): 用海审批延后")
    assert (latest.deadline, extension.deadline_before) == (MAR_31, DEC_31)
    assert list(selectors.pending_extensions(user=world["office"])) == []


def test_a_refusal_needs_a_reason_and_leaves_the_deadline(world: dict[str, Any]) -> None:
    coast = _target(world, "公里")
    extension = services.extension_request(actor=world["ecology"], quantity=coast, deadline=MAR_31, reason="天气")

    with pytest.raises(ValidationError) as blank:
        services.extension_decide(actor=world["office"], extension=extension, approve=False)
    services.extension_decide(actor=world["office"], extension=extension, approve=False, comment="按期完成")

    assert blank.value.messages == ["请填写不批准的理由。"]
    coast.refresh_from_db()
    extension.refresh_from_db()
    assert (coast.deadline, extension.status, extension.decision_comment) == (DEC_31, "refused", "按期完成")


def test_a_decided_request_is_not_decided_again(world: dict[str, Any]) -> None:
    extension = services.extension_request(actor=world["ecology"], quantity=_target(world, "公里"),
                                           deadline=MAR_31, reason="天气")
    stale = DeadlineExtension.objects.get(pk=extension.pk)
    services.extension_decide(actor=world["office"], extension=extension, approve=False, comment="按期完成")

    with pytest.raises(ValidationError) as refused:
        services.extension_decide(actor=world["office"], extension=stale, approve=True)

    assert refused.value.messages[0].startswith("该延期申请已于 ")
    assert refused.value.messages[0].endswith(" 由office审批 (未批准), 不能再次审批。")
    assert _target(world, "公里").deadline == DEC_31


def test_a_task_deadline_is_extended_too(world: dict[str, Any]) -> None:
    task = LedgerTask.objects.get(ledger=world["ledger"], key="二")
    extension = services.extension_request(actor=world["ecology"], task=task, deadline=MAR_31, reason="资金未到位")
    services.extension_decide(actor=world["office"], extension=extension, approve=True)
    task.refresh_from_db()
    assert task.deadline == MAR_31


def test_only_a_reporter_of_the_item_may_ask(world: dict[str, Any]) -> None:
    coast = _target(world, "公里")  # 市生态环境局's, not 市海渔局's
    with pytest.raises(PermissionDenied, match="只有该事项责任单位的填报员可以申请延期"):
        services.extension_request(actor=world["fishery"], quantity=coast, deadline=MAR_31, reason="天气")
    with pytest.raises(PermissionDenied):
        services.extension_request(actor=world["office"], quantity=coast, deadline=MAR_31, reason="天气")
    assert not DeadlineExtension.objects.exists()


def test_refusals_before_a_request_is_made(world: dict[str, Any]) -> None:
    coast = _target(world, "公里")
    with pytest.raises(ValidationError) as earlier:
        services.extension_request(actor=world["ecology"], quantity=coast, deadline=DEC_31, reason="天气")
    services.extension_request(actor=world["ecology"], quantity=coast, deadline=MAR_31, reason="天气")
    with pytest.raises(ValidationError) as waiting:
        services.extension_request(actor=world["ecology"], quantity=coast, deadline=MAR_31, reason="再申请")
    services.item_close(actor=world["office"], task=LedgerTask.objects.get(ledger=world["ledger"], key="二"),
                        note="完成")
    with pytest.raises(ValidationError) as closed:
        services.extension_request(actor=world["ecology"], task=coast.task, deadline=MAR_31, reason="天气")

    assert earlier.value.messages == ["申请延至的日期须晚于现在的完成时限 2025-12-31。"]
    assert waiting.value.messages[0].endswith("提出的延期申请 (延至 2099-03-31) 尚待审批, 请等审批后再申请。")
    assert closed.value.messages == ["任务 二已办结, 不能申请延期。"]
    assert DeadlineExtension.objects.count() == 1
