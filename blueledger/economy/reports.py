"""The products of a region as .docx, in the bulletin's GB/T 9704 layout (dispatch.bulletin.render_report):
the 月度运行分析 (monthly series with 环比/同比 and charts, the month's reporting forms, the published nowcast,
targets), the 季度评估 (latest figures with their sources, value added by industry, trajectories, composite
indices) and the 年度报告 (the year's figures, industries, targets, indices, cluster evaluation, nowcasts and
monthly series). Every number is printed by lib.numbers; a missing one as — (or 未报送/暂无数据)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q

from blueledger.dispatch.bulletin import AmountSeries, ReportDocument, ReportSection, ReportTable, render_report
from blueledger.economy import selectors
from blueledger.economy.choices import FormFrequency, Indicator, MonthlySeriesKind, NowcastStatus
from blueledger.economy.models import (
    ClusterIndicatorValue,
    CompositeIndex,
    EconomyFigure,
    FormRound,
    MonthlyValue,
    NowcastRelease,
)
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
        if trajectory.relative:
            verdict += " (相对目标)"
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



GENERATED_NOTE = "注: 标“演示生成”的数据为演示用生成数据, 不是统计数据。"


def _growth(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """now ÷ before − 1 as a fraction; None when either is missing or the base is not positive."""
    if now is None or before is None or before <= 0:
        return None
    return now / before - 1


def _total(values: list[Decimal | None]) -> Decimal | None:
    """The sum, or None when any month is missing (a partial sum is not the total)."""
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if len(present) == len(values) else None


def _monthly_values(region: Region) -> tuple[dict[str, dict[tuple[int, int], Decimal]], dict[str, str], set[str]]:
    values: dict[str, dict[tuple[int, int], Decimal]] = {}
    units: dict[str, str] = {}
    generated: set[str] = set()
    for series, year, month, value, unit, is_generated in MonthlyValue.objects.filter(region=region).values_list(
            "series", "year", "month", "value", "unit", "generated"):
        values.setdefault(series, {})[(year, month)] = value
        units[series] = unit
        if is_generated:
            generated.add(series)
    return values, units, generated


def _series_name(kind: MonthlySeriesKind, generated: set[str]) -> str:
    return kind.label + (" (演示生成)" if kind.value in generated else "")


def _monthly_section(region: Region, year: int, month: int) -> ReportSection:
    values, units, generated = _monthly_values(region)
    if not values:
        return ReportSection("月度指标运行", ("暂无月度指标数据。",))
    previous_month = (year - 1, 12) if month == 1 else (year, month - 1)
    rows = []
    charts = []
    periods = [((year * 12 + month - 1 - back) // 12, (year * 12 + month - 1 - back) % 12 + 1)
               for back in range(12, -1, -1)]
    for kind in MonthlySeriesKind:
        series = values.get(kind.value)
        if series is None:
            continue
        unit = units[kind.value]
        now = series.get((year, month))
        total = _total([series.get((year, m)) for m in range(1, month + 1)])
        total_before = _total([series.get((year - 1, m)) for m in range(1, month + 1)])
        rows.append((
            _series_name(kind, generated), unit, format_decimal(now, 1, missing="暂无数据"),
            format_percent(_growth(now, series.get(previous_month))),
            format_percent(_growth(now, series.get((year - 1, month)))),
            format_decimal(total, 1), format_percent(_growth(total, total_before)),
        ))
        charts.append(AmountSeries(f"{_series_name(kind, generated)}近13个月", unit,
                                   tuple(f"{y}年{m}月" for y, m in periods),
                                   ((kind.label, tuple(series.get(period) for period in periods)),)))
    paragraphs = [f"{year}年{month}月各月度指标如下; 环比为较上月, 同比为较上年同月, 累计为1–{month}月。"]
    if generated:
        paragraphs.append(GENERATED_NOTE)
    return ReportSection(
        "月度指标运行", tuple(paragraphs),
        tables=(ReportTable(("指标", "单位", "本月", "环比", "同比", f"1–{month}月累计", "累计同比"), tuple(rows),
                            (4, 1, 2, 1, 1, 2, 1)),),
        charts=tuple(charts),
    )


def _forms_section(region: Region, year: int, month: int) -> ReportSection:
    rounds = FormRound.objects.filter(
        Q(region=region) | Q(region__code__startswith=region.scope_prefix), form__frequency=FormFrequency.MONTH,
        year=year, period=month,
    ).select_related("form", "region")
    if not rounds:
        return ReportSection("报表报送", (f"{year}年{month}月没有月报期次。",))
    rows = []
    paragraphs = []
    for form_round in rounds:
        assigned = list(form_round.units.order_by("uscc").values_list("pk", "name"))
        submitted = {s.unit_id: s for s in form_round.submissions.all()}
        missing = [name for pk, name in assigned if pk not in submitted]
        rows.append((f"{form_round.form.name} ({form_round.region.name})", str(len(assigned)), str(len(submitted)),
                     "、".join(missing) if missing else "无"))
        for field in form_round.form.fields:
            if field.get("kind", "number") != "number" or field.get("part_of"):
                continue
            numbers = []
            for submission in submitted.values():
                text = submission.values.get(field["key"], "")
                if text not in ("", None):
                    numbers.append(Decimal(str(text)))
            if numbers:
                paragraphs.append(
                    f"{form_round.form.name}: 已报{len(numbers)}家单位{field['label']}合计"
                    f"{format_quantity(sum(numbers, Decimal(0)), field.get('unit', ''))}"
                    + (f" ({len(missing)}家未报送, 未计入)" if missing else "") + "。"
                )
    return ReportSection("报表报送", tuple(paragraphs),
                         tables=(ReportTable(("报表", "应报单位", "已报单位", "未报送"), tuple(rows), (4, 1, 1, 4)),))


def _nowcast_section(region: Region, year: int, quarters: tuple[int, ...]) -> ReportSection | None:
    """Only published vintages go out: an estimate not yet checked with the statistics department does not."""
    releases = list(NowcastRelease.objects.filter(region=region, year=year, quarter__in=quarters,
                                                  status=NowcastStatus.PUBLISHED).order_by("quarter", "vintage"))
    if not releases:
        pending = NowcastRelease.objects.filter(region=region, year=year, quarter__in=quarters).exists()
        return ReportSection("海洋生产总值即时预测", ("本期估计尚在与统计部门核对, 暂不发布。",)) if pending else None
    rows = tuple(
        (f"{r.year}年第{r.quarter}季度", f"第{r.vintage}版", f"{r.data_through:%Y年%-m月}",
         format_quantity(r.estimate, "亿元", places=1),
         f"{format_decimal(r.lower, 1)}–{format_decimal(r.upper, 1)}", format_quantity(r.growth_percent, "%", places=1))
        for r in releases
    )
    latest = releases[-1]
    return ReportSection(
        "海洋生产总值即时预测",
        (f"{latest.year}年第{latest.quarter}季度海洋生产总值估计为{format_quantity(latest.estimate, '亿元', places=1)}"
         f" ({format_percent(latest.band_level, 0)}预测区间 {format_decimal(latest.lower, 1)}–"
         f"{format_decimal(latest.upper, 1)}亿元), 同比增长{format_quantity(latest.growth_percent, '%', places=1)}。",
         f"方法: {latest.method}"),
        tables=(ReportTable(("季度", "版次", "数据截至", "估计值", "区间(亿元)", "同比"), rows, (2, 1, 2, 2, 2, 1)),),
    )


def _clusters_section(region: Region, year: int) -> ReportSection | None:
    index = CompositeIndex.objects.filter(domains__indicators__in=ClusterIndicatorValue.objects.filter(
        year=year, cluster__region__code__startswith=region.scope_prefix).values("indicator")).distinct().first()
    if index is None:
        return None
    ranking = selectors.cluster_evaluation(index=index, year=year, scope_prefix=region.scope_prefix)
    names = [c.indicator for c in ranking[0].result.contributions] if ranking else []
    rows = tuple(
        (str(score.rank), score.cluster.name, score.cluster.get_tier_display(),
         format_decimal(score.result.composite, 1),
         *(format_decimal(c.contribution, 2) for c in score.result.contributions))
        for score in ranking
    )
    return ReportSection(
        "产业集聚区综合评价",
        (f"按“{index.name}”评价, 各指标以参评集聚区平均值为100, 贡献为对综合得分的拉动 (点)。",),
        tables=(ReportTable(("排名", "集聚区", "级别", "综合得分", *names), rows, (1, 4, 1, 1, *(1 for _ in names))),),
    )


def _annual_series_section(region: Region, year: int) -> ReportSection | None:
    values, units, generated = _monthly_values(region)
    if not values:
        return None
    rows = []
    charts = []
    for kind in MonthlySeriesKind:
        series = values.get(kind.value)
        if series is None:
            continue
        months = [series.get((year, m)) for m in range(1, 13)]
        before = [series.get((year - 1, m)) for m in range(1, 13)]
        held = [m for m in range(12) if months[m] is not None]
        total = _total([months[m] for m in held]) if held else None
        total_before = _total([before[m] for m in held]) if held else None
        rows.append((_series_name(kind, generated), units[kind.value], str(len(held)), format_decimal(total, 1),
                     format_percent(_growth(total, total_before))))
        charts.append(AmountSeries(f"{_series_name(kind, generated)} {year}年逐月", units[kind.value],
                                   tuple(f"{m}月" for m in range(1, 13)),
                                   ((f"{year}年", tuple(months)), (f"{year - 1}年", tuple(before)))))
    paragraphs = [f"{year}年各月度指标的已有月份合计及同比 (与上年相同月份比较) 如下。"]
    if generated:
        paragraphs.append(GENERATED_NOTE)
    table = ReportTable(("指标", "单位", "已有月数", "合计", "同比"), tuple(rows), (4, 1, 1, 2, 1))
    return ReportSection("月度指标全年情况", tuple(paragraphs), tables=(table,), charts=tuple(charts))


def monthly_analysis_docx(*, region: Region, year: int, month: int, issuer: str, issued_on: datetime.date) -> bytes:
    """The region's 月度运行分析 for `year`-`month`."""
    sections = [_overview(region, year), _monthly_section(region, year, month), _forms_section(region, year, month)]
    nowcast = _nowcast_section(region, year, ((month - 1) // 3 + 1,))
    if nowcast is not None:
        sections.append(nowcast)
    sections.append(_targets(region))
    return render_report(ReportDocument(
        title=f"{region.name}海洋经济月度运行分析", subtitle=f"{year}年{month}月", issuer=issuer, issued_on=issued_on,
        sections=tuple(sections),
    ))


def annual_report_docx(*, region: Region, year: int, issuer: str, issued_on: datetime.date) -> bytes:
    """The region's 年度报告 for `year`: every product section that has data for it."""
    optional = (_indices(region), _clusters_section(region, year), _nowcast_section(region, year, (1, 2, 3, 4)),
                _annual_series_section(region, year))
    sections = [_overview(region, year), _industries(region, year), _targets(region),
                *(section for section in optional if section is not None)]
    return render_report(ReportDocument(
        title=f"{region.name}海洋经济发展年度报告", subtitle=f"{year}年", issuer=issuer, issued_on=issued_on,
        sections=tuple(sections),
    ))
