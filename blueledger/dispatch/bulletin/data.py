"""What a bulletin (调度通报) says, as plain data: the caller computes it, `render_bulletin` only lays it out.

Numbers that are shares (completion, scores) are fractions in [0, 1] or above; the renderer prints them
as percentages. Labels and paragraphs are Chinese text as it should appear.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A headline number of 总体情况, already written out (label 目标总数, value 200项)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One target in a section's table: what was aimed at, what was done, completion and status label."""

    task: str
    target: str
    actual: str
    completion: Decimal | None
    status: str
    lead_department: str


@dataclass(frozen=True, slots=True)
class SectionProgress:
    """A section of 分项进展: its heading (without 一、/（一）), paragraphs and the table of its targets."""

    title: str
    paragraphs: tuple[str, ...]
    targets: tuple[TargetRow, ...]


@dataclass(frozen=True, slots=True)
class LaggingRow:
    """A row of 滞后事项清单."""

    task: str
    target: str
    lead_department: str
    status: str
    explanation: str


@dataclass(frozen=True, slots=True)
class RankingRow:
    """A row of 排名情况: score is a fraction in [0, 1]; change is previous rank − rank, None if new;
    `reported` of `targets` is the unit's 报送率 printed beside the score (an unreported target scores 0)."""

    rank: int
    unit: str
    score: Decimal
    change: int | None
    reported: int | None = None
    targets: int | None = None


# A bar chart's category labels keep their first ten characters, so that the bars keep their width.
CHART_LABEL_CHARS = 10


def chart_label(text: str) -> str:
    """A category label as a chart prints it: 青岛市海洋发展局渔业处 → 青岛市海洋发展局渔业."""
    return text[:CHART_LABEL_CHARS]


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """Labels with one value each (completion fractions), drawn as a bar chart in the given order.

    A value of None is a label nothing was reported for: it is drawn as 未报送, never as a 0 bar.
    `reference` (a fraction, usually the 序时进度) is drawn as a line; bars below it are marked.
    """

    title: str
    labels: tuple[str, ...]
    values: tuple[Decimal | None, ...]
    reference: Decimal | None = None
    reference_label: str = "序时进度"

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.values):
            raise ValueError(f"图表「{self.title}」的标签数 {len(self.labels)} 与数值数 {len(self.values)} 不一致")


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """Completion over rounds (one value per round label), with the 序时进度 line of the same rounds.

    None is a round with nothing reported (or no stored figure): a gap in the line, never a 0.
    """

    title: str
    round_labels: tuple[str, ...]
    completion: tuple[Decimal | None, ...]
    elapsed: tuple[Decimal | None, ...]

    def __post_init__(self) -> None:
        if not len(self.round_labels) == len(self.completion) == len(self.elapsed):
            raise ValueError(f"趋势图「{self.title}」的期数与数值个数不一致")


@dataclass(frozen=True, slots=True)
class ProjectGroupRow:
    """A district or a track in the 重点项目 tables: amounts in 亿元, rates as fractions (None: no denominator)."""

    label: str
    projects: int
    total_investment_yi: Decimal
    annual_plan_yi: Decimal
    completed_yi: Decimal
    started_rate: Decimal | None
    annual_completion_rate: Decimal | None
    listed_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class LaggingProjectRow:
    """A key project whose completion of its annual plan is below 序时进度."""

    name: str
    district: str
    track: str
    annual_plan_yi: Decimal
    completed_yi: Decimal
    completion_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class ProjectsPart:
    """The 重点项目推进情况 part, printed after 分项进展 when the region keeps a key-project registry.

    `lagging` lists the worst projects behind 序时进度; `lagging_total` counts all of them, so the bulletin
    can say how many more there are.
    """

    paragraphs: tuple[str, ...]
    by_district: tuple[ProjectGroupRow, ...]
    by_track: tuple[ProjectGroupRow, ...]
    completion_by_district: ChartSeries
    lagging: tuple[LaggingProjectRow, ...]
    lagging_total: int


@dataclass(frozen=True, slots=True)
class InstructionRow:
    """A leader's 批示 on the previous bulletin and whether it was carried out (`note` says how)."""

    author: str
    written_on: datetime.date
    text: str
    implemented: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class BulletinData:
    """Everything one bulletin prints, in the order of its parts: 总体情况, 分项进展, (重点项目推进情况),
    滞后事项清单, 排名情况.

    `masthead` (青岛市海洋发展局调度通报) heads the 版头 in red 小标宋, with `issue_label` (2025年第3期) under
    it, then the line of `printed_by` and `issued_on` over the red rule (反线). `round_label` is printed
    under the title ((2025年10月)); `issued_on` is also the 成文日期 under the signature `issuer` (the office's
    full name), written without leading zeros. The 版记 at the end names `copy_to` (抄送) and `printed_by`
    (印发机关) with the 印发日期. Without a masthead the bulletin starts at its title (no 版头).
    `instructions`, the leaders' 批示 on the previous bulletin, open the text under 领导批示 when there are any.
    """

    title: str
    issuer: str
    round_label: str
    issued_on: datetime.date
    overview_paragraphs: tuple[str, ...]
    key_figures: tuple[KeyFigure, ...]
    sections: tuple[SectionProgress, ...]
    lagging: tuple[LaggingRow, ...]
    ranking_paragraphs: tuple[str, ...]
    ranking: tuple[RankingRow, ...]
    completion_by_section: ChartSeries
    completion_by_department: ChartSeries
    trend: TrendSeries
    recipients: str | None = None
    projects: ProjectsPart | None = None
    masthead: str | None = None
    issue_label: str = ""
    copy_to: str = ""
    printed_by: str = ""
    instructions: tuple[InstructionRow, ...] = ()


@dataclass(frozen=True, slots=True)
class AmountSeries:
    """Amounts over periods (one line per name), drawn with the unit on the axis: 海洋生产总值 by year."""

    title: str
    unit: str
    period_labels: tuple[str, ...]
    lines: tuple[tuple[str, tuple[Decimal | None, ...]], ...]

    def __post_init__(self) -> None:
        for name, values in self.lines:
            if len(values) != len(self.period_labels):
                raise ValueError(f"图表「{self.title}」中「{name}」的数值个数与期数不一致")


@dataclass(frozen=True, slots=True)
class ReportTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths; scaled to fill the 版心


@dataclass(frozen=True, slots=True)
class ReportSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    charts: tuple[AmountSeries, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """Another product in the bulletin's GB/T 9704 layout (季度评估, 年度报告): numbered 一、 sections of
    paragraphs, tables and amount charts, then the issuer and date."""

    title: str
    subtitle: str
    issuer: str
    issued_on: datetime.date
    sections: tuple[ReportSection, ...]
