"""The dashboard of a round: roll-ups, attention list, trend, key projects and qualitative tasks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from blueledger.dispatch.choices import HANDED_IN, TaskState
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.dispatch.progress import BEHIND_STATUSES, RollUp, order_for_attention, roll_up
from blueledger.dispatch.selectors.figures import (
    RankingEntry,
    RoundResults,
    SlotResult,
    department_label,
    group_assessments,
    previous_ranks,
    rank_results,
    round_results,
)
from blueledger.projects.indicators import ProjectsSection
from blueledger.projects.selectors import projects_bulletin_section, region_has_projects


@dataclass(frozen=True, slots=True)
class Dashboard:
    reporting_round: ReportingRound
    data: RoundResults
    overall: RollUp
    sections: dict[str, RollUp]
    tasks: dict[str, RollUp]
    departments: dict[str, RollUp]
    districts: dict[str, RollUp]
    attention: list[SlotResult]
    ranking: list[RankingEntry]
    trend: list[tuple[str, Decimal | None, Decimal | None]]
    task_ids: dict[str, int]
    section_tasks: dict[str, list[str]]
    has_projects: bool  # the ledger's region keeps key projects: the page loads their part on its own


# The trend chart shows the round and the eleven before it: a year of monthly rounds.
TREND_ROUNDS = 12


def round_trend(reporting_round: ReportingRound, current: tuple[Decimal | None, Decimal]) -> list[
    tuple[str, Decimal | None, Decimal | None]
]:
    """(round title, mean completion, 序时进度) of the ledger's rounds up to this one, from stored figures."""
    earlier = (
        RoundFigures.objects.filter(round__ledger_id=reporting_round.ledger_id,
                                    round__period_end__lt=reporting_round.period_end)
        .select_related("round")
        .order_by("-round__period_end")[: TREND_ROUNDS - 1]
    )
    trend = [(f.round.title.removesuffix("调度"), f.mean_completion, f.elapsed_share) for f in reversed(list(earlier))]
    trend.append((reporting_round.title.removesuffix("调度"), current[0], current[1]))
    return trend


def dashboard(reporting_round: ReportingRound) -> Dashboard:
    data = round_results(reporting_round)
    results = data.results
    overall = roll_up({"all": [r.assessment for r in results]})["all"]
    task_ids: dict[str, int] = {}
    section_tasks: dict[str, list[str]] = defaultdict(list)
    for result in results:
        task = result.quantity.task
        if task is not None:
            label = f"{task.key} {task.title}"
            if label not in task_ids:
                task_ids[label] = task.pk
                section_tasks[result.section].append(label)

    def task_label(result: SlotResult) -> str:
        task = result.quantity.task
        return f"{task.key} {task.title}" if task else "其他"

    return Dashboard(
        reporting_round=reporting_round,
        data=data,
        overall=overall,
        sections=roll_up(group_assessments(results, lambda r: r.section)),
        tasks=roll_up(group_assessments(results, task_label)),
        departments=roll_up(group_assessments(results, lambda r: department_label(r.slot.department))),
        districts=roll_up(group_assessments(results, lambda r: r.slot.department.region.name)),
        attention=_attention(results),
        ranking=rank_results(data, previous=previous_ranks(reporting_round)),
        trend=round_trend(reporting_round, (overall.mean_completion, data.elapsed)),
        task_ids=task_ids,
        section_tasks=dict(section_tasks),
        has_projects=region_has_projects(reporting_round.ledger.region),
    )


DASHBOARD_LAGGING_PROJECTS = 10


def dashboard_projects(reporting_round: ReportingRound) -> ProjectsSection | None:
    """The ledger region's key projects at the round's month (the dashboard's 重点项目 part), if it keeps any."""
    region = reporting_round.ledger.region
    if not region_has_projects(region):
        return None
    return projects_bulletin_section(region, reporting_round.period_end, lagging_limit=DASHBOARD_LAGGING_PROJECTS)


def _attention(results: Sequence[SlotResult]) -> list[SlotResult]:
    """Slots that are behind, binding (确保) targets first, worst first."""
    behind = [r for r in results if r.assessment.status in BEHIND_STATUSES]
    by_assessment = {id(r.assessment): r for r in behind}
    return [by_assessment[id(a)] for a in order_for_attention([r.assessment for r in behind])]


@dataclass(frozen=True, slots=True)
class QualitativeRow:
    """A qualitative task's slot with the state its latest handed-in report gives (None: not reported)."""

    slot: ReportSlot
    report: Report | None

    @property
    def state_label(self) -> str:
        return self.report.get_task_state_display() if self.report is not None else "未报送"


def qualitative_rows(reporting_round: ReportingRound) -> list[QualitativeRow]:
    """The round's qualitative tasks (文字进展 + 完成状态) as last handed in; they carry no completion rate
    and are not scored, so the dashboard lists them apart."""
    slots = list(ReportSlot.objects.filter(round=reporting_round, task__isnull=False)
                 .select_related("task", "department").order_by("position", "pk"))
    latest: dict[int, Report] = {}
    for report in (Report.objects.filter(slot__in=slots, status__in=HANDED_IN).order_by("slot_id", "version")
                   .only("id", "slot_id", "version", "task_state", "progress")):
        latest[report.slot_id] = report
    return [QualitativeRow(slot, latest.get(slot.pk)) for slot in slots]


def qualitative_counts(rows: Sequence[QualitativeRow]) -> dict[str, int]:
    """完成 / 推进中 / 未启动 / 未报送 → how many qualitative task slots stand there."""
    counts = {str(label): 0 for label in TaskState.labels}
    counts["未报送"] = 0
    for row in rows:
        counts[row.state_label] += 1
    return counts
