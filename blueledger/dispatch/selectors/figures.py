"""The figures of a round computed by the engines: status per slot, rankings, the figures a closed round
stores, and the fill-once counts."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from blueledger.dispatch.choices import HANDED_IN
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.dispatch.progress import (
    Assessment,
    Light,
    Reading,
    Status,
    TargetSpec,
    UnitMismatch,
    assess_target,
    describe_target,
    elapsed_share,
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
from blueledger.ledgers.choices import OP_FROM_ENGINE, Hardness
from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask
from blueledger.orgs.models import Department

OP_TO_ENGINE = {str(choice): spelling for spelling, choice in OP_FROM_ENGINE.items()}
HARDNESS_TO_ENGINE = {Hardness.ENSURE: "确保", Hardness.STRIVE: "力争", Hardness.AIM: "争取"}


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


def group_assessments(results: Iterable[SlotResult], key: Any) -> dict[str, list[Assessment]]:
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


def department_lights(data: RoundResults) -> dict[int, Light]:
    """Department id → its 督办 colour in the round (its worst reported target's)."""
    statuses: dict[int, list[Status]] = defaultdict(list)
    for result in data.results:
        statuses[result.slot.department.pk].append(result.assessment.status)
    return {pk: unit_light(found) for pk, found in statuses.items()}
