"""Form rounds assigned to units, districts and departments, reminded (催报) through core.reminders (site
notification, e-mail, the configured sender, one log row per attempt, once per department, kind and day, and
by `blueledger remind`), and reviewed: 审核通过 or 退回, each once."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from blueledger.core.models import Notification
from blueledger.core.reminders import ReminderChannel, ReminderKind, ReminderOutcome
from blueledger.core.testing import make_department, make_region, make_user, page_client
from blueledger.economy.choices import AssigneeKind, FormFrequency, SubmissionStatus
from blueledger.economy.models import FormAssignment, FormReminderLog
from blueledger.economy.services import (
    form_define,
    form_reminder_send,
    form_round_assign,
    form_round_open,
    submission_accept,
    submission_return,
    submission_save,
)
from blueledger.economy.tests.factories import make_unit
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db
DUE = datetime.date(2025, 10, 5)


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    huangdao_units = [make_unit(shandong["huangdao"]) for _ in range(2)]
    laoshan_unit = make_unit(shandong["laoshan"])
    form = form_define(actor=None, name="催报月报", frequency=FormFrequency.MONTH,
                       fields=[{"key": "revenue", "label": "营业收入", "unit": "万元"}])
    form_round = form_round_open(actor=None, form=form, region=shandong["qingdao"], year=2025, period=9,
                                 due_date=DUE, units=[])
    huangdao_office = make_department(shandong["huangdao"], "黄岛区海洋发展局", name="黄岛区海洋发展局")
    officer = make_user(huangdao_office, Role.DISPATCHER)
    officer.email, officer.phone = "hd@example.cn", "13800000000"
    officer.save()
    make_user(huangdao_office, Role.VIEWER)  # not reminded: cannot fill the form
    make_department(shandong["laoshan"], name="崂山区海洋发展局")  # no account: logged as 无接收人
    port = make_department(shandong["qingdao"], name="青岛市港航局")
    port_officer = make_user(port, Role.DISPATCHER)
    city_office = make_user(make_department(shandong["qingdao"], name="青岛市海洋发展局"), Role.DISPATCHER)
    return {**shandong, "round": form_round, "huangdao_units": huangdao_units, "laoshan_unit": laoshan_unit,
            "officer": officer, "port": port, "port_officer": port_officer, "city_office": city_office}


def test_assignment_to_districts_departments_and_units(world: dict[str, Any]) -> None:
    form_round = world["round"]
    created = form_round_assign(actor=world["city_office"], form_round=form_round, districts=[world["huangdao"]],
                                departments=[world["port"]], units=[world["laoshan_unit"]])
    assert [(a.kind, a.district, a.department, a.unit) for a in created] == [
        (AssigneeKind.UNIT, None, None, world["laoshan_unit"]),
        (AssigneeKind.DISTRICT, world["huangdao"], None, None),
        (AssigneeKind.DEPARTMENT, None, world["port"], None),
    ]
    assert set(form_round.units.all()) == {*world["huangdao_units"], world["laoshan_unit"]}
    assert created[1].history.get().history_change_reason == "分配报表: 区县"
    assert form_round_assign(actor=None, form_round=form_round, districts=[world["huangdao"]]) == []  # once


def test_assignment_outside_the_round_writes_nothing(world: dict[str, Any]) -> None:
    outsider = make_region("370703", "寒亭区", parent=world["weifang"])
    with pytest.raises(ValidationError) as error:
        form_round_assign(actor=None, form_round=world["round"], districts=[world["huangdao"], outsider])
    assert error.value.messages == ["不在青岛市范围内: 寒亭区"]
    assert not FormAssignment.objects.exists() and not world["round"].units.exists()


def test_reminders_go_to_the_departments_with_missing_units_once_a_day(world: dict[str, Any]) -> None:
    form_round = world["round"]
    form_round_assign(actor=None, form_round=form_round, districts=[world["huangdao"]], departments=[world["port"]],
                      units=[world["laoshan_unit"]])
    submission_save(actor=None, form_round=form_round, unit=world["huangdao_units"][0], written={"revenue": "10"})
    today = datetime.date(2025, 10, 3)
    logs = form_reminder_send(actor=world["city_office"], form_round=form_round, kind=ReminderKind.MANUAL,
                              today=today)
    rows = sorted((log.department.name, log.missing, log.channel, log.outcome, log.address) for log in logs)
    assert rows == [
        ("崂山区海洋发展局", 1, ReminderChannel.SITE, ReminderOutcome.NO_RECIPIENT, ""),
        ("青岛市港航局", 2, ReminderChannel.SITE, ReminderOutcome.SENT, world["port_officer"].username),
        ("黄岛区海洋发展局", 1, ReminderChannel.EMAIL, ReminderOutcome.SENT, "hd@example.cn"),
        ("黄岛区海洋发展局", 1, ReminderChannel.EXTERNAL, ReminderOutcome.SENT, "13800000000"),
        ("黄岛区海洋发展局", 1, ReminderChannel.SITE, ReminderOutcome.SENT, world["officer"].username),
    ]
    assert all(log.sent_by == world["city_office"] and log.day == today for log in logs)
    notification = Notification.objects.get(user=world["officer"])
    assert notification.title == "催报: 催报月报 2025年9月"
    assert notification.body == ("黄岛区海洋发展局负责的统计单位中尚有 1 家未报送“催报月报”2025年9月, "
                                 "报送截止 2025年10月5日 (还有 2 天截止)。请尽快填报。")
    assert notification.url == f"/economy/forms/{form_round.pk}/"
    assert [m.to for m in mail.outbox] == [["hd@example.cn"]]
    assert form_reminder_send(actor=None, form_round=form_round, kind=ReminderKind.MANUAL, today=today) == []
    assert FormReminderLog.objects.count() == 5


def test_remind_command_sends_overdue_reminders_once(world: dict[str, Any]) -> None:
    form_round_assign(actor=None, form_round=world["round"], districts=[world["huangdao"]])
    out = StringIO()
    call_command("remind", "--date", "2025-10-07", stdout=out)
    assert out.getvalue().splitlines()[-1] == "报表催报: 提醒 1 个单位, 今日已提醒过 0 个, 写入记录 3 条。"
    assert set(FormReminderLog.objects.values_list("kind", "missing")) == {(ReminderKind.OVERDUE, 2)}
    out = StringIO()
    call_command("remind", "--date", "2025-10-07", stdout=out)
    assert out.getvalue().splitlines()[-1] == "报表催报: 提醒 0 个单位, 今日已提醒过 1 个, 写入记录 0 条。"
    assert FormReminderLog.objects.count() == 3


def test_review_accepts_or_returns_once(world: dict[str, Any]) -> None:
    form_round = world["round"]
    form_round_assign(actor=None, form_round=form_round, districts=[world["huangdao"]])
    first, second = (submission_save(actor=None, form_round=form_round, unit=unit, written={"revenue": "10"})
                     for unit in world["huangdao_units"])
    accepted = submission_accept(actor=world["officer"], submission=first)
    assert accepted.status == SubmissionStatus.ACCEPTED
    assert accepted.history.latest().history_change_reason == "审核通过"
    with pytest.raises(ValidationError) as error:
        submission_return(actor=world["officer"], submission=first, comment="数值有误")
    assert error.value.messages == ["该填报已被退回或审核, 请刷新后再操作。"]
    submission_return(actor=world["officer"], submission=second, comment="数值有误")
    with pytest.raises(ValidationError):
        submission_accept(actor=world["officer"], submission=second)
    client = page_client(world["city_office"])
    response = client.post(f"/economy/forms/{form_round.pk}/", {"remind": "1"}, follow=True)
    assert "没有需要催报的部门" in response.content.decode()  # everyone has submitted
    page = client.get(f"/economy/forms/{form_round.pk}/").content.decode()
    assert "区县: 黄岛区" in page
