"""The 季度评估 (quarterly assessment) of a region as .docx, in the bulletin's GB/T 9704 layout (dispatch
.bulletin.render_report): the latest figures with their sources, value added by industry, the trajectories
of bound targets and the composite indices. Every number is printed by lib.numbers; a missing one as —."""

from __future__ import annotations

import datetime

from blueledger.dispatch.bulletin import AmountSeries, ReportDocument, ReportSection, ReportTable, render_report
from blueledger.economy import selectors
from blueledger.economy.choices import Indicator
from blueledger.economy.models import CompositeIndex, EconomyFigure
from blueledger.lib.numbers import format_decimal, format_percent, format_quantity
from blueledger.orgs.models import Region


def _where(figure: EconomyFigure) -> str:
    return f"{figure.get_origin_display()}: {figure.source or figure.method}"


def _overview(region: Region, year: int) -> ReportSection:
    series = [f for f in selectors.series_of(indicator=Indicator.OCEAN_GDP, region=region) if f.year <= year]
    if not series:
        return ReportSection("总体情况", (f"截至{year}年, {region.name}尚无海洋生产总值数据。",))
    latest = series[-1]
    growth = {f.year: f for f in selectors.series_of(indicator=Indicator.OCEAN_GDP_GROWTH, region=region)}
    share = {f.year: f for f in selectors.series_of(indicator=Indicator.GDP_SHARE, region=region)}
    sentence = f"{latest.year}年, {region.name}海洋生产总值{format_quantity(latest.value, latest.unit)}"
    if latest.year in growth:
        sentence += f", 比上年增长{format_quantity(growth[latest.year].value, '%')}"
    if latest.year in share:
        sentence += f", 占地区生产总值比重{format_quantity(share[latest.year].value, '%')}"
    rows = tuple(
        (
            str(f.year), format_decimal(f.value),
            format_decimal(growth[f.year].value) if f.year in growth else "—",
            format_decimal(share[f.year].value) if f.year in share else "—",
            _where(f),
        )
        for f in series
    )
    chart = AmountSeries("海洋生产总值", latest.unit, tuple(str(f.year) for f in series),
                         ((region.name, tuple(f.value for f in series)),))
    return ReportSection(
        "总体情况",
        (sentence + "。", "数据出处见下表; 增速为可比价 (注明现价的除外)。"),
        tables=(ReportTable(("年度", "海洋生产总值(亿元)", "增速(%)", "占比(%)", "出处"), rows, (1, 2, 1, 1, 4)),),
        charts=(chart,) if len(series) > 1 else (),
    )


def _industries(region: Region, year: int) -> ReportSection:
    years = sorted({y for code, _, y in selectors.breakdown_choices() if code == region.code and y <= year})
    if not years:
        return ReportSection("分产业情况", ("尚无分产业增加值数据。",))
    figures = selectors.industry_breakdown(region_code=region.code, year=years[-1])
    rows = tuple(
        (f.industry.name if f.industry else "—", format_decimal(f.value), f.note or "", _where(f)) for f in figures
    )
    return ReportSection(
        "分产业情况",
        (f"{years[-1]}年分产业 (类别) 增加值如下。",),
        tables=(ReportTable(("产业或类别", "增加值(亿元)", "说明", "出处或计算方法"), rows, (3, 2, 2, 4)),),
    )


def _targets(region: Region) -> ReportSection:
    items = selectors.target_trajectories(region=region)
    if not items:
        return ReportSection("目标进度", ("尚无与经济指标绑定的台账目标。",))
    paragraphs = []
    rows = []
    for item in items:
        quantity, trajectory = item.binding.quantity, item.trajectory
        latest = trajectory.latest
        verdict = "无法判断" if trajectory.on_track is None else ("按进度" if trajectory.on_track else "滞后")
        rows.append((
            quantity.metric,
            f"{quantity.get_op_display()}{format_quantity(quantity.value, quantity.unit)}"
            f" ({quantity.deadline.year if quantity.deadline else '未定'}年)",
            f"{format_quantity(latest.value, quantity.unit)} ({latest.year}年)" if latest else "—",
            format_percent(trajectory.required_annual_growth),
            verdict,
        ))
        if latest and trajectory.required_annual_growth is not None and quantity.deadline:
            paragraphs.append(
                f"{quantity.metric}: 到{quantity.deadline.year}年目标{format_quantity(quantity.value, quantity.unit)}, "
                f"{latest.year}年为{format_quantity(latest.value, quantity.unit)}, "
                f"需年均增长{format_percent(trajectory.required_annual_growth)}。"
            )
    return ReportSection(
        "目标进度",
        tuple(paragraphs),
        tables=(ReportTable(("目标", "目标值", "最新值", "年均所需增速", "判断"), tuple(rows), (3, 2, 2, 2, 1)),),
    )


def _indices(region: Region) -> ReportSection | None:
    rows = []
    for index in CompositeIndex.objects.order_by("name"):
        series = selectors.composite_series(index=index, region=region)
        if series.results:
            latest = series.results[-1]
            rows.append((index.name, f"{index.base_year}=100", str(latest.year), format_decimal(latest.composite, 1)))
    if not rows:
        return None
    return ReportSection("综合指数", ("各综合指数的最新值如下, 计算方法与各指标贡献见平台“综合指数”页面。",),
                         tables=(ReportTable(("指数", "基期", "年度", "指数值"), tuple(rows), (4, 1, 1, 1)),))


def quarterly_assessment_docx(
    *, region: Region, year: int, quarter: int, issuer: str, issued_on: datetime.date
) -> bytes:
    """The region's 季度评估 for `year` Q`quarter`, from the figures known up to that year."""
    sections = [_overview(region, year), _industries(region, year), _targets(region)]
    indices = _indices(region)
    if indices is not None:
        sections.append(indices)
    return render_report(ReportDocument(
        title=f"{region.name}海洋经济运行季度评估",
        subtitle=f"{year}年第{quarter}季度",
        issuer=issuer,
        issued_on=issued_on,
        sections=tuple(sections),
    ))

