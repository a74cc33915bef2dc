"""Dispatch's panels of the home page (工作台), and the selectors behind them.

填报员: 待填报 / 已退回 / 即将到期 / 逾期 for their own department; 调度员: 待审核 / 逾期未报 / 待答复异议 in
their region; 查看 and 系统管理员: a summary of the open rounds in their scope. Every count links to the page
where the work is done. The state of a slot is its latest report's (a returned report is the department's
to correct; a submitted one the office's to review).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from blueledger.core.desk import DeskCount, DeskEntry, DeskPanel
from blueledger.core.permissions import can_dispatch, scoped
from blueledger.dispatch.choices import HANDED_IN, ObjectionStatus, ReportStatus, RoundStatus
from blueledger.dispatch.models import RankingObjection, Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.dispatch.progress import Card, Light, escalation_card, red_streak
from blueledger.dispatch.selectors.instructions import instruction_url, instructions_to_act_on
from blueledger.orgs.models import Department
from blueledger.users.choices import Role

ENTRY_LIMIT = 30  # entries listed under the counts; the counts themselves are complete
OBJECTION_PREVIEW_CHARS = 60  # the start of an objection's text, as the desk lists it


@dataclass(slots=True)
class UnitRoundState:
    """One department's slots in one open round, by the state of their latest report."""

    reporting_round: ReportingRound
    department_id: int
    department_name: str
    total: int = 0
    handed_in: int = 0
    submitted: int = 0  # handed in and not yet accepted: the office's to review
    returned: int = 0

    @property
    def missing(self) -> int:
        """Slots the department still has to hand in (a returned slot counts: it must be handed in again)."""
        return self.total - self.handed_in

    def due_in_days(self, today: datetime.date) -> int:
        return (self.reporting_round.due_date - today).days


def unit_round_states(rounds: QuerySet[ReportingRound], *, department_id: int | None = None) -> list[UnitRoundState]:
    """Per (open round, department): counts by the latest report's state, in one query."""
    latest_status = Report.objects.filter(slot=OuterRef("pk")).order_by("-version").values("status")[:1]
    slots = ReportSlot.objects.filter(round__in=rounds)
    if department_id is not None:
        slots = slots.filter(department_id=department_id)
    rows = (
        slots.annotate(latest_status=Subquery(latest_status))
        .values("round_id", "department_id", "department__short_name", "department__name", "latest_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_id = {r.pk: r for r in rounds}
    states: dict[tuple[int, int], UnitRoundState] = {}
    for row in rows:
        key = (row["round_id"], row["department_id"])
        state = states.get(key)
        if state is None:
            state = states[key] = UnitRoundState(
                by_id[row["round_id"]], row["department_id"], row["department__short_name"] or row["department__name"]
            )
        count, status = row["n"], row["latest_status"]
        state.total += count
        if status in HANDED_IN:
            state.handed_in += count
        if status == ReportStatus.SUBMITTED:
            state.submitted += count
        if status == ReportStatus.RETURNED:
            state.returned += count
    return sorted(states.values(), key=lambda s: (s.reporting_round.due_date, s.reporting_round.pk, s.department_name))


def open_rounds(user: Any) -> QuerySet[ReportingRound]:
    return scoped(ReportingRound.objects.filter(status=RoundStatus.OPEN), user, "ledger__region").select_related(
        "ledger"
    )


@dataclass(frozen=True, slots=True)
class ReporterDesk:
    to_fill: list[UnitRoundState]
    returned: list[UnitRoundState]
    due_soon: list[UnitRoundState]
    overdue: list[UnitRoundState]


def reporter_desk(user: Any, today: datetime.date) -> ReporterDesk:
    """The reporter's own department in every open round it has slots in."""
    states = [s for s in unit_round_states(open_rounds(user), department_id=user.department_id) if s.missing]
    days = int(settings.REMIND_DAYS_BEFORE)
    return ReporterDesk(
        to_fill=[s for s in states if s.missing > s.returned],
        returned=[s for s in states if s.returned],
        due_soon=[s for s in states if 0 <= s.due_in_days(today) <= days],
        overdue=[s for s in states if s.due_in_days(today) < 0],
    )


@dataclass(frozen=True, slots=True)
class OfficeDesk:
    to_review: list[UnitRoundState]
    overdue: list[UnitRoundState]
    objections: list[RankingObjection]
    states: list[UnitRoundState]


def office_desk(user: Any, today: datetime.date) -> OfficeDesk:
    """The open rounds of the user's scope: departments whose hand-in waits for review, departments past the
    deadline with items missing, and objections not answered yet."""
    states = unit_round_states(open_rounds(user))
    objections = list(
        scoped(RankingObjection.objects.filter(status=ObjectionStatus.OPEN), user, "round__ledger__region")
        .select_related("round", "department")
        .order_by("filed_at", "pk")
    )
    return OfficeDesk(
        to_review=[s for s in states if s.submitted],
        overdue=[s for s in states if s.missing and s.due_in_days(today) < 0],
        objections=objections,
        states=states,
    )


@dataclass(frozen=True, slots=True)
class CardHolder:
    """A department on a 黄牌/红牌 after its ledger's latest closed round."""

    reporting_round_id: int
    round_title: str
    department_name: str
    red_rounds: int
    card: Card


def card_holders(user: Any) -> list[CardHolder]:
    """Departments on a card in the latest closed round of each ledger in scope, from the stored colours."""
    yellow_after, red_after = int(settings.CARD_YELLOW_ROUNDS), int(settings.CARD_RED_ROUNDS)
    red_after = max(red_after, yellow_after)
    figures = (
        scoped(RoundFigures.objects.all(), user, "round__ledger__region")
        .order_by("round__ledger_id", "-round__period_end")
        .values_list("round__ledger_id", "round_id", "round__title", "department_lights")
    )
    by_ledger: dict[int, list[tuple[int, str, dict[str, str]]]] = {}
    for ledger_id, round_id, title, lights in figures:
        rounds = by_ledger.setdefault(ledger_id, [])
        if len(rounds) < red_after:
            rounds.append((round_id, title, lights))
    found: list[tuple[int, str, str, int]] = []
    for rounds in by_ledger.values():
        latest_id, latest_title, latest_lights = rounds[0]
        for department_id in latest_lights:
            streak = red_streak([Light(lights.get(department_id, Light.NONE)) for _, _, lights in reversed(rounds)])
            if streak >= yellow_after:
                found.append((latest_id, latest_title, department_id, streak))
    names = {
        str(pk): short or name
        for pk, short, name in Department.objects.filter(pk__in={int(f[2]) for f in found}).values_list(
            "pk", "short_name", "name")
    }
    holders = [
        CardHolder(round_id, title, names[department_id], streak,
                   escalation_card(streak, yellow_after_rounds=yellow_after, red_after_rounds=red_after) or Card.YELLOW)
        for round_id, title, department_id, streak in found
    ]
    return sorted(holders, key=lambda h: (h.card != Card.RED, -h.red_rounds, h.department_name))


def _report_url(state: UnitRoundState) -> str:
    return reverse("dispatch:department_report", args=[state.reporting_round.pk, state.department_id])


def _due_text(state: UnitRoundState, today: datetime.date) -> str:
    days = state.due_in_days(today)
    due = f"截止 {state.reporting_round.due_date:%Y-%m-%d}"
    if days < 0:
        return f"{due}, 已逾期 {-days} 天"
    if days == 0:
        return f"{due}, 今天截止"
    return f"{due}, 还有 {days} 天"


def _reporter_panel(user: Any, today: datetime.date) -> DeskPanel:
    desk = reporter_desk(user, today)
    rounds_url = reverse("dispatch:round_list")
    counts = (
        DeskCount("to_fill", "待填报", len(desk.to_fill), rounds_url, "pending" if desk.to_fill else ""),
        DeskCount("returned", "已退回", len(desk.returned), rounds_url, "bad" if desk.returned else ""),
        DeskCount("due_soon", "即将到期", len(desk.due_soon), rounds_url, "pending" if desk.due_soon else "",
                  hint=f"{settings.REMIND_DAYS_BEFORE} 天内截止"),
        DeskCount("overdue", "逾期", len(desk.overdue), rounds_url, "bad" if desk.overdue else ""),
    )
    entries = []
    for key, tag, tone, states in (("returned", "已退回", "bad", desk.returned),
                                   ("overdue", "逾期", "bad", desk.overdue),
                                   ("to_fill", "待填报", "pending", desk.to_fill)):
        for state in states:
            if key == "to_fill" and state in desk.overdue:
                continue  # listed once, under its worst heading
            detail = f"还差 {state.missing} 项 · {_due_text(state, today)}"
            entries.append(DeskEntry(key, f"{state.reporting_round.ledger.title} · {state.reporting_round.title}",
                                     _report_url(state), detail, tone, tag))
    return DeskPanel("调度填报", counts, tuple(entries[:ENTRY_LIMIT]), order=10,
                     note="" if entries else "本单位目前没有待办的填报。")


def _office_panel(user: Any, today: datetime.date) -> DeskPanel:
    desk = office_desk(user, today)
    holders = card_holders(user)
    rounds_url = reverse("dispatch:round_list")
    counts = (
        DeskCount("to_review", "待审核", len(desk.to_review), rounds_url, "pending" if desk.to_review else "",
                  hint="已报送、待采用或退回的单位"),
        DeskCount("overdue", "逾期未报", len(desk.overdue), rounds_url, "bad" if desk.overdue else "",
                  hint="已过截止日仍有未报送事项的单位"),
        DeskCount("objections", "待答复异议", len(desk.objections), rounds_url, "pending" if desk.objections else ""),
        DeskCount("cards", "黄牌/红牌单位", len(holders), rounds_url, "bad" if holders else "",
                  hint=f"连续{settings.CARD_YELLOW_ROUNDS}轮红灯黄牌, {settings.CARD_RED_ROUNDS}轮红牌"),
    )
    entries: list[DeskEntry] = []
    for holder in holders:
        url = reverse("dispatch:dashboard", args=[holder.reporting_round_id]) + "#supervision-title"
        entries.append(DeskEntry("cards", f"{holder.department_name} · {holder.round_title}", url,
                                 f"连续 {holder.red_rounds} 轮红灯", "bad" if holder.card == Card.RED else "pending",
                                 str(holder.card)))
    for state in desk.overdue:
        url = reverse("dispatch:round_detail", args=[state.reporting_round.pk]) + "#reminders"
        entries.append(DeskEntry("overdue", f"{state.department_name} · {state.reporting_round.title}", url,
                                 f"未报 {state.missing}/{state.total} 项 · {_due_text(state, today)}", "bad",
                                 "逾期未报"))
    for state in desk.to_review:
        entries.append(DeskEntry("to_review", f"{state.department_name} · {state.reporting_round.title}",
                                 _report_url(state), f"已报送 {state.submitted} 项待审核", "pending", "待审核"))
    for objection in desk.objections:
        url = reverse("dispatch:ranking", args=[objection.round_id]) + "#objections"
        entries.append(DeskEntry("objections", f"{objection.department} · {objection.round.title}", url,
                                 objection.text[:OBJECTION_PREVIEW_CHARS], "pending", "待答复异议"))
    return DeskPanel("调度督办", counts, tuple(entries[:ENTRY_LIMIT]), order=10,
                     note="" if entries else "辖区内目前没有待办事项。")


def _summary_panel(user: Any, today: datetime.date) -> DeskPanel:
    desk = office_desk(user, today)
    rounds_url = reverse("dispatch:round_list")
    open_count = len({s.reporting_round.pk for s in desk.states})
    total = sum(s.total for s in desk.states)
    handed_in = sum(s.handed_in for s in desk.states)
    counts = (
        DeskCount("open_rounds", "填报中的调度", open_count, rounds_url),
        DeskCount("handed_in", "已报送事项", handed_in, rounds_url, hint=f"共 {total} 项"),
        DeskCount("overdue", "逾期未报单位", len(desk.overdue), rounds_url, "bad" if desk.overdue else ""),
        DeskCount("objections", "待答复异议", len(desk.objections), rounds_url, "pending" if desk.objections else ""),
    )
    return DeskPanel("调度概况", counts, order=10)


def _instructions_panel(user: Any) -> DeskPanel | None:
    """领导批示: what the user's department (a 填报员's) or region (the office's) has to carry out, or for a 领导
    the 批示 not yet carried out; none when there is nothing."""
    pending = instructions_to_act_on(user=user)
    if not pending:
        return None
    label = "未落实的批示" if user.is_leader else "待落实批示"
    entries = tuple(
        DeskEntry("instructions", f"{item.author}: {item.text[:INSTRUCTION_CHARS]}", instruction_url(item),
                  detail=f"{item.get_subject_display()} · {item.department.short_name if item.department else '调度办'}"
                         f" · {timezone.localtime(item.written_at):%m-%d}", tone="pending")
        for item in pending[:ENTRY_LIMIT]
    )
    return DeskPanel("领导批示", (DeskCount("instructions", label, len(pending), entries[0].url, "pending"),),
                     entries, order=20)


INSTRUCTION_CHARS = 40  # of a 批示 on the desk; the whole text is on its page


def desk_panels(*, user: Any) -> list[DeskPanel]:
    today = timezone.localdate()
    instructions = _instructions_panel(user)
    extra = [instructions] if instructions is not None else []
    if user.role == Role.REPORTER and not user.is_admin:
        return ([_reporter_panel(user, today)] if user.department_id else []) + extra
    if user.role == Role.DISPATCHER and can_dispatch(user):
        return [_office_panel(user, today), *extra]
    return [_summary_panel(user, today), *extra]
