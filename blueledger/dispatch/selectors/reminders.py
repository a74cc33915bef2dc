"""催报: which departments still have items missing, and the last reminder each got."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from blueledger.dispatch.choices import HANDED_IN, ReportStatus
from blueledger.dispatch.models import ReminderLog, ReportingRound, ReportSlot
from blueledger.dispatch.selectors.figures import latest_reports
from blueledger.orgs.models import Department


@dataclass(frozen=True, slots=True)
class ReminderRow:
    """催报: a department's slots by the state of their latest report."""

    department: Department
    total: int
    handed_in: int
    draft: int
    returned: int

    @property
    def missing(self) -> int:
        return self.total - self.handed_in


def reminder_rows(reporting_round: ReportingRound) -> list[ReminderRow]:
    """Every department of the round, those with the most still missing first."""
    latest = latest_reports(reporting_round, handed_in=False)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    departments: dict[int, Department] = {}
    for slot in ReportSlot.objects.filter(round=reporting_round).select_related("department__region").only(
        "id", "department"
    ):
        departments[slot.department_id] = slot.department
        bucket = counts[slot.department_id]
        bucket["total"] += 1
        report = latest.get(slot.pk)
        if report is None:
            continue
        if report.status in HANDED_IN:
            bucket["handed_in"] += 1
        elif report.status == ReportStatus.RETURNED:
            bucket["returned"] += 1
        else:
            bucket["draft"] += 1
    rows = [
        ReminderRow(departments[pk], c["total"], c["handed_in"], c["draft"], c["returned"]) for pk, c in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.missing, row.department.region.code, row.department.short_name))


def last_reminders(reporting_round: ReportingRound) -> dict[int, ReminderLog]:
    """Department id → the latest reminder logged for it in the round (any kind, any channel)."""
    latest: dict[int, ReminderLog] = {}
    for log in reporting_round.reminders.order_by("sent_at", "pk").only("department_id", "kind", "sent_at"):
        latest[log.department_id] = log
    return latest
