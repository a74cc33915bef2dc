"""Every economy table as Excel: the unit directory in the import's columns (an export edited and uploaded
again round-trips), the round's pre-filled template, and the published/computed figures, target
trajectories, composite index with contributions, cluster evaluation and a round's submissions. Text goes
through lib.xlsx.append_row (formula-like text stays text); numbers are written as numbers
(lib.numbers.json_number) and a missing one as text (— or 未报送), never 0."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from blueledger.economy.choices import SubmissionStatus
from blueledger.economy.imports import UNIT_COLUMNS, submission_headers
from blueledger.economy.models import EconomyFigure, FormRound, IndustrialCluster, StatisticalUnit
from blueledger.economy.selectors import trajectory_verdict
from blueledger.lib.numbers import MISSING, json_number, plain_decimal, rounded_float
from blueledger.lib.xlsx import append_row


def units_workbook(units: Iterable[StatisticalUnit]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计单位名录")
    sheet.append([header for _, header, _ in UNIT_COLUMNS])
    for unit in units:
        share = "" if unit.sea_share is None else f"{plain_decimal(unit.sea_share * 100)}%"
        append_row(sheet, [
            unit.uscc, unit.name, unit.region.code, unit.industry_4754,
            unit.ocean_industry.name if unit.ocean_industry else "", share,
            unit.get_size_class_display(), unit.get_status_display(), unit.get_source_display(),
        ])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def submission_template(form_round: FormRound) -> bytes:
    """The round's Excel template, filled once with what the platform knows: every assigned unit with its
    code, name and period, and the values it has already submitted."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(form_round.form.name[:31])
    sheet.append(submission_headers(form_round.form))
    submitted = {s.unit_id: s for s in form_round.submissions.all()}
    for unit in form_round.units.order_by("uscc"):
        submission = submitted.get(unit.pk)
        values = submission.values if submission else {}
        append_row(sheet, [
            unit.uscc, unit.name, form_round.period_code,
            *(values.get(field["key"], "") for field in form_round.form.fields),
            submission.explanation if submission else "",
        ])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


NOT_SUBMITTED = "未报送"


def _number(value: Decimal | None, places: int | None = None) -> Any:
    if value is None:
        return MISSING
    return rounded_float(value, places) if places is not None else json_number(value)


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        append_row(sheet, row)


FIGURE_HEADER = ("指标", "区划", "海洋产业", "年度", "季度", "数值", "单位", "价格口径", "来源类型", "出处",
                 "计算方法", "说明")


def figures_workbook(figures: Iterable[EconomyFigure]) -> bytes:
    """Published figures with their 出处 and computed ones with their 计算方法."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "经济指标值", FIGURE_HEADER, (
        (f.get_indicator_display(), f.region_name, f.industry.name if f.industry_id else "", f.year,
         f.quarter or "全年", _number(f.value), f.unit, f.get_price_basis_display(), f.get_origin_display(),
         f.source, f.method, f.note)
        for f in figures
    ))
    return _save(workbook)


TRAJECTORY_HEADER = ("目标", "区划", "取数指标", "目标值", "单位", "完成时限", "最新值", "最新年度",
                     "年均所需增速(%)", "判断")
PERIOD_HEADER = ("目标", "年度", "值", "当年增速(%)", "此后年均所需增速(%)", "判断")


def _percent(fraction: Decimal | None) -> Any:
    return MISSING if fraction is None else rounded_float(fraction * 100, 2)


def trajectories_workbook(items: Sequence[Any]) -> bytes:
    """Each bound target (selectors.TargetTrajectory) with its latest figure and required growth, and a
    second sheet with every period's check."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "目标轨迹", TRAJECTORY_HEADER, (
        (item.binding.quantity.metric, item.binding.region.name, item.binding.get_indicator_display(),
         _number(item.binding.quantity.value), item.binding.quantity.unit,
         item.binding.quantity.deadline.isoformat() if item.binding.quantity.deadline else MISSING,
         _number(item.trajectory.latest.value) if item.trajectory.latest else MISSING,
         item.trajectory.latest.year if item.trajectory.latest else MISSING,
         _percent(item.trajectory.required_annual_growth), trajectory_verdict(item.trajectory.on_track))
        for item in items
    ))
    _sheet(workbook, "逐年判断", PERIOD_HEADER, (
        (item.binding.quantity.metric, period.year, _number(period.value), _percent(period.growth),
         _percent(period.required_annual_growth), trajectory_verdict(period.on_track))
        for item in items for period in item.trajectory.periods
    ))
    _sheet(workbook, "相对目标", ("目标", "年度", "指标增速(%)", "对比指标增速(%)", "高出(个百分点)", "判断"), (
        (item.binding.quantity.metric, gap.year, _number(gap.growth_percent), _number(gap.reference_percent),
         _number(gap.gap_points), trajectory_verdict(gap.on_track))
        for item in items for gap in item.trajectory.gaps
    ))
    return _save(workbook)


def composite_workbook(series: Any) -> bytes:
    """A region's composite index by year with its domain indices, and every year's contributions
    (selectors.CompositeSeries)."""
    workbook = Workbook(write_only=True)
    domains = series.domains
    names = {domain.key: domain.name for domain in domains}
    _sheet(workbook, "指数值", ("年度", "综合指数", *(d.name for d in domains)), (
        (r.year, _number(r.composite, 2), *(_number(r.domains.get(d.key), 2) for d in domains))
        for r in series.results
    ))
    _sheet(workbook, "指标贡献", ("年度", "指标", "领域", "得分", "对综合指数的贡献(点)"), (
        (r.year, c.indicator, names.get(c.domain, ""), _number(c.score, 2), _number(c.contribution, 4))
        for r in series.results for c in r.contributions
    ))
    _sheet(workbook, "计算方法", ("综合指数", "区划", "基期", "计算方法"), (
        (series.index.name, series.region.name, series.index.base_year,
         series.results[-1].method if series.results else ""),
    ))
    return _save(workbook)


def clusters_workbook(ranking: Sequence[Any], registry: Iterable[IndustrialCluster]) -> bytes:
    """The 综合评价 ranking (selectors.ClusterScore) with each indicator's contribution, and the registry."""
    workbook = Workbook(write_only=True)
    indicators = [c.indicator for c in ranking[0].result.contributions] if ranking else []
    _sheet(workbook, "综合评价", ("排名", "集聚区", "级别", "所在区划", "综合得分",
                                 *(f"{name}贡献" for name in indicators)), (
        (score.rank, score.cluster.name, score.cluster.get_tier_display(), score.cluster.region.name,
         _number(score.result.composite, 2), *(_number(c.contribution, 4) for c in score.result.contributions))
        for score in ranking
    ))
    _sheet(workbook, "集聚区名录", ("集聚区", "级别", "所在区划", "主导产业", "认定年份", "成员单位数"), (
        (c.name, c.get_tier_display(), c.region.name, c.lead_industry.name if c.lead_industry_id else "",
         c.recognised_year or "培育中", c.members.count())
        for c in registry
    ))
    return _save(workbook)


def submissions_workbook(form_round: FormRound) -> bytes:
    """Every unit assigned to the round with its values, status (未报送 when it has none), time and notes."""
    workbook = Workbook(write_only=True)
    fields = form_round.form.fields
    submitted = {s.unit_id: s for s in form_round.submissions.select_related("submitted_by")}
    rows = []
    for unit in form_round.units.order_by("uscc"):
        submission = submitted.get(unit.pk)
        if submission is None:
            rows.append((unit.uscc, unit.name, form_round.period_code, *(MISSING for _ in fields), NOT_SUBMITTED,
                         "", "", "", ""))
            continue
        values = [submission.values.get(field["key"], "") for field in fields]
        rows.append((
            unit.uscc, unit.name, form_round.period_code,
            *(_number(Decimal(v)) if field.get("kind", "number") == "number" and v not in ("", None) else v
              for field, v in zip(fields, values, strict=True)),
            submission.get_status_display(), f"{timezone.localtime(submission.submitted_at):%Y-%m-%d %H:%M}",
            submission.explanation, "；".join(submission.findings),
            submission.returned_comment if submission.status == SubmissionStatus.RETURNED else "",
        ))
    header = [*submission_headers(form_round.form)[:-1], "状态", "报送时间", "说明", "提示", "退回意见"]
    _sheet(workbook, "填报情况", header, rows)
    return _save(workbook)
