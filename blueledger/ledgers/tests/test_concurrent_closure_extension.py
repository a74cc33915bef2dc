"""办结 and the decision on a 延期申请 under concurrency, with real HTTP from several threads against the live
server: one closure of three, one decision of two; every loser gets a Chinese message, never a 500."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

import pytest

from blueledger.core.racing import LiveSession, at_once, page_messages
from blueledger.core.testing import TEST_PASSWORD, make_user
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter
from blueledger.ledgers.models import DeadlineExtension, ItemClosure, LedgerQuantity, LedgerTask
from blueledger.ledgers.services import extension_request
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

pytestmark = [pytest.mark.concurrent, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(shandong: dict[str, Any], live_server: Any) -> dict[str, Any]:
    weifang = shandong["weifang"]
    ledger, departments = make_published_ledger(weifang)
    office = Department.objects.create(region=weifang, name="潍坊市调度办", short_name="调度办")
    return {
        "url": live_server.url,
        "ledger": ledger,
        "dispatchers": [make_user(office, Role.DISPATCHER, f"office{n}") for n in range(3)],
        "reporter": make_reporter(departments["市海渔局"], "haiyu"),
    }


def _sessions(world: dict[str, Any]) -> list[LiveSession]:
    return [LiveSession(world["url"], user.username, TEST_PASSWORD) for user in world["dispatchers"]]


def test_three_dispatchers_closing_one_task_close_it_once(world: dict[str, Any]) -> None:
    sessions = _sessions(world)
    for key in ("一.(一)", "二"):
        task = LedgerTask.objects.get(ledger=world["ledger"], key=key)
        path = f"/ledgers/tasks/{task.pk}/close/"

        answers = at_once(*[partial(session.post, path, {"note": f"办结{n}"}) for n, session in enumerate(sessions)])

        assert [a.status for a in answers] == [200, 200, 200]
        messages = sorted(m for a in answers for m in page_messages(a.text))
        assert len(messages) == 3, messages
        won = [m for m in messages if m.endswith("已办结, 此后发起的调度不再要求报送。")]
        lost = [m for m in messages if m.endswith("无需再次办结。")]
        assert (len(won), len(lost)) == (1, 2), messages
        assert ItemClosure.objects.filter(task=task).count() == 1
        assert ItemClosure.history.filter(task_id=task.pk).count() == 1


def test_two_dispatchers_deciding_one_request_decide_it_once(world: dict[str, Any]) -> None:
    first, second = _sessions(world)[:2]
    for unit in ("个", "亿元"):
        quantity = LedgerQuantity.objects.get(ledger=world["ledger"], unit=unit)
        extension = extension_request(actor=world["reporter"], quantity=quantity,
                                      deadline=datetime.date(2099, 6, 30), reason="用海审批延后")
        path = f"/ledgers/extensions/{extension.pk}/decide/"

        answers = at_once(partial(first.post, path, {"decision": "approve", "comment": "同意"}),
                          partial(second.post, path, {"decision": "refuse", "comment": "不同意"}))

        assert [a.status for a in answers] == [200, 200]
        messages = [m for a in answers for m in page_messages(a.text)]
        assert len([m for m in messages if m.endswith("不能再次审批。")]) == 1, messages
        extension.refresh_from_db()
        quantity.refresh_from_db()
        assert extension.status in {"approved", "refused"}
        approved = extension.status == "approved"
        assert quantity.deadline == (datetime.date(2099, 6, 30) if approved else extension.deadline_before)
        assert DeadlineExtension.history.filter(id=extension.pk).count() == 2
