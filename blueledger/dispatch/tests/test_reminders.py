"""催报: a dispatcher reminds a department, and the scheduled command reminds before the deadline and when
overdue; each reminder is a site notification, an e-mail and a message through the configured sender, every
attempt is logged, and nothing is sent twice for the same department, kind and day."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from blueledger.core.models import Notification
from blueledger.core.notify import SendFailed
from blueledger.core.reminders import ReminderChannel, ReminderKind, ReminderOutcome
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.models import ReminderLog
from blueledger.dispatch.services.reminders import reminder_send, reminders_run
from blueledger.dispatch.tests.factories import (
    NOVEMBER,
    make_office,
    make_published_ledger,
    make_reporter,
    make_round,
    report_all,
)
from blueledger.users.choices import Role


class RefusingSender:
    channel = "test-gateway"

    def send(self, *, user: Any, subject: str, body: str) -> str:
        raise SendFailed("网关拒绝: 余额不足")


def _reporters(department: Any) -> tuple[Any, Any]:
    with_mail = make_reporter(department, "li")
    with_mail.email = "li@example.gov.cn"
    with_mail.save()
    with_phone = make_reporter(department, "zhou")
    with_phone.phone = "13800000000"
    with_phone.save()
    return with_mail, with_phone


def test_the_office_reminds_a_department_once_a_day_by_every_channel(
    shandong: dict[str, Any], capsys: Any
) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    today = timezone.localdate()
    reporting_round = make_round(ledger, due_date=today + datetime.timedelta(days=1))
    fisheries = departments["市海渔局"]
    with_mail, _with_phone = _reporters(fisheries)
    office = make_office(shandong["weifang"])

    logs = reminder_send(actor=office, reporting_round=reporting_round, department=fisheries,
                         kind=ReminderKind.MANUAL)

    assert sorted((log.recipient.username, log.channel, log.outcome) for log in logs) == [
        ("li", ReminderChannel.EMAIL, ReminderOutcome.SENT),
        ("li", ReminderChannel.SITE, ReminderOutcome.SENT),
        ("zhou", ReminderChannel.EXTERNAL, ReminderOutcome.SENT),
        ("zhou", ReminderChannel.SITE, ReminderOutcome.SENT),
    ]
    assert {(log.sent_by, log.kind, log.day, log.missing) for log in ReminderLog.objects.all()} == {
        (office, ReminderKind.MANUAL, today, 2)
    }
    body = (f"市海渔局在“{ledger.title} · {reporting_round.title}”中尚有 2 项未报送, "
            f"报送截止 {reporting_round.due_date:%Y年%-m月%-d日} (还有 1 天截止)。请尽快填报。")
    (message,) = mail.outbox
    assert (message.subject, message.to) == (f"催报: {reporting_round.title}", ["li@example.gov.cn"])
    assert message.body == f"{body}\n/dispatch/rounds/{reporting_round.pk}/departments/{fisheries.pk}/"
    assert capsys.readouterr().out == f"[催报 → zhou 13800000000] 催报: {reporting_round.title}: {body}\n"
    assert Notification.objects.filter(user=with_mail, read_at__isnull=True).count() == 1
    assert ReminderLog.objects.get(channel=ReminderChannel.EXTERNAL).channel_name == "console"

    # The same kind the same day: nothing more is sent or logged.
    assert reminder_send(actor=office, reporting_round=reporting_round, department=fisheries,
                         kind=ReminderKind.MANUAL) == []
    assert (ReminderLog.objects.count(), len(mail.outbox), Notification.objects.count()) == (4, 1, 2)
    # Another day is another reminder.
    again = reminder_send(actor=office, reporting_round=reporting_round, department=fisheries,
                          kind=ReminderKind.MANUAL, today=today + datetime.timedelta(days=1))
    assert len(again) == 4


def test_the_bell_counts_unread_notifications_until_they_are_marked_read(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    reporter = make_reporter(departments["市生态环境局"])
    reminder_send(actor=None, reporting_round=reporting_round, department=departments["市生态环境局"],
                  kind=ReminderKind.MANUAL)
    client = page_client(reporter)
    assert 'hx-get="/notifications/count/"' in client.get("/").content.decode()
    assert client.get("/notifications/count/").content.decode() == '<span class="bell-count" id="bell-count">1</span>'
    page = client.get("/notifications/").content.decode()
    assert f"催报: {reporting_round.title}" in page and "全部标为已读" in page
    assert Notification.objects.get().read_at is None  # opening the list (GET) changes nothing
    later = Notification.objects.create(user=reporter, title="稍后到达")
    response = client.post("/notifications/", {"up_to": str(later.pk - 1)})
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert list(Notification.objects.filter(read_at__isnull=True)) == [later]  # not shown yet, still unread
    assert client.get("/notifications/count/").content.decode() == '<span class="bell-count" id="bell-count">1</span>'


def test_reminders_are_refused_to_others_and_for_departments_that_reported(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    reporter = make_reporter(departments["市生态环境局"])
    with pytest.raises(PermissionDenied):
        reminder_send(actor=reporter, reporting_round=reporting_round, department=departments["市海渔局"],
                      kind=ReminderKind.MANUAL)
    report_all(reporting_round, departments["市生态环境局"], ["5"])
    with pytest.raises(ValidationError, match="市生态环境局本轮已全部报送, 无需催报。"):
        reminder_send(actor=None, reporting_round=reporting_round, department=departments["市生态环境局"],
                      kind=ReminderKind.MANUAL)
    assert ReminderLog.objects.count() == 0
    url = f"/dispatch/rounds/{reporting_round.pk}/departments/{departments['市海渔局'].pk}/remind/"
    assert page_client(reporter).post(url).status_code == 403
    qingdao_office = make_user(make_department(shandong["qingdao"], "调度办"), Role.DISPATCHER)
    assert page_client(qingdao_office).post(url).status_code == 404
    assert ReminderLog.objects.count() == 0


def test_the_round_page_reminds_and_logs_a_department_without_reporters(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    client = page_client(make_office(shandong["weifang"]))
    page = client.get(f"/dispatch/rounds/{reporting_round.pk}/").content.decode()
    assert f'data-remind="{departments["市海渔局"].pk}"' in page
    response = client.post(
        f"/dispatch/rounds/{reporting_round.pk}/departments/{departments['市海渔局'].pk}/remind/", follow=True
    )
    assert "市海渔局没有填报员账号, 催报已记录但无人接收。" in response.content.decode()
    log = ReminderLog.objects.get()
    assert (log.channel, log.outcome, log.detail, log.recipient) == (
        ReminderChannel.SITE, ReminderOutcome.NO_RECIPIENT, "本单位没有填报员账号", None
    )
    assert "催报 " in client.get(f"/dispatch/rounds/{reporting_round.pk}/").content.decode()


def test_a_failing_sender_is_logged_as_failed(shandong: dict[str, Any], settings: Any) -> None:
    settings.NOTIFY_SENDER = f"{__name__}.RefusingSender"
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    _reporters(departments["市海渔局"])
    reminder_send(actor=None, reporting_round=reporting_round, department=departments["市海渔局"],
                  kind=ReminderKind.MANUAL)
    failed = ReminderLog.objects.get(outcome=ReminderOutcome.FAILED)
    assert (failed.channel, failed.channel_name, failed.address, failed.detail) == (
        ReminderChannel.EXTERNAL, "test-gateway", "13800000000", "网关拒绝: 余额不足"
    )
    assert ReminderLog.objects.filter(outcome=ReminderOutcome.SENT).count() == 3


def test_the_scheduled_command_reminds_before_the_deadline_and_when_overdue_once_a_day(
    shandong: dict[str, Any], capsys: Any
) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    today = timezone.localdate()
    due_soon = make_round(ledger, due_date=today + datetime.timedelta(days=3))
    overdue = make_round(ledger, NOVEMBER, due_date=today - datetime.timedelta(days=2))
    make_round(ledger, (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31)),
               due_date=today + datetime.timedelta(days=4))  # not yet: outside the 3 days
    report_all(due_soon, departments["市生态环境局"], ["5"])
    for department in departments.values():
        make_reporter(department)

    call_command("remind")
    assert capsys.readouterr().out == ("催报: 提醒 5 个单位, 今日已提醒过 0 个, 写入记录 5 条。\n"
                                       "报表催报: 提醒 0 个单位, 今日已提醒过 0 个, 写入记录 0 条。\n")
    assert sorted((log.round_id, log.department.short_name, log.kind) for log in ReminderLog.objects.all()) == sorted([
        (due_soon.pk, "市发改委", ReminderKind.BEFORE_DUE),
        (due_soon.pk, "市海渔局", ReminderKind.BEFORE_DUE),
        (overdue.pk, "市发改委", ReminderKind.OVERDUE),
        (overdue.pk, "市海渔局", ReminderKind.OVERDUE),
        (overdue.pk, "市生态环境局", ReminderKind.OVERDUE),
    ])
    assert {log.sent_by for log in ReminderLog.objects.all()} == {None}


def test_running_the_reminders_twice_a_day_sends_nothing_twice(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    today = timezone.localdate()
    make_round(ledger, due_date=today - datetime.timedelta(days=1))
    make_reporter(departments["市海渔局"])
    first = reminders_run()
    second = reminders_run()
    tomorrow = reminders_run(today=today + datetime.timedelta(days=1))
    assert (first.reminded, first.already, second.reminded, second.already, tomorrow.reminded) == (3, 0, 0, 3, 3)
    assert ReminderLog.objects.filter(day=today).count() == 3
