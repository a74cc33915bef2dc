"""State changes of a round under concurrency, with real HTTP from several threads against the live server:
one close of three, one submission of two, one return of two, and no report landing in a closed round.
Every loser gets a Chinese message, never a 500. Each race runs a few trials (one round each)."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal
from functools import partial
from typing import Any

import pytest

from blueledger.core.racing import Answer, LiveSession, at_once, page_messages
from blueledger.core.testing import TEST_PASSWORD, make_user
from blueledger.dispatch.choices import ReportStatus, RoundStatus
from blueledger.dispatch.models import Report, ReportingRound
from blueledger.dispatch.services.reports import reports_return
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, report_all, slots_of
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

pytestmark = [pytest.mark.concurrent, pytest.mark.django_db(transaction=True)]

TRIALS = 3
PERIODS = [
    (datetime.date(2025, month, 1), datetime.date(2025, month, 28)) for month in range(1, TRIALS + 1)
]

SUBMIT_DELAYS_SECONDS = [0, 0.002, 0.004, 0.007, 0.01, 0.02]


@pytest.fixture
def world(shandong: dict[str, Any], live_server: Any) -> dict[str, Any]:
    weifang = shandong["weifang"]
    ledger, departments = make_published_ledger(weifang)
    office = Department.objects.create(region=weifang, name="潍坊市调度办", short_name="调度办")
    haiyu = departments["市海渔局"]
    rounds = [make_round(ledger, period) for period in PERIODS]
    return {
        "url": live_server.url,
        "rounds": rounds,
        "haiyu": haiyu,
        "dispatchers": [make_user(office, Role.DISPATCHER, f"office{n}") for n in range(3)],
        "reporters": [make_reporter(haiyu, f"haiyu{n}") for n in range(2)],
    }


def _sessions(world: dict[str, Any], key: str) -> list[LiveSession]:
    return [LiveSession(world["url"], user.username, TEST_PASSWORD) for user in world[key]]


def _report_form(reporting_round: ReportingRound, department: Department, values: list[str]) -> dict[str, str]:
    form = {"action": "submit"}
    for slot, value in zip(slots_of(reporting_round, department), values, strict=True):
        form[f"value_{slot.pk}"] = value
        form[f"progress_{slot.pk}"] = f"进展{value}"
    return form


def _department_path(reporting_round: ReportingRound, department: Department) -> str:
    return f"/dispatch/rounds/{reporting_round.pk}/departments/{department.pk}/"


def _history_count(reporting_round: ReportingRound, model: Any, reason: str) -> int:
    if model is ReportingRound:
        return reporting_round.history.filter(history_change_reason=reason).count()  # type: ignore[attr-defined]
    return Report.history.filter(slot__round=reporting_round, history_change_reason=reason).count()  # type: ignore[attr-defined]


def test_three_dispatchers_closing_one_round_close_it_once(world: dict[str, Any]) -> None:
    sessions = _sessions(world, "dispatchers")
    for reporting_round in world["rounds"]:
        path = f"/dispatch/rounds/{reporting_round.pk}/close/"
        answers = at_once(*[partial(session.post, path, {"confirm": "1"}) for session in sessions])

        assert [a.status for a in answers] == [200, 200, 200]
        messages = sorted(m for a in answers for m in page_messages(a.text))
        assert len(messages) == 3
        assert messages[0] == f"“{reporting_round.title}”已截止。"
        assert all(m.startswith("本轮已截止: ") and m.endswith("截止, 无需再次截止。") for m in messages[1:]), messages
        reporting_round.refresh_from_db()
        assert reporting_round.status == RoundStatus.CLOSED
        assert _history_count(reporting_round, ReportingRound, "调度截止") == 1


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_two_reporters_submitting_one_department_hand_in_once(world: dict[str, Any], state: str) -> None:
    haiyu, (first, second) = world["haiyu"], world["reporters"]
    sessions = _sessions(world, "reporters")
    for reporting_round in world["rounds"]:
        report_all(reporting_round, haiyu, ["100", "1"], submit=state == "returned", actor=first)
        if state == "returned":
            reports_return(actor=None, reporting_round=reporting_round, department=haiyu, comment="请核实")
        path = _department_path(reporting_round, haiyu)
        values = (["120", "2"], ["130", "3"])
        answers = at_once(*[partial(session.post, path, _report_form(reporting_round, haiyu, v))
                            for session, v in zip(sessions, values, strict=True)])

        assert sorted(a.status for a in answers) == [200, 400], [a.status for a in answers]
        winner = 0 if answers[0].status == 200 else 1
        winner_user = (first, second)[winner]
        assert page_messages(answers[winner].text) == ["已报送, 报送内容已锁定。"]
        assert page_messages(answers[1 - winner].text) == [
            f"“{slot.quantity.metric}”该报告已被他人提交({winner_user.username}), 本次填写未保存, 请刷新"
            for slot in slots_of(reporting_round, haiyu)
        ]
        latest = _latest(reporting_round)
        assert [(r.value, r.status, r.submitted_by) for r in latest] == [
            (Decimal(v), ReportStatus.SUBMITTED, winner_user) for v in values[winner]
        ]
        assert [r.version for r in latest] == ([1, 1] if state == "draft" else [2, 2])
        assert _history_count(reporting_round, Report, "报送") == (2 if state == "draft" else 4)


def _latest(reporting_round: ReportingRound) -> list[Report]:
    latest: dict[int, Report] = {}
    for report in Report.objects.filter(slot__round=reporting_round).select_related("submitted_by").order_by(
            "slot__position", "version"):
        latest[report.slot_id] = report
    return list(latest.values())


def test_a_report_submitted_while_the_round_closes_is_accepted_or_refused(world: dict[str, Any]) -> None:
    haiyu, reporter = world["haiyu"], world["reporters"][0]
    dispatcher, reporter_session = _sessions(world, "dispatchers")[0], _sessions(world, "reporters")[0]
    ledger = world["rounds"][0].ledger
    extra = [make_round(ledger, (datetime.date(2025, month, 1), datetime.date(2025, month, 28))) for month in (7, 8, 9)]
    outcomes = []
    # The close starts first and the submission arrives while it runs: when exactly depends on the machine,
    # so each trial waits a little longer.
    for reporting_round, delay_seconds in zip([*world["rounds"], *extra], SUBMIT_DELAYS_SECONDS, strict=True):
        report_all(reporting_round, haiyu, ["100", "1"], submit=False, actor=reporter)

        def submit_a_moment_later(reporting_round: ReportingRound = reporting_round,
                                  delay_seconds: float = delay_seconds) -> Answer:
            time.sleep(delay_seconds)
            return reporter_session.post(_department_path(reporting_round, haiyu),
                                         _report_form(reporting_round, haiyu, ["120", "2"]))

        closed, submitted = at_once(
            lambda r=reporting_round: dispatcher.post(f"/dispatch/rounds/{r.pk}/close/", {"confirm": "1"}),
            submit_a_moment_later,
        )

        assert closed.status == 200
        reporting_round.refresh_from_db()
        assert reporting_round.status == RoundStatus.CLOSED
        statuses = [r.status for r in _latest(reporting_round)]
        if submitted.status == 200:  # handed in before the close, and accepted by it
            assert statuses == [ReportStatus.ACCEPTED, ReportStatus.ACCEPTED]
            outcomes.append("accepted")
        else:
            assert submitted.status == 400
            assert page_messages(submitted.text) == [
                f"本轮已截止: “{reporting_round.title}”已截止, 不能再修改报送, 本次内容未保存。"
            ]
            assert statuses == [ReportStatus.DRAFT, ReportStatus.DRAFT]
            assert [r.value for r in _latest(reporting_round)] == [Decimal(100), Decimal(1)]
            outcomes.append("refused")
    assert len(outcomes) == len(SUBMIT_DELAYS_SECONDS)


def test_two_dispatchers_returning_one_department_return_it_once(world: dict[str, Any]) -> None:
    haiyu = world["haiyu"]
    sessions = _sessions(world, "dispatchers")[:2]
    for reporting_round in world["rounds"]:
        report_all(reporting_round, haiyu, ["100", "1"], actor=world["reporters"][0])
        path = f"/dispatch/rounds/{reporting_round.pk}/departments/{haiyu.pk}/return/"
        answers = at_once(*[partial(session.post, path, {"comment": f"请核实{n}"})
                            for n, session in enumerate(sessions)])

        assert [a.status for a in answers] == [200, 200]
        messages = sorted(m for a in answers for m in page_messages(a.text))
        assert messages == sorted([f"{haiyu}的报送已被退回(可能刚被他人退回), 无需再次退回, 请刷新。",
                                   f"已退回{haiyu}的报送。"])
        assert [r.status for r in _latest(reporting_round)] == [ReportStatus.RETURNED, ReportStatus.RETURNED]
        returns = Report.history.filter(  # type: ignore[attr-defined]
            slot__round=reporting_round, history_change_reason__startswith="退回: ").count()
        assert returns == 2
