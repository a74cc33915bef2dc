"""催报: reminders to departments with items missing in an open round, by hand and on schedule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.notify import configured_sender
from blueledger.core.services import notification_send
from blueledger.dispatch.choices import ReminderChannel, ReminderKind, ReminderOutcome, RoundStatus
from blueledger.dispatch.desk import unit_round_states
from blueledger.dispatch.models import ReminderLog, ReportingRound
from blueledger.dispatch.permissions import require_run_round
from blueledger.dispatch.services.locks import require_open
from blueledger.orgs.models import Department
from blueledger.users.choices import Role
from blueledger.users.models import User


def _reminder_text(reporting_round: ReportingRound, department: Department, kind: str, missing: int,
                   today: datetime.date) -> tuple[str, str]:
    days = (reporting_round.due_date - today).days
    when = (f"已逾期 {-days} 天" if days < 0 else "今天截止" if days == 0 else f"还有 {days} 天截止")
    title = f"{ReminderKind(kind).label}: {reporting_round.title}"
    body = (f"{department}在“{reporting_round.ledger.title} · {reporting_round.title}”中尚有 {missing} 项未报送, "
            f"报送截止 {reporting_round.due_date:%Y年%-m月%-d日} ({when})。请尽快填报。")
    return title, body


@transaction.atomic
def reminder_send(
    *, actor: Any, reporting_round: ReportingRound, department: Department, kind: str,
    today: datetime.date | None = None,
) -> list[ReminderLog]:
    """Reminds a department's reporters that items of an open round are missing: a site notification each,
    an e-mail to those with an address, and a message through the configured sender to those with a phone.
    Every attempt is logged with its outcome. At most one reminder of a kind per department, round and day:
    a second call that day sends nothing and returns []."""
    require_run_round(actor, reporting_round)
    if kind not in ReminderKind.values:
        raise ValidationError(f"未知的催报类型“{kind}”。")
    today = today or timezone.localdate()
    # The round's row is the lock: two offices (or the office and cron) cannot both remind the same slot today.
    locked = ReportingRound.objects.select_for_update().select_related("ledger").get(pk=reporting_round.pk)
    require_open(locked)
    if ReminderLog.objects.filter(round=locked, department=department, kind=kind, day=today).exists():
        return []
    states = unit_round_states(ReportingRound.objects.filter(pk=locked.pk), department_id=department.pk)
    missing = states[0].missing if states else 0
    if missing == 0:
        raise ValidationError(f"{department}本轮已全部报送, 无需催报。")
    title, body = _reminder_text(locked, department, kind, missing, today)
    url = reverse("dispatch:department_report", args=[locked.pk, department.pk])
    now = timezone.now()
    base = {"round": locked, "department": department, "kind": kind, "day": today, "missing": missing,
            "sent_at": now, "sent_by": actor}
    logs: list[ReminderLog] = []
    recipients = list(User.objects.filter(department=department, role=Role.REPORTER, is_active=True).order_by("pk"))
    if not recipients:
        logs.append(ReminderLog(channel=ReminderChannel.SITE, outcome=ReminderOutcome.NO_RECIPIENT,
                                detail="本单位没有填报员账号", **base))
    sender = configured_sender()
    for user in recipients:
        notification_send(user=user, title=title, body=body, url=url)
        logs.append(ReminderLog(channel=ReminderChannel.SITE, recipient=user, address=user.username,
                                outcome=ReminderOutcome.SENT, **base))
        if user.email:
            try:
                send_mail(title, f"{body}\n{url}", None, [user.email])
            except Exception as error:  # any backend failure is an outcome to log, not a reason to stop
                logs.append(ReminderLog(channel=ReminderChannel.EMAIL, recipient=user, address=user.email,
                                        outcome=ReminderOutcome.FAILED,
                                        detail=fit_to_field(ReminderLog, "detail", str(error)), **base))
            else:
                logs.append(ReminderLog(channel=ReminderChannel.EMAIL, recipient=user, address=user.email,
                                        outcome=ReminderOutcome.SENT, **base))
        if user.phone:
            try:
                note = sender.send(user=user, subject=title, body=body)
            except Exception as error:  # SendFailed or a gateway's own error: logged as failed
                outcome, detail = ReminderOutcome.FAILED, str(error)
            else:
                outcome, detail = ReminderOutcome.SENT, note
            logs.append(ReminderLog(channel=ReminderChannel.EXTERNAL, channel_name=sender.channel, recipient=user,
                                    address=user.phone, outcome=outcome,
                                    detail=fit_to_field(ReminderLog, "detail", detail), **base))
    ReminderLog.objects.bulk_create(logs)
    return logs


@dataclass(frozen=True, slots=True)
class RemindersRun:
    """What one run of the scheduled reminders did."""

    reminded: int  # departments reminded now
    already: int  # departments already reminded of that kind today
    logs: int


def reminders_run(*, today: datetime.date | None = None) -> RemindersRun:
    """The scheduled reminders (`blueledger remind`, daily from cron): every department with items missing in
    an open round gets a 截止前提醒 within BLUELEDGER_REMIND_DAYS_BEFORE days of the deadline and a 逾期催报
    every day after it. Running it twice a day sends nothing twice."""
    today = today or timezone.localdate()
    days_before = int(settings.REMIND_DAYS_BEFORE)
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN, due_date__lte=today + datetime.timedelta(
        days=days_before))
    reminded = already = written = 0
    for state in unit_round_states(rounds):
        if not state.missing:
            continue
        kind = ReminderKind.OVERDUE if state.due_in_days(today) < 0 else ReminderKind.BEFORE_DUE
        try:
            logs = reminder_send(actor=None, reporting_round=state.reporting_round,
                                 department=Department.objects.get(pk=state.department_id), kind=kind, today=today)
        except ValidationError:
            continue  # handed in or closed since the run began: nothing to remind of
        if logs:
            reminded += 1
            written += len(logs)
        else:
            already += 1
    return RemindersRun(reminded=reminded, already=already, logs=written)
