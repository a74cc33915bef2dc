"""The facts of a round's bulletin, read from the database (dispatch's selectors and the key-project
registry); the words are the bulletin engine's (`bulletin.prose.bulletin_data`), the layout its renderer.

    bulletin_docx(reporting_round)  →  .docx bytes
    bulletin_pdf(reporting_round)   →  PDF bytes (LibreOffice; the 版记 on an even page)
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from blueledger.dispatch.bulletin import (
    ChartSeries,
    InstructionRow,
    LaggingProjectRow,
    ProjectGroupRow,
    ProjectsPart,
    RankingRow,
    TrendSeries,
    chart_label,
    pdf,
    render_bulletin,
)
from blueledger.dispatch.bulletin.prose import (
    NOT_REPORTED,
    RoundFacts,
    SectionFact,
    StatusCounts,
    TargetFact,
    UnitFact,
    bulletin_data,
)
from blueledger.dispatch.choices import InstructionStatus
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.progress import RollUp, Status
from blueledger.dispatch.selectors.bulletin import bulletin_settings_get
from blueledger.dispatch.selectors.dashboard import dashboard
from blueledger.dispatch.selectors.figures import SlotResult, department_label
from blueledger.dispatch.selectors.instructions import instructions_for_bulletin
from blueledger.lib.numbers import format_quantity
from blueledger.orgs.models import Region
from blueledger.projects import indicators as project_figures
from blueledger.projects.selectors import projects_bulletin_section, region_has_projects


def bulletin_docx(reporting_round: ReportingRound, *, issued_on: datetime.date | None = None,
                  copy_to: str | None = None, printed_by: str | None = None) -> bytes:
    return render_bulletin(bulletin_data(round_facts(reporting_round, issued_on=issued_on, copy_to=copy_to,
                                                     printed_by=printed_by)))


def bulletin_pdf(reporting_round: ReportingRound, *, issued_on: datetime.date | None = None,
                 copy_to: str | None = None, printed_by: str | None = None) -> bytes:
    return pdf.bulletin_pdf(bulletin_data(round_facts(reporting_round, issued_on=issued_on, copy_to=copy_to,
                                                      printed_by=printed_by)))


def bulletin_filename(reporting_round: ReportingRound) -> str:
    return f"调度通报-{reporting_round.title}-{reporting_round.pk}.docx"


def round_facts(reporting_round: ReportingRound, *, issued_on: datetime.date | None = None,
                copy_to: str | None = None, printed_by: str | None = None) -> RoundFacts:
    """What the round's bulletin reports, from the same figures as the dashboard.

    The 版记's 抄送 and 印发机关 are `copy_to` and `printed_by` when given (the command's options), else what
    the ledger's office set (`BulletinSettings`), else the defaults.

    One row per target in the tables: the lead department's slot (a target with a lead and a supporting
    department used to appear twice, the second row naming the supporter as 牵头单位).
    """
    board = dashboard(reporting_round)
    ledger = reporting_round.ledger
    chosen = _lead_results(board.data.results)
    lead_of = {id(result): label for result, label in chosen.values()}
    facts_of = {id(result): _target_fact(result, label) for result, label in chosen.values()}
    by_section: dict[str, list[TargetFact]] = defaultdict(list)
    for result, _ in chosen.values():
        by_section[result.section].append(facts_of[id(result)])
    sections = tuple(
        SectionFact(title=title.split(" ", 1)[-1], counts=_counts(rollup), targets=tuple(by_section.get(title, ())),
                    mean_completion=rollup.mean_completion)
        for title, rollup in board.sections.items()
    )
    office = office_full_name(ledger.issuer, ledger.region.name)
    stored = bulletin_settings_get(ledger)
    copy_to = copy_to if copy_to is not None else stored.copy_to
    extra = {"copy_to": copy_to} if copy_to else {}
    return RoundFacts(
        ledger_title=ledger.title,
        office=office,
        issue_year=reporting_round.period_end.year,
        issue_number=issue_number(reporting_round),
        period_label=reporting_round.title.removesuffix("调度"),
        period_end=reporting_round.period_end,
        issued_on=issued_on or _issued_on(reporting_round),
        counts=_counts(board.overall),
        mean_completion=board.overall.mean_completion,
        elapsed=board.data.elapsed,
        binding_lagging=board.overall.binding_lagging,
        sections=sections,
        lagging=tuple(facts_of[id(r)] for r in board.attention if id(r) in lead_of),
        ranking=tuple(RankingRow(rank=row.rank, unit=row.label, score=row.score, change=row.change,
                                 reported=row.reported, targets=row.total) for row in board.ranking),
        weights={key: str(value) for key, value in reporting_round.hardness_weights.items()},
        units=tuple(UnitFact(label=label, mean_completion=rollup.mean_completion, reported=rollup.reported,
                             total=rollup.total) for label, rollup in board.departments.items()),
        trend=TrendSeries(
            "各期平均完成率",
            tuple(label for label, _, _ in board.trend),
            tuple(value for _, value, _ in board.trend),
            tuple(elapsed for _, _, elapsed in board.trend),
        ),
        projects=projects_part(ledger.region, reporting_round.period_end),
        printed_by=printed_by if printed_by is not None else stored.printed_by,
        instructions=tuple(
            InstructionRow(author=str(item.author), written_on=timezone.localtime(item.written_at).date(),
                           text=item.text, implemented=item.status == InstructionStatus.IMPLEMENTED,
                           note=item.implemented_note)
            for item in instructions_for_bulletin(reporting_round)
        ),
        **extra,
    )


def issue_number(reporting_round: ReportingRound) -> int:
    """第N期: the round's place among its ledger's rounds ending in the same year (by period, then opening)."""
    end = reporting_round.period_end
    earlier = Q(period_end__lt=end) | Q(period_end=end, pk__lt=reporting_round.pk)
    return ReportingRound.objects.filter(earlier, ledger_id=reporting_round.ledger_id,
                                         period_end__year=end.year).count() + 1


def office_full_name(issuer: str, region_name: str) -> str:
    """The issuing office's full name for the 版头 and the signature: 市海洋发展局 of 青岛市 is 青岛市海洋发展局."""
    if not issuer:
        return f"{region_name}海洋发展局"
    level = region_name[-1:]
    if issuer.startswith(level) and not issuer.startswith(region_name):
        return region_name + issuer[1:]
    return issuer


def _lead_results(results: list[SlotResult]) -> dict[int, tuple[SlotResult, str]]:
    """Per target (in the round's order): the lead slot's result, or the first slot's when none leads."""
    chosen: dict[int, tuple[SlotResult, str]] = {}
    for result in results:
        key = result.quantity.pk
        if key not in chosen or (result.slot.is_lead and not chosen[key][0].slot.is_lead):
            chosen[key] = (result, department_label(result.slot.department))
    return chosen


def _target_fact(result: SlotResult, lead: str) -> TargetFact:
    task = result.quantity.task
    actual = result.assessment.actual
    return TargetFact(
        task=f"{task.key} {task.title}" if task else "",
        target=result.target_text,
        actual=format_quantity(actual, result.quantity.unit, missing=NOT_REPORTED),
        completion=result.assessment.completion,
        status=str(result.assessment.status),
        lead_department=lead,
        explanation=result.assessment.explanation,
    )


def _counts(rollup: RollUp) -> StatusCounts:
    counts = rollup.counts
    return StatusCounts(
        total=rollup.total, completed=counts[Status.COMPLETED], on_schedule=counts[Status.ON_SCHEDULE],
        lagging=counts[Status.LAGGING], severely_lagging=counts[Status.SEVERELY_LAGGING],
        overdue=counts[Status.OVERDUE], not_reported=counts[Status.NOT_REPORTED],
    )


def _issued_on(reporting_round: ReportingRound) -> datetime.date:
    """The day the round closed, or today, in Beijing (closed_at is stored in UTC: 20:00 UTC is the next day)."""
    return timezone.localdate(reporting_round.closed_at) if reporting_round.closed_at else timezone.localdate()


BULLETIN_LAGGING_PROJECTS = 15


def projects_part(region: Region, as_of: datetime.date) -> ProjectsPart | None:
    """The bulletin's 重点项目推进情况 of the ledger's region at the round's month; None without a registry."""
    if not region_has_projects(region):
        return None
    section = projects_bulletin_section(region, as_of, lagging_limit=BULLETIN_LAGGING_PROJECTS)
    overall = section.overall
    totals = overall.totals
    percent, yi = project_figures.percent_text, project_figures.yi_text
    gap = overall.schedule_gap
    against_schedule = (
        "" if gap is None
        else f", {'超过' if gap >= 0 else '落后'}序时进度{abs(gap * 100).quantize(Decimal('0.01'))}个百分点"
    )
    paragraph = (
        f"截至{section.year}年{section.month}月底, {section.region_name}重点项目{totals.projects}个, "
        f"总投资{yi(totals.total_investment_wan)}亿元; 开工在建{totals.started}个, "
        f"开工在建率{percent(overall.started_rate)}; 年度计划投资{yi(totals.annual_plan_wan)}亿元, "
        f"累计完成投资{yi(totals.completed_wan)}亿元, "
        f"年度计划投资完成率{percent(overall.annual_completion_rate)}{against_schedule}; "
        f"已入统{totals.listed_started}个, 列统率{percent(overall.listed_rate)}。"
    )

    def group_row(figures: project_figures.ProjectFigures) -> ProjectGroupRow:
        return ProjectGroupRow(
            label=figures.label,
            projects=figures.totals.projects,
            total_investment_yi=figures.total_investment_yi,
            annual_plan_yi=figures.annual_plan_yi,
            completed_yi=figures.completed_yi,
            started_rate=figures.started_rate,
            annual_completion_rate=figures.annual_completion_rate,
            listed_rate=figures.listed_rate,
        )

    return ProjectsPart(
        paragraphs=(paragraph,),
        by_district=tuple(group_row(f) for f in section.by_district),
        by_track=tuple(group_row(f) for f in section.by_track),
        completion_by_district=ChartSeries(
            "各区市年度计划投资完成率", tuple(chart_label(f.label) for f in section.by_district),
            tuple(f.annual_completion_rate for f in section.by_district),
            reference=overall.schedule_rate,
        ),
        lagging=tuple(
            LaggingProjectRow(
                name=project.name, district=project.district, track=project.track,
                annual_plan_yi=project_figures.wan_to_yi(project.annual_plan_wan),
                completed_yi=project_figures.wan_to_yi(project.completed_wan),
                completion_rate=project.completion_rate,
            )
            for project in section.lagging
        ),
        lagging_total=section.lagging_total,
    )
