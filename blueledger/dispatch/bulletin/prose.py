"""`bulletin_data`: what a round's bulletin says, in words, from the round's facts as plain data.

The caller (dispatch.bulletin_facts) reads the database and hands over `RoundFacts`: counts, one row per
target with its lead department, the ranking, the trend. Here those become the bulletin's sentences, key
figures, tables and chart series (`BulletinData`), without Django, so the wording is tested on its own.

Missing is not zero: an unreported target is written 未报送, its chart value is None, and every mean
completion stands beside its 报送率.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from blueledger.dispatch.bulletin.data import (
    BulletinData,
    ChartSeries,
    InstructionRow,
    KeyFigure,
    LaggingRow,
    ProjectsPart,
    RankingRow,
    SectionProgress,
    TargetRow,
    TrendSeries,
    chart_label,
)
from blueledger.lib.numbers import format_percent

TARGET_ROWS_PER_SECTION = 40
NOT_REPORTED = "未报送"
TITLE_NAME_CHARS = 40


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Targets of a group by status; `reported` = total − not_reported."""

    total: int
    completed: int
    on_schedule: int
    lagging: int
    severely_lagging: int
    overdue: int
    not_reported: int

    @property
    def reported(self) -> int:
        return self.total - self.not_reported

    @property
    def behind(self) -> int:
        return self.lagging + self.severely_lagging + self.overdue


@dataclass(frozen=True, slots=True)
class TargetFact:
    """One target as the bulletin lists it: the lead department's report, named with the lead department
    (a supporting department's report never makes a second row that names it 牵头单位)."""

    task: str
    target: str
    actual: str  # the reported value with its unit, or 未报送
    completion: Decimal | None
    status: str
    lead_department: str
    explanation: str


@dataclass(frozen=True, slots=True)
class SectionFact:
    title: str  # without its number: 发展海洋经济
    counts: StatusCounts
    targets: tuple[TargetFact, ...]
    mean_completion: Decimal | None


@dataclass(frozen=True, slots=True)
class UnitFact:
    """A department's mean completion (None: it reported nothing) and its 报送率."""

    label: str
    mean_completion: Decimal | None
    reported: int
    total: int


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """What the database knows of a round, for its bulletin.

    `office` is the issuing office's full name (署名 and 版头); `printed_by` the 印发机关 of the 版记 (the
    office's 办公室 when blank); `issue_number` counts the bulletins of the ledger in `issue_year` (第N期);
    `lagging` is in order of attention.
    """

    ledger_title: str
    office: str
    issue_year: int
    issue_number: int
    period_label: str
    period_end: datetime.date
    issued_on: datetime.date
    counts: StatusCounts
    mean_completion: Decimal | None
    elapsed: Decimal
    binding_lagging: int
    sections: tuple[SectionFact, ...]
    lagging: tuple[TargetFact, ...]
    ranking: tuple[RankingRow, ...]
    weights: Mapping[str, str]
    units: tuple[UnitFact, ...]
    trend: TrendSeries
    projects: ProjectsPart | None = None
    kind: str = "调度通报"
    copy_to: str = "各责任单位"
    printed_by: str = ""
    instructions: tuple[InstructionRow, ...] = ()


_BOOK_TITLE = re.compile(r"《(?P<title>[^《》]+)》")
_DRAFT_MARK = re.compile(r"[（(]?(?:征求意见稿|送审稿|草案|讨论稿)[）)]?$")


def book_title(title: str) -> str:
    """A title in 书名号; a 书名号 inside becomes 〈〉 (GB/T 15834: 《》 is never nested in 《》)."""
    return f"《{title.replace('《', '〈').replace('》', '〉')}》"


def bulletin_title(ledger_title: str) -> str:
    """The bulletin's title from its ledger's: a notice that carries a plan (关于对《…方案征求意见稿》征求意见的
    通知) is titled by the plan it carries, without the draft mark."""
    book = _BOOK_TITLE.search(ledger_title)
    name = _DRAFT_MARK.sub("", book.group("title")) if book else ledger_title
    return f"{name[:TITLE_NAME_CHARS]}调度通报"


def completion_with_reporting(mean: Decimal | None, reported: int, total: int) -> str:
    """平均完成率 as the bulletin prints it: 50.0%（报送率1/4）, or 未报送（报送率0/4）."""
    return f"{format_percent(mean, missing=NOT_REPORTED)}（报送率{reported}/{total}）"


def bulletin_data(facts: RoundFacts) -> BulletinData:
    """The bulletin's words, tables and charts for a round."""
    counts = facts.counts
    end = facts.period_end
    overview = (
        f"截至{end.year}年{end.month}月{end.day}日, {book_title(facts.ledger_title)}共调度目标{counts.total}项, "
        f"已报送{counts.reported}项; 已完成{counts.completed}项, 序时推进{counts.on_schedule}项, "
        f"滞后{counts.lagging}项, 严重滞后{counts.severely_lagging}项, 逾期未完成{counts.overdue}项, "
        f"未报送{counts.not_reported}项。",
    )
    key_figures = (
        KeyFigure("调度目标", f"{counts.total}项"),
        KeyFigure("平均完成率", completion_with_reporting(facts.mean_completion, counts.reported, counts.total)),
        KeyFigure("序时进度", format_percent(facts.elapsed)),
        KeyFigure("约束性目标滞后", f"{facts.binding_lagging}项"),
    )
    sections = tuple(
        SectionProgress(
            title=section.title,
            paragraphs=(
                f"本部分调度目标{section.counts.total}项, 已报送{section.counts.reported}项, "
                f"已完成{section.counts.completed}项, 滞后及以下{section.counts.behind}项。",
            ),
            targets=tuple(_target_row(target) for target in section.targets[:TARGET_ROWS_PER_SECTION]),
        )
        for section in facts.sections
    )
    lagging = tuple(
        LaggingRow(task=target.task, target=target.target, lead_department=target.lead_department,
                   status=target.status, explanation=target.explanation)
        for target in facts.lagging
    )
    weights = facts.weights
    ranking_paragraphs = (
        f"按各单位自身目标的完成情况计分 (单项完成率封顶100%), 确保类目标权重{weights.get('binding')}, "
        f"力争{weights.get('strive')}, 争取{weights.get('try')}, 未注明{weights.get('none')}; 未报送的目标计0分。"
        "不以打卡、留痕次数等计分。",
    )
    return BulletinData(
        title=bulletin_title(facts.ledger_title),
        issuer=facts.office,
        round_label=f"（{facts.period_label}）",
        issued_on=facts.issued_on,
        overview_paragraphs=overview,
        key_figures=key_figures,
        sections=sections,
        lagging=lagging,
        ranking_paragraphs=ranking_paragraphs,
        ranking=facts.ranking,
        completion_by_section=ChartSeries(
            "各部分目标平均完成率", tuple(chart_label(s.title) for s in facts.sections),
            tuple(s.mean_completion for s in facts.sections), reference=facts.elapsed,
        ),
        completion_by_department=ChartSeries(
            "各单位目标平均完成率", tuple(chart_label(u.label) for u in facts.units),
            tuple(u.mean_completion for u in facts.units), reference=facts.elapsed,
        ),
        trend=facts.trend,
        projects=facts.projects,
        masthead=f"{facts.office}{facts.kind}",
        issue_label=f"{facts.issue_year}年第{facts.issue_number}期",
        copy_to=facts.copy_to,
        instructions=facts.instructions,
        printed_by=facts.printed_by or (facts.office if facts.office.endswith("办公室") else f"{facts.office}办公室"),
    )


def _target_row(target: TargetFact) -> TargetRow:
    return TargetRow(task=target.task, target=target.target, actual=target.actual, completion=target.completion,
                     status=target.status, lead_department=target.lead_department)


__all__ = [
    "RoundFacts", "SectionFact", "StatusCounts", "TargetFact", "UnitFact", "book_title", "bulletin_data",
    "bulletin_title", "completion_with_reporting",
]
