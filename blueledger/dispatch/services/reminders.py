"""催报: reminders to departments with items missing in an open round, by hand and on schedule."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from blueledger.core.reminders import ReminderKind, RemindersRun, reminder_deliver, reminder_when
from blueledger.dispatch.choices import RoundStatus
from blueledger.dispatch.desk import unit_round_states
from blueledger.dispatch.models import ReminderLog, ReportingRound
from blueledger.dispatch.permissions import require_run_round
from blueledger.dispatch.services.locks import require_open
from blueledger.orgs.models import Department
from blueledger.users.choices import Role
from blueledger.users.models import User


def _reminder_text(reporting_round: ReportingRound, department: Department, kind: str, missing: int,
                   today: datetime.date) -> tuple[str, str]:
    when = reminder_when(reporting_round.due_date, today)
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
    base = {"round": locked, "department": department, "kind": kind, "day": today, "missing": missing,
            "sent_at": timezone.now(), "sent_by": actor}
    recipients = list(User.objects.filter(department=department, role=Role.REPORTER, is_active=True).order_by("pk"))
    logs = [ReminderLog(**delivery.fields(), **base) for delivery in reminder_deliver(
        recipients=recipients, title=title, body=body, url=url, no_recipient="本单位没有填报员账号")]
    ReminderLog.objects.bulk_create(logs)
    return logs


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
