"""Plain factories for the dispatch engine tests: targets, readings and bulletin data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from blueledger.dispatch.bulletin import (
    BulletinData,
    ChartSeries,
    KeyFigure,
    LaggingProjectRow,
    LaggingRow,
    ProjectGroupRow,
    ProjectsPart,
    RankingRow,
    SectionProgress,
    TargetRow,
    TrendSeries,
)
from blueledger.dispatch.progress import Assessment, Reading, TargetSpec, assess_target

YEAR_START = datetime.date(2025, 1, 1)
YEAR_END = datetime.date(2025, 12, 31)
END_OF_SEPTEMBER = datetime.date(2025, 9, 30)
TOLERANCE_SHARE = Decimal("0.05")
SEVERE_LAG_POINTS = Decimal(20)


def make_spec(
    value: str = "30",
    unit: str = "个",
    op: str = ">=",
    *,
    hardness: str | None = None,
    value_max: str | None = None,
    deadline: datetime.date | None = YEAR_END,
    period_start: datetime.date = YEAR_START,
) -> TargetSpec:
    return TargetSpec(
        value=Decimal(value),
        value_max=Decimal(value_max) if value_max is not None else None,
        unit=unit,
        op=op,
        hardness=hardness,
        deadline=deadline,
        period_start=period_start,
    )


def make_reading(value: str, unit: str = "个", as_of: datetime.date = END_OF_SEPTEMBER) -> Reading:
    return Reading(value=Decimal(value), unit=unit, as_of=as_of)


def assess(spec: TargetSpec, reading: Reading | None, as_of: datetime.date = END_OF_SEPTEMBER) -> Assessment:
    return assess_target(
        spec, reading, as_of=as_of, tolerance_share=TOLERANCE_SHARE, severe_lag_points=SEVERE_LAG_POINTS
    )


def make_bulletin_data(*, sections: int = 3, targets_per_section: int = 4, departments: int = 6,
                       rounds: int = 4) -> BulletinData:
    department_names = [f"市第{n}局" for n in range(1, departments + 1)]
    section_list = []
    for s in range(sections):
        rows = tuple(
            TargetRow(
                task=f"任务{s + 1}.{t + 1}",
                target=f"新签约海洋项目≥{10 + t}个",
                actual=f"{5 + t}个",
                completion=Decimal(5 + t) / Decimal(10 + t),
                status="滞后" if t % 2 else "序时推进",
                lead_department=department_names[(s + t) % departments],
            )
            for t in range(targets_per_section)
        )
        section_list.append(
            SectionProgress(title=f"第{s + 1}部分重点任务", paragraphs=(f"本部分共{targets_per_section}项目标。",),
                            targets=rows)
        )
    return BulletinData(
        title="全市海洋发展重点任务调度通报",
        issuer="市海洋发展局",
        round_label="2025年第9期（9月）",
        issued_on=datetime.date(2025, 10, 8),
        overview_paragraphs=("截至9月底, 全市海洋发展重点任务总体序时推进。",),
        key_figures=(KeyFigure("目标总数", f"{sections * targets_per_section}项"), KeyFigure("序时进度", "75.0%")),
        sections=tuple(section_list),
        lagging=(
            LaggingRow("任务1.2", "新签约海洋项目≥11个", department_names[0], "严重滞后",
                       "目标≥11个(确保), 已完成2个 (18.2%), 序时进度75.0%, 滞后56.8个百分点"),
        ),
        ranking_paragraphs=("按各单位自身目标完成情况计分。",),
        ranking=tuple(
            RankingRow(rank=n + 1, unit=name, score=Decimal(1) - Decimal(n) / 100, change=(1 if n % 2 else None))
            for n, name in enumerate(department_names)
        ),
        completion_by_section=ChartSeries(
            "各部分目标完成率", tuple(f"第{s + 1}部分" for s in range(sections)),
            tuple(Decimal("0.6") + Decimal(s) / 10 for s in range(sections)), reference=Decimal("0.75"),
        ),
        completion_by_department=ChartSeries(
            "各单位目标完成率", tuple(department_names),
            tuple(Decimal("0.5") + Decimal(n) / (2 * departments) for n in range(departments)),
            reference=Decimal("0.75"),
        ),
        trend=TrendSeries(
            "各期平均完成率", tuple(f"{m + 1}月" for m in range(rounds)),
            tuple(Decimal(m + 1) / Decimal(rounds + 2) for m in range(rounds)),
            tuple(Decimal(m + 1) / 12 for m in range(rounds)),
        ),
        recipients="各区（市）海洋发展局，市直有关部门",
    )


def make_project_group(label: str, projects: int = 10, *, completion: str | None = "0.55") -> ProjectGroupRow:
    return ProjectGroupRow(
        label=label,
        projects=projects,
        total_investment_yi=Decimal("224.655"),
        annual_plan_yi=Decimal("31.06"),
        completed_yi=Decimal("17.2"),
        started_rate=Decimal(8) / Decimal(10),
        annual_completion_rate=Decimal(completion) if completion is not None else None,
        listed_rate=None,
    )


def make_projects_part(*, lagging: int = 3, lagging_total: int = 3) -> ProjectsPart:
    districts = ("市南区", "黄岛区", "即墨区")
    return ProjectsPart(
        paragraphs=("截至6月底, 全市重点项目90个, 开工在建率84.44%。",),
        by_district=tuple(make_project_group(name) for name in districts),
        by_track=(make_project_group("海洋装备", 15), make_project_group("航运金融", 15, completion=None)),
        completion_by_district=ChartSeries(
            "各区市年度计划投资完成率", districts, (Decimal("0.4"), Decimal("0.55"), Decimal("0.7")),
            reference=Decimal("0.5"),
        ),
        lagging=tuple(
            LaggingProjectRow(name=f"海洋项目{n}", district=districts[n % 3], track="海洋装备",
                              annual_plan_yi=Decimal("5.18"), completed_yi=Decimal(n), completion_rate=Decimal(n) / 10)
            for n in range(lagging)
        ),
        lagging_total=lagging_total,
    )
