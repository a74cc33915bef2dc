"""催报 that any app uses: the kinds, channels and outcomes of a reminder, the fields every reminder log keeps
(ReminderRecord), the delivery to a list of users (a site notification each, an e-mail to those with an
address, the configured sender to those with a phone; every attempt an outcome, none a reason to stop), and
the scheduled runs `blueledger remind` makes. Dispatch reminds departments of a round's items; economy
reminds the assignees of a form round's units. Each keeps its own log rows (what was reminded of differs)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import models

from blueledger.core.fields import fit_to_field
from blueledger.core.notify import configured_sender
from blueledger.core.services import notification_send


class ReminderKind(models.TextChoices):
    MANUAL = "manual", "催报"
    BEFORE_DUE = "before_due", "截止前提醒"
    OVERDUE = "overdue", "逾期催报"


class ReminderChannel(models.TextChoices):
    SITE = "site", "站内通知"
    EMAIL = "email", "电子邮件"
    EXTERNAL = "external", "短信/政务微信/钉钉"


class ReminderOutcome(models.TextChoices):
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    NO_RECIPIENT = "no_recipient", "无接收人"


class ReminderRecord(models.Model):
    """What every reminder log row keeps: one attempt by one channel to one recipient, its outcome, who sent
    it (None: the scheduled command), when, and the day (Beijing time) it counts for. Append-only."""

    day = models.DateField("日期")
    channel = models.CharField("渠道", max_length=20, choices=ReminderChannel.choices)
    channel_name = models.CharField("发送器", max_length=50, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=ReminderOutcome.choices)
    detail = models.CharField("说明", max_length=300, blank=True)
    sent_at = models.DateTimeField("时间")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="催报人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


@dataclass(frozen=True, slots=True)
class Delivery:
    """One attempt of a reminder: the ReminderRecord fields that depend on the channel."""

    channel: str
    outcome: str
    recipient: Any = None
    address: str = ""
    channel_name: str = ""
    detail: str = ""

    def fields(self) -> dict[str, Any]:
        return {"channel": self.channel, "outcome": self.outcome, "recipient": self.recipient,
                "address": self.address, "channel_name": self.channel_name,
                "detail": fit_to_field(ReminderRecord, "detail", self.detail)}


def reminder_deliver(*, recipients: Sequence[Any], title: str, body: str, url: str,
                     no_recipient: str) -> list[Delivery]:
    """Sends one reminder to every recipient by every channel they have and returns each attempt; with no
    recipient, one NO_RECIPIENT attempt saying `no_recipient`. A failing channel is an outcome, not an error."""
    if not recipients:
        return [Delivery(ReminderChannel.SITE, ReminderOutcome.NO_RECIPIENT, detail=no_recipient)]
    deliveries: list[Delivery] = []
    sender = configured_sender()
    for user in recipients:
        notification_send(user=user, title=title, body=body, url=url)
        deliveries.append(Delivery(ReminderChannel.SITE, ReminderOutcome.SENT, user, user.username))
        if user.email:
            try:
                send_mail(title, f"{body}\n{url}", None, [user.email])
            except Exception as error:  # any backend failure is an outcome to log, not a reason to stop
                deliveries.append(Delivery(ReminderChannel.EMAIL, ReminderOutcome.FAILED, user, user.email,
                                           detail=str(error)))
            else:
                deliveries.append(Delivery(ReminderChannel.EMAIL, ReminderOutcome.SENT, user, user.email))
        if user.phone:
            try:
                note = sender.send(user=user, subject=title, body=body)
            except Exception as error:  # SendFailed or a gateway's own error: logged as failed
                deliveries.append(Delivery(ReminderChannel.EXTERNAL, ReminderOutcome.FAILED, user, user.phone,
                                           sender.channel, str(error)))
            else:
                deliveries.append(Delivery(ReminderChannel.EXTERNAL, ReminderOutcome.SENT, user, user.phone,
                                           sender.channel, note))
    return deliveries


def reminder_when(due_date: datetime.date, today: datetime.date) -> str:
    days = (due_date - today).days
    return f"已逾期 {-days} 天" if days < 0 else "今天截止" if days == 0 else f"还有 {days} 天截止"


@dataclass(frozen=True, slots=True)
class RemindersRun:
    """What one scheduled run of one app's reminders did."""

    reminded: int  # assignees (departments) reminded now
    already: int  # assignees already reminded of that kind today
    logs: int


# name → the app's scheduled run (today → what it did); registered in the app's AppConfig.ready.
ScheduledReminders = Callable[[datetime.date | None], RemindersRun]
_SCHEDULED: dict[str, ScheduledReminders] = {}


def scheduled_reminders_register(name: str, run: ScheduledReminders) -> None:
    _SCHEDULED[name] = run


def scheduled_reminders() -> dict[str, ScheduledReminders]:
    return dict(_SCHEDULED)
