"""Reads of dispatch, scoped to the user's region (see blueledger.core.permissions), and the figures of a
round computed by the engines: status per slot, roll-ups, rankings and the bulletin's data."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from blueledger.core.history import HistoryEntry, history_entries
from blueledger.core.permissions import get_scoped_or_404, scoped
from blueledger.dispatch.choices import (
    CORRECTION_PREFIX,
    HANDED_IN,
    REOPEN_PREFIX,
    ReportStatus,
    RoundStatus,
    TaskState,
)
from blueledger.dispatch.models import (
    RankingObjection,
    Reconciliation,
    ReconciliationRow,
    RegistryBinding,
    ReminderLog,
    Report,
    ReportAttachment,
    ReportingRound,
    ReportSlot,
    RoundFigures,
)
from blueledger.dispatch.permissions import can_see_department, sees_own_department_only
from blueledger.dispatch.progress import (
    BEHIND_STATUSES,
    LIGHT_LABELS,
    Assessment,
    Card,
    Light,
    Reading,
    RollUp,
    Status,
    TargetSpec,
    UnitMismatch,
    assess_target,
    describe_target,
    elapsed_share,
    escalation_card,
    light_rules,
    order_for_attention,
    red_streak,
    roll_up,
    unit_light,
)
from blueledger.dispatch.ranking import (
    HardnessWeights,
    NoScorableTargets,
    RankedUnit,
    TargetResult,
    UnitScore,
    rank_units,
    score_unit,
)
from blueledger.ledgers.choices import OP_FROM_ENGINE, Hardness, QuantityRole
from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask
from blueledger.orgs.models import Department, Region
from blueledger.projects.choices import Indicator
from blueledger.projects.indicators import IndicatorValue, ProjectsSection, suggested_query
from blueledger.projects.models import IndicatorQuery
from blueledger.projects.selectors import indicator_value, projects_bulletin_section, region_has_projects

OP_TO_ENGINE = {str(choice): spelling for spelling, choice in OP_FROM_ENGINE.items()}
HARDNESS_TO_ENGINE = {Hardness.ENSURE: "确保", Hardness.STRIVE: "力争", Hardness.AIM: "争取"}


def round_list(*, user: Any) -> QuerySet[ReportingRound]:
    """The rounds of the user's scope (the ledger's text is not read); `round_rows` adds their counts."""
    rounds = scoped(ReportingRound.objects.all(), user, "ledger__region")
    return rounds.select_related("ledger__region").defer("ledger__text")


@dataclass(frozen=True, slots=True)
class RoundRow:
    round: ReportingRound
    slot_count: int
    department_count: int


def round_rows(rounds: Iterable[ReportingRound]) -> list[RoundRow]:
    """Rounds with their slot and department counts, in one grouped query over the slots of these rounds
    only (a join over every round counted every slot of the province: 0.3 s at a tenth of its scale)."""
    rounds = list(rounds)
    counts = {
        row["round"]: (row["slots"], row["departments"])
        for row in ReportSlot.objects.filter(round__in=[r.pk for r in rounds]).order_by().values("round")
        .annotate(slots=Count("pk"), departments=Count("department", distinct=True))
    }
    return [RoundRow(r, *counts.get(r.pk, (0, 0))) for r in rounds]


def slot_list(*, user: Any) -> QuerySet[ReportSlot]:
    """The report slots of the rounds in the user's scope; a reporter's own department's only."""
    slots = scoped(ReportSlot.objects.all(), user, "round__ledger__region")
    if sees_own_department_only(user):
        slots = slots.filter(department_id=user.department_id)
    return slots


def round_get(*, user: Any, pk: int) -> ReportingRound:
    queryset = ReportingRound.objects.select_related("ledger__region", "opened_by", "closed_by")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


def round_latest_closed(*, ledger: Ledger | None = None) -> ReportingRound | None:
    """The round closed most recently (not the one of the latest period: a late round of an earlier month
    closed today is the bulletin to send today)."""
    rounds = ReportingRound.objects.filter(status=RoundStatus.CLOSED)
    if ledger is not None:
        rounds = rounds.filter(ledger=ledger)
    latest_first = (F("closed_at").desc(nulls_last=True), "-period_end", "-pk")
    return rounds.select_related("ledger__region").order_by(*latest_first).first()


def objection_get(*, reporting_round: ReportingRound, pk: int) -> RankingObjection:
    return get_object_or_404(RankingObjection, pk=pk, round=reporting_round)  # type: ignore[no-any-return]


def objection_list(reporting_round: ReportingRound) -> QuerySet[RankingObjection]:
    return reporting_round.objections.select_related("department", "filed_by", "answered_by")


# --- the figures of a round -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlotRow:
    """A slot as the figures need it: plain values, so a round of hundreds of slots builds no model rows."""

    pk: int
    department: Department
    quantity: LedgerQuantity
    is_lead: bool
    position: int


@dataclass(frozen=True, slots=True)
class ReportRow:
    """The latest handed-in version of a slot's report, as the figures and drill-downs show it."""

    pk: int
    version: int
    value: Decimal | None
    unit: str
    progress: str


@dataclass(slots=True)
class SlotResult:
    """One slot with its latest handed-in report (None: nothing handed in) and its assessment."""

    slot: SlotRow
    report: ReportRow | None
    assessment: Assessment
    section: str
    error: str = ""

    @property
    def quantity(self) -> LedgerQuantity:
        return self.slot.quantity

    @property
    def target_text(self) -> str:
        return f"{self.quantity.metric} {describe_target(self.assessment.spec)}"


@dataclass(slots=True)
class RoundResults:
    reporting_round: ReportingRound
    results: list[SlotResult]
    tasks: dict[int, LedgerTask]
    elapsed: Decimal
    departments: dict[int, Department] = field(default_factory=dict)


def hardness_weights(reporting_round: ReportingRound) -> HardnessWeights:
    stored = reporting_round.hardness_weights
    return HardnessWeights(
        binding=Decimal(str(stored.get("binding", "2"))),
        strive=Decimal(str(stored.get("strive", "1"))),
        try_=Decimal(str(stored.get("try", "1"))),
        none=Decimal(str(stored.get("none", "1"))),
    )


def target_period_start(
    ledger: Ledger, reporting_round: ReportingRound, deadline: datetime.date | None
) -> datetime.date:
    """When a target's 序时进度 starts counting: a dated target from 1 January of the year its ledger was
    issued (a 2024 plan's 2027 target counts from 2024); an undated target (每年…) over the calendar year of
    the round."""
    round_year_start = datetime.date(reporting_round.period_end.year, 1, 1)
    if deadline is None or ledger.issued_on is None:
        return round_year_start
    start = datetime.date(ledger.issued_on.year, 1, 1)
    return start if start <= deadline and start <= round_year_start else round_year_start


def target_spec(quantity: LedgerQuantity, ledger: Ledger, reporting_round: ReportingRound) -> TargetSpec:
    op = OP_TO_ENGINE.get(quantity.op, "=")
    value_max = quantity.value_max
    if op == "range" and value_max is None:
        op = ">="
    deadline = quantity.deadline or (quantity.task.deadline if quantity.task else None)
    return TargetSpec(
        value=quantity.value,
        value_max=value_max,
        unit=quantity.unit,
        op=op,
        hardness=HARDNESS_TO_ENGINE.get(quantity.hardness),  # type: ignore[call-overload]
        deadline=deadline,
        period_start=target_period_start(ledger, reporting_round, deadline),
    )


def latest_reports(
    reporting_round: ReportingRound, *, handed_in: bool, department: Department | None = None
) -> dict[int, Report]:
    """slot id → its latest report (or latest handed-in one), of one department or all."""
    reports = Report.objects.filter(slot__round=reporting_round)
    if department is not None:
        reports = reports.filter(slot__department=department)
    if handed_in:
        reports = reports.filter(status__in=HANDED_IN)
    latest: dict[int, Report] = {}
    for report in reports.order_by("slot_id", "version").only(
        "id", "slot_id", "version", "value", "unit", "status", "submitted_at", "progress", "problems", "next_steps",
        "value_typed",
    ):
        latest[report.slot_id] = report
    return latest


def round_results(reporting_round: ReportingRound) -> RoundResults:
    """Every slot of the round assessed at the end of its period from its latest handed-in report."""
    ledger = reporting_round.ledger
    tasks = {task.pk: task for task in LedgerTask.objects.filter(ledger_id=ledger.pk).only("id", "key", "title",
                                                                                           "parent_id", "deadline")}
    section_of = {task.key.split(".")[0]: task for task in tasks.values() if "." not in task.key}
    # Quantities and departments are shared by many slots: loaded once each instead of once per slot.
    slot_values = list(
        ReportSlot.objects.filter(round=reporting_round, quantity__isnull=False)  # qualitative tasks have no figures
        .order_by("position", "pk")
        .values_list("pk", "department_id", "quantity_id", "is_lead", "position")
    )
    quantity_ids = {row[2] for row in slot_values}
    department_ids = {row[1] for row in slot_values}
    quantities = {q.pk: q for q in LedgerQuantity.objects.filter(ledger_id=ledger.pk) if q.pk in quantity_ids}
    specs: dict[int, TargetSpec] = {}
    for quantity in quantities.values():
        quantity.task = tasks.get(quantity.task_id)  # type: ignore[arg-type]
        specs[quantity.pk] = target_spec(quantity, ledger, reporting_round)
    departments_by_id = {d.pk: d for d in Department.objects.filter(pk__in=department_ids).select_related("region")}
    slots = [
        SlotRow(pk, departments_by_id[department_id], quantities[quantity_id], is_lead, position)
        for pk, department_id, quantity_id, is_lead, position in slot_values
    ]
    reports: dict[int, ReportRow] = {}
    for slot_id, *values in (
        Report.objects.filter(slot__round=reporting_round, status__in=HANDED_IN)
        .order_by("slot_id", "version")
        .values_list("slot_id", "pk", "version", "value", "unit", "progress")
    ):
        reports[slot_id] = ReportRow(*values)
    as_of = reporting_round.period_end
    results = []
    departments: dict[int, Department] = {}
    for slot in slots:
        departments[slot.department.pk] = slot.department
        quantity = slot.quantity
        spec = specs[quantity.pk]
        report = reports.get(slot.pk)
        reading = (
            Reading(value=report.value, unit=report.unit or quantity.unit, as_of=as_of)
            if report is not None and report.value is not None
            else None
        )
        error = ""
        try:
            assessment = _assess(spec, reading, reporting_round)
        except UnitMismatch as mismatch:
            error = str(mismatch)
            assessment = _assess(spec, None, reporting_round)
        task = quantity.task
        section_task = section_of.get(task.key.split(".")[0]) if task else None
        section = f"{section_task.key} {section_task.title}" if section_task else "其他"
        results.append(SlotResult(slot=slot, report=report, assessment=assessment, section=section, error=error))
    elapsed = elapsed_share(datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31), as_of)
    return RoundResults(reporting_round, results, tasks, elapsed, departments)


def _assess(spec: TargetSpec, reading: Reading | None, reporting_round: ReportingRound) -> Assessment:
    return assess_target(
        spec,
        reading,
        as_of=reporting_round.period_end,
        tolerance_share=reporting_round.tolerance_share,
        severe_lag_points=reporting_round.severe_lag_points,
    )


def _group(results: Iterable[SlotResult], key: Any) -> dict[str, list[Assessment]]:
    groups: dict[str, list[Assessment]] = defaultdict(list)
    for result in results:
        groups[key(result)].append(result.assessment)
    return dict(groups)


def department_label(department: Department) -> str:
    """A department as rankings, dashboards and the bulletin name it: its short name (市海洋局), else its name."""
    return department.short_name or department.name



@dataclass(frozen=True, slots=True)
class RankingEntry:
    """A ranked department or district with its key for links; the bulletin prints it as a bulletin.RankingRow."""

    rank: int
    key: str
    label: str
    score: Decimal
    change: int | None
    previous_rank: int | None
    unit: RankedUnit
    reported: int
    total: int

    @property
    def reporting_text(self) -> str:
        """报送率 beside the score (an unreported target scores 0, so a low score says why): 3/4."""
        return f"{self.reported}/{self.total}"


def rank_results(
    data: RoundResults, *, by: str = "department", previous: dict[str, int] | None = None
) -> list[RankingEntry]:
    """Departments (or districts, by region) ranked by their own targets' weighted capped completion."""
    weights = hardness_weights(data.reporting_round)
    groups: dict[str, list[TargetResult]] = defaultdict(list)
    labels: dict[str, str] = {}
    for result in data.results:
        department = result.slot.department
        if by == "district":
            key, label = department.region.code, department.region.name
        else:
            key, label = str(department.pk), department_label(department)
        labels[key] = label
        groups[key].append(
            TargetResult(
                target_id=str(result.slot.pk),
                assessment=result.assessment,
                report_ids=(str(result.report.pk),) if result.report is not None else (),
            )
        )
    scores: list[UnitScore] = []
    for key, target_results in groups.items():
        try:
            scores.append(score_unit(key, target_results, weights))
        except NoScorableTargets:
            continue
    ranked = rank_units(scores, previous)
    return [
        RankingEntry(rank=unit.rank, key=unit.unit_key, label=labels[unit.unit_key], score=unit.score,
                     change=unit.change, previous_rank=unit.previous_rank, unit=unit,
                     reported=sum(1 for r in groups[unit.unit_key] if r.assessment.status != Status.NOT_REPORTED),
                     total=len(groups[unit.unit_key]))
        for unit in ranked
    ]


def previous_ranks(reporting_round: ReportingRound, *, by: str = "department") -> dict[str, int] | None:
    """The ranks of the round before this one (from its stored figures when it is closed)."""
    previous = (
        ReportingRound.objects.filter(ledger_id=reporting_round.ledger_id, period_end__lt=reporting_round.period_end)
        .select_related("ledger")
        .order_by("-period_end", "-pk")
        .first()
    )
    if previous is None:
        return None
    figures = RoundFigures.objects.filter(round=previous).first()
    if figures is not None:
        return dict(figures.department_ranks if by == "department" else figures.district_ranks)
    return {row.key: row.rank for row in rank_results(round_results(previous), by=by)}


def round_figures_compute(reporting_round: ReportingRound) -> dict[str, Any]:
    """The values RoundFigures stores for a round (written by services.round_figures_store)."""
    data = round_results(reporting_round)
    overall = roll_up({"all": [r.assessment for r in data.results]})["all"]
    return {
        "mean_completion": overall.mean_completion,
        "elapsed_share": data.elapsed,
        "status_counts": {str(status): count for status, count in overall.counts.items()},
        "department_ranks": {row.key: row.rank for row in rank_results(data)},
        "district_ranks": {row.key: row.rank for row in rank_results(data, by="district")},
        "department_lights": {str(pk): str(light) for pk, light in department_lights(data).items()},
    }


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


@dataclass(frozen=True, slots=True)
class FillOnceCounts:
    """最多报一次: fields the platform filled from what it already holds versus fields people typed."""

    prefilled: int
    typed: int


def fill_once_counts(reporting_round: ReportingRound) -> FillOnceCounts:
    """Pre-filled: per slot the task, target, unit and deadline (from the published ledger) and the previous
    round's cumulative value where there is one. Typed: values that differ from the pre-filled one and
    non-empty texts of the latest reports."""
    slots = ReportSlot.objects.filter(round=reporting_round)
    slot_count = slots.count()
    prefilled = 4 * slot_count + slots.filter(prefilled_value__isnull=False).count()
    typed = 0
    for report in latest_reports(reporting_round, handed_in=False).values():
        typed += int(report.value is not None and report.value_typed)
        typed += sum(1 for text in (report.progress, report.problems, report.next_steps) if text)
    return FillOnceCounts(prefilled=prefilled, typed=typed)


# --- department pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DepartmentSlot:
    slot: ReportSlot
    latest: Report | None
    versions: tuple[Report, ...]
    registry_bound: bool = False  # filled by the platform from the key-project registry
    evidence: tuple[ReportAttachment, ...] = ()

    @property
    def locked(self) -> bool:
        return self.registry_bound or (self.latest is not None and self.latest.status in HANDED_IN)

    @property
    def value_key(self) -> str:
        return f"value_{self.slot.pk}"

    @property
    def progress_key(self) -> str:
        return f"progress_{self.slot.pk}"

    @property
    def problems_key(self) -> str:
        return f"problems_{self.slot.pk}"

    @property
    def next_steps_key(self) -> str:
        return f"next_steps_{self.slot.pk}"

    @property
    def task_state_key(self) -> str:
        return f"task_state_{self.slot.pk}"


def department_slots(reporting_round: ReportingRound, department: Department) -> list[DepartmentSlot]:
    slots = list(
        ReportSlot.objects.filter(round=reporting_round, department=department)
        .select_related("quantity__task", "quantity__registry_binding", "task")
        .order_by("position", "pk")
    )
    versions: dict[int, list[Report]] = defaultdict(list)
    for report in Report.objects.filter(slot__in=slots).select_related("submitted_by").order_by("version"):
        versions[report.slot_id].append(report)
    evidence: dict[int, list[ReportAttachment]] = defaultdict(list)
    for attachment in ReportAttachment.objects.filter(slot__in=slots).order_by("uploaded_at", "pk"):
        evidence[attachment.slot_id].append(attachment)  # type: ignore[index]
    return [
        DepartmentSlot(slot, versions[slot.pk][-1] if versions[slot.pk] else None, tuple(versions[slot.pk]),
                       registry_bound=hasattr(slot.quantity, "registry_binding"), evidence=tuple(evidence[slot.pk]))
        for slot in slots
    ]


def evidence_get(*, user: Any, pk: int) -> ReportAttachment:
    """An attachment the user may download: its round in the user's scope, and for a reporter only their own
    department's (else 404, so ids cannot be probed)."""
    attachment = ReportAttachment.objects.select_related("round__ledger__region", "department").filter(pk=pk).first()
    if attachment is None:
        raise Http404("没有找到该记录, 或您无权查看。")
    reporting_round = round_get(user=user, pk=attachment.round_id)
    if not can_see_department(user, reporting_round, attachment.department):
        raise Http404("没有找到该记录, 或您无权查看。")
    return attachment


def task_report_history(task: LedgerTask) -> list[Report]:
    """Every version of every report on the task's targets, across rounds, newest round first."""
    return list(
        Report.objects.filter(Q(slot__quantity__task=task) | Q(slot__task=task))
        .select_related("slot__round", "slot__department", "slot__quantity", "slot__task", "submitted_by")
        .order_by("-slot__round__period_end", "slot__department__short_name", "slot__quantity__position", "version")
    )


def task_get(*, user: Any, pk: int) -> LedgerTask:
    queryset = LedgerTask.objects.select_related("ledger__region", "parent")
    return get_scoped_or_404(queryset, user, "ledger__region", pk=pk)  # type: ignore[no-any-return]


# --- targets read from the registry ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistryTargetRow:
    """A target of a published ledger: its binding to the registry if any, else the indicator its metric
    suggests (suggested_query), for the office to confirm."""

    quantity: LedgerQuantity
    binding: RegistryBinding | None
    suggestion: tuple[str, dict[str, str]] | None

    @property
    def suggestion_label(self) -> str:
        return Indicator(self.suggestion[0]).label if self.suggestion else ""


def registry_target_rows(ledger: Ledger) -> list[RegistryTargetRow]:
    quantities = (
        ledger.quantities.filter(role=QuantityRole.TARGET, task__isnull=False)
        .select_related("task", "registry_binding__query")
        .order_by("position", "pk")
    )
    return [
        RegistryTargetRow(
            quantity=quantity,
            binding=getattr(quantity, "registry_binding", None),
            suggestion=suggested_query(quantity.metric, quantity.unit),
        )
        for quantity in quantities
    ]


def registry_binding_of(quantity: LedgerQuantity) -> RegistryBinding | None:
    return RegistryBinding.objects.filter(quantity=quantity).select_related("query").first()


def registry_query_of(quantity: LedgerQuantity, binding: RegistryBinding | None) -> tuple[str, dict[str, str]]:
    """The (indicator, filters) the binding form starts from: the binding's own, else the suggestion."""
    if binding is not None:
        return binding.query.indicator, dict(binding.query.filters)
    return suggested_query(quantity.metric, quantity.unit) or ("", {})


def registry_preview_month(ledger: Ledger) -> datetime.date:
    """The month a preview reads: the end of the ledger's latest round, or this month before any round."""
    latest = ledger.reporting_rounds.order_by("-period_end").values_list("period_end", flat=True).first()
    return latest or timezone.localdate()


def registry_preview(region: Region, indicator: str, filters: dict[str, str], as_of: datetime.date) -> IndicatorValue:
    """What a query would read now, before it is saved."""
    return indicator_value(query=IndicatorQuery(region=region, indicator=indicator, filters=filters), as_of=as_of)


# --- dashboard --------------------------------------------------------------------------------------


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
        sections=roll_up(_group(results, lambda r: r.section)),
        tasks=roll_up(_group(results, task_label)),
        departments=roll_up(_group(results, lambda r: department_label(r.slot.department))),
        districts=roll_up(_group(results, lambda r: r.slot.department.region.name)),
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





def slot_get_for_user(*, user: Any, reporting_round: ReportingRound, department_pk: int) -> Department:
    """The department of the round the user may open; reporters only their own (else 404)."""
    department = Department.objects.filter(
        Q(pk=department_pk) & Q(pk__in=ReportSlot.objects.filter(round=reporting_round).values("department_id"))
    ).select_related("region").first()
    if department is None or not can_see_department(user, reporting_round, department):
        raise Http404("没有找到该记录, 或您无权查看。")
    return department


def round_corrections(reporting_round: ReportingRound) -> list[HistoryEntry]:
    """The corrections of a closed round's settings and its reopenings, newest first, with who, when and why."""
    return [entry for entry in history_entries(reporting_round)
            if entry.reason.startswith((CORRECTION_PREFIX, REOPEN_PREFIX))]


# --- year-end reconciliation ---------------------------------------------------------------------


def reconciliation_list(*, user: Any) -> QuerySet[Reconciliation]:
    return scoped(Reconciliation.objects.all(), user, "plan__region").select_related("plan", "summary")


def reconciliation_get(*, user: Any, pk: int) -> Reconciliation:
    """The reconciliation if its plan lies in the user's scope, else Http404."""
    queryset = Reconciliation.objects.select_related("plan__region", "summary")
    return get_scoped_or_404(queryset, user, "plan__region", pk=pk)  # type: ignore[no-any-return]


def reconciliation_rows(reconciliation: Reconciliation) -> QuerySet[ReconciliationRow]:
    return reconciliation.rows.select_related("target__task", "fact", "confirmed_by")


def reconciliation_row_get(*, user: Any, pk: int, row_pk: int) -> ReconciliationRow:
    """A row of a reconciliation in the user's scope, else Http404."""
    reconciliation = reconciliation_get(user=user, pk=pk)
    return get_object_or_404(  # type: ignore[no-any-return]
        ReconciliationRow.objects.select_related("reconciliation__plan__region"), pk=row_pk,
        reconciliation=reconciliation,
    )


# --- 三色督办 ------------------------------------------------------------------------------------------


def department_lights(data: RoundResults) -> dict[int, Light]:
    """Department id → its 督办 colour in the round (its worst reported target's)."""
    statuses: dict[int, list[Status]] = defaultdict(list)
    for result in data.results:
        statuses[result.slot.department.pk].append(result.assessment.status)
    return {pk: unit_light(found) for pk, found in statuses.items()}


@dataclass(frozen=True, slots=True)
class UnitSupervision:
    """A department's colour in a round, how many closed rounds in a row it has been red, and its card."""

    department: Department
    light: Light
    red_rounds: int
    card: Card | None

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


def supervision(data: RoundResults) -> list[UnitSupervision]:
    """三色督办 of a round: each department's colour now, and its 黄牌/红牌 from the red streak over the ledger's
    closed rounds up to this one (an open round's colour is provisional and does not count towards a card)."""
    reporting_round = data.reporting_round
    yellow_after, red_after = int(settings.CARD_YELLOW_ROUNDS), int(settings.CARD_RED_ROUNDS)
    earlier = list(
        RoundFigures.objects.filter(round__ledger_id=reporting_round.ledger_id,
                                    round__period_end__lt=reporting_round.period_end)
        .order_by("-round__period_end")
        .values_list("department_lights", flat=True)[: max(yellow_after, red_after)]
    )[::-1]
    lights_now = department_lights(data)
    rows = []
    for pk, light in lights_now.items():
        history = [Light(stored.get(str(pk), Light.NONE)) for stored in earlier]
        if reporting_round.status == RoundStatus.CLOSED:
            history.append(light)
        streak = red_streak(history)
        card = escalation_card(streak, yellow_after_rounds=yellow_after, red_after_rounds=max(red_after, yellow_after))
        rows.append(UnitSupervision(data.departments[pk], light, streak, card))
    order = {Light.RED: 0, Light.YELLOW: 1, Light.NONE: 2, Light.GREEN: 3}
    return sorted(rows, key=lambda row: (row.card is None, row.card != Card.RED, order[row.light], -row.red_rounds,
                                         row.department.region.code, department_label(row.department)))


def supervision_legend(reporting_round: ReportingRound) -> tuple[tuple[str, str, str], ...]:
    """(css colour, label, rule) of each colour and of the cards, as shown beside them."""
    yellow_after, red_after = int(settings.CARD_YELLOW_ROUNDS), int(settings.CARD_RED_ROUNDS)
    return (
        *((str(light), label, rule) for light, label, rule in light_rules(reporting_round.severe_lag_points)),
        ("card-yellow", str(Card.YELLOW), f"连续{yellow_after}轮红灯 (按已截止轮次)"),
        ("card-red", str(Card.RED), f"连续{max(red_after, yellow_after)}轮红灯 (按已截止轮次)"),
    )


def last_reminders(reporting_round: ReportingRound) -> dict[int, ReminderLog]:
    """Department id → the latest reminder logged for it in the round (any kind, any channel)."""
    latest: dict[int, ReminderLog] = {}
    for log in reporting_round.reminders.order_by("sent_at", "pk").only("department_id", "kind", "sent_at"):
        latest[log.department_id] = log
    return latest


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
