"""The economy part of `blueledger demo`: the published series (domain-facts §2.3–2.4) with their sources,
a small directory of units with annual reports and the value added computed from them, 潍坊's 2027
targets of sample 004 bound to 潍坊's figures, and 潍坊's 2024年度 dispatch round on 004 that shows them.

The round is the one demo round on a notice seeking comments: issue 10 keeps the demo's rounds on plans,
but issue 12, the later and more specific requirement, asks for the trajectory of 004's targets in 潍坊's
dispatch round. It opens after the binding, so the bound targets fill themselves (figure and trajectory)
and every other item is still to report."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from blueledger.dispatch.choices import PeriodKind
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.services.rounds import round_open
from blueledger.economy import services
from blueledger.economy.choices import (
    RELATIVE_UNIT,
    ClusterTier,
    FormFrequency,
    Indicator,
    MonthlySeriesKind,
    NowcastStatus,
    UnitSize,
    UnitSource,
)
from blueledger.economy.exports import submission_template
from blueledger.economy.imports import submissions_import
from blueledger.economy.models import (
    CompositeIndex,
    FormRound,
    IndexIndicator,
    IndustrialCluster,
    NowcastRelease,
    OceanIndustry,
    ReportingForm,
    StatisticalUnit,
    TargetBinding,
    UnitReport,
)
from blueledger.economy.published import PUBLISHED, published_value
from blueledger.economy.services import DomainDefinition, FigureEntry, IndicatorDefinition
from blueledger.ledgers.choices import LedgerStatus, QuantityRole
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.lib.uscc import uscc_check_character
from blueledger.orgs.models import Region

DEMO_ORDER = 50
WEIFANG_SAMPLE = "004_2e91e0d14aca89a2.txt"
# 004's targets measured by 潍坊's figures: (words of the metric, unit, indicator).
WEIFANG_BINDINGS = (
    ("海洋生产总值", "亿元", Indicator.OCEAN_GDP),
    ("占GDP比重", "%", Indicator.GDP_SHARE),
    ("省级海洋特色产业集聚区数量", "个", Indicator.PROVINCIAL_CLUSTERS),
    ("市级", "个", Indicator.CITY_CLUSTERS),
)
WEIFANG_TARGET_YEAR = 2027
# 004's relative target: 海洋产业增加值增幅 − 全市生产总值增幅 ≥ 2个百分点. No growth of either is published
# for 潍坊 in domain-facts, so the demo shows it bound and 暂无数据 until the bureau enters them.
WEIFANG_RELATIVE = "海洋产业增加值增幅高于全市生产总值增幅"
# Demo units: (district, 主体标识码 of 9 characters, name, GB/T 4754, industry key, 涉海比例, 规模, 增加值 万元).
DEMO_UNITS = (
    ("370211", "MA3C0001X", "青岛示例船舶重工有限公司", "C3731", "shipbuilding", "1", UnitSize.ABOVE, "185000"),
    ("370211", "MA3C00028", "青岛示例海工装备有限公司", "C3737", "engineering_equipment", "1", UnitSize.ABOVE, "96000"),
    ("370212", "MA3C00036", "青岛示例海水淡化有限公司", "D4630", "desalination", "0.8", UnitSize.BELOW, "12500"),
    ("370783", "MA3D00011", "寿光示例海洋化工有限公司", "", "chemicals", "0.6", UnitSize.ABOVE, "143000"),
    ("370786", "MA3D0002X", "昌邑示例水产品加工有限公司", "", "seafood_processing", "1", UnitSize.BELOW, "8600"),
    ("370703", "MA3D00038", "潍坊示例港口物流有限公司", "", "transport", "0.7", UnitSize.ABOVE, "52000"),
)
DEMO_REPORT_YEAR = 2024


def _uscc(region_code: str, subject: str) -> str:
    head = f"91{region_code}{subject}"
    return head + uscc_check_character(head)


@transaction.atomic
def published_load() -> int:
    regions = {region.code: region for region in Region.objects.all()}
    industries = {industry.key: industry for industry in OceanIndustry.objects.all()}
    written = 0
    for row in PUBLISHED:
        code, industry_key, indicator, year, _, basis, source, note = row
        if code and code not in regions:
            continue
        entry = FigureEntry(
            indicator=indicator, region=regions[code] if code else None, year=year, value=published_value(row),
            industry=industries[industry_key] if industry_key else None, price_basis=basis, source=source,
            note=note,
        )
        services.figure_publish_save(actor=None, entry=entry)
        written += 1
    return written


@transaction.atomic
def units_load() -> int:
    regions = {region.code: region for region in Region.objects.filter(code__in=[u[0] for u in DEMO_UNITS])}
    industries = {industry.key: industry for industry in OceanIndustry.objects.all()}
    created = 0
    for region_code, subject, name, code_4754, industry_key, share, size, value_added in DEMO_UNITS:
        if region_code not in regions:
            continue
        uscc = _uscc(region_code, subject)
        unit = StatisticalUnit.objects.filter(uscc=uscc).first()
        if unit is None:
            unit = services.unit_create(
                actor=None, uscc=uscc, name=name, region=regions[region_code], industry_4754=code_4754,
                ocean_industry=industries[industry_key], sea_share=Decimal(share), size_class=size,
                source=UnitSource.CENSUS, reason="演示数据",
            )
            created += 1
        if not UnitReport.objects.filter(unit=unit, year=DEMO_REPORT_YEAR, quarter=0).exists():
            services.unit_report_save(
                actor=None, unit=unit, year=DEMO_REPORT_YEAR, quarter=0, value_added_wan=Decimal(value_added),
                reason="演示数据",
            )
    services.value_added_compute(actor=None, year=DEMO_REPORT_YEAR)
    return created


@transaction.atomic
def weifang_targets_bind() -> list[TargetBinding]:
    weifang = Region.objects.filter(code="370700").first()
    targets = LedgerQuantity.objects.filter(
        ledger__document__original_filename=WEIFANG_SAMPLE, ledger__status=LedgerStatus.PUBLISHED,
        role=QuantityRole.TARGET,
    ).order_by("position", "pk")
    bindings = []
    for words, unit, indicator in WEIFANG_BINDINGS:
        quantity = next(
            (q for q in targets if (q.metric == words or (words in q.metric and words != "市级")) and q.unit == unit
             and q.deadline is not None and q.deadline.year == WEIFANG_TARGET_YEAR),
            None,
        )
        if quantity is None or weifang is None:
            continue
        existing = TargetBinding.objects.filter(quantity=quantity).first()
        bindings.append(existing or services.target_bind(actor=None, quantity=quantity, indicator=indicator,
                                                         region=weifang))
    relative = next((q for q in targets if q.metric == WEIFANG_RELATIVE and q.unit == RELATIVE_UNIT), None)
    if relative is not None and weifang is not None:
        bindings.append(TargetBinding.objects.filter(quantity=relative).first() or services.target_bind(
            actor=None, quantity=relative, indicator=Indicator.VALUE_ADDED, region=weifang,
            industry=OceanIndustry.objects.filter(key="marine_industries").first(), reference_indicator=Indicator.GDP,
        ))
    return bindings


# 潍坊's annual round on 004: the year of 潍坊's latest published 海洋生产总值 (1703.4亿元), against which the
# trajectory to 2027 is told; open, due some days after the demo is loaded, so it is still being reported.
WEIFANG_ROUND_PERIOD = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
WEIFANG_ROUND_DUE_IN_DAYS = 10


@transaction.atomic
def weifang_round_load(today: datetime.date | None = None) -> ReportingRound | None:
    """潍坊's 2024年度 round on sample 004, opened after `weifang_targets_bind` so that its bound targets are
    filled by the platform with the figure and the trajectory, and the other items wait for their departments.
    Created once; None when 004 is not published or the round exists."""
    ledger = Ledger.objects.filter(document__original_filename=WEIFANG_SAMPLE, status=LedgerStatus.PUBLISHED).first()
    if ledger is None:
        return None
    period_start, period_end = WEIFANG_ROUND_PERIOD
    if ReportingRound.objects.filter(ledger=ledger, period_kind=PeriodKind.YEAR, period_start=period_start,
                                     period_end=period_end).exists():
        return None
    today = today or timezone.localdate()
    return round_open(actor=None, ledger=ledger, period_kind=PeriodKind.YEAR, period_start=period_start,
                      period_end=period_end, due_date=today + datetime.timedelta(days=WEIFANG_ROUND_DUE_IN_DAYS))


MONTHLY_FORM = "海洋经济重点企业月报"
MONTHLY_FIELDS = (
    {"key": "operating_revenue", "label": "营业收入", "unit": "万元"},
    {"key": "main_revenue", "label": "主营业务收入", "unit": "万元", "part_of": "operating_revenue"},
    {"key": "other_revenue", "label": "其他业务收入", "unit": "万元", "part_of": "operating_revenue"},
    {"key": "employees", "label": "从业人员", "unit": "人"},
    {"key": "remark", "label": "备注", "kind": "text", "required": False},
)
# Demo values of 潍坊's demo units: September by web form, October by the Excel template (one unit missing).
MONTHLY_VALUES = {
    9: (("1500", "1300", "200", "320"), ("820", "800", "20", "85"), ("2300", "2100", "200", "410")),
    10: (("1580", "1360", "220", "322"), ("860", "835", "25", "86"), None),
}


@transaction.atomic
def monthly_rounds_load() -> FormRound | None:
    """潍坊's monthly form for September and October 2025, filled by its demo units (web, then Excel)."""
    weifang = Region.objects.filter(code="370700").first()
    units = list(StatisticalUnit.objects.filter(region__code__startswith="3707").order_by("uscc"))
    if weifang is None or len(units) < 3:
        return None
    form = ReportingForm.objects.filter(name=MONTHLY_FORM).first() or services.form_define(
        actor=None, name=MONTHLY_FORM, frequency=FormFrequency.MONTH, fields=MONTHLY_FIELDS,
        note="演示: 重点企业月度经营情况 (单位与数值均为演示)",
    )
    october = None
    for month, rows in MONTHLY_VALUES.items():
        form_round = FormRound.objects.filter(form=form, region=weifang, year=2025, period=month).first()
        if form_round is not None:
            october = form_round
            continue
        form_round = services.form_round_open(actor=None, form=form, region=weifang, year=2025, period=month,
                                              due_date=datetime.date(2025, month + 1, 5), units=units[:3])
        filled = [(unit, row) for unit, row in zip(units[:3], rows, strict=True) if row is not None]
        if month == 9:
            for unit, row in filled:
                written = dict(zip(("operating_revenue", "main_revenue", "other_revenue", "employees"), row,
                                   strict=True))
                services.submission_save(actor=None, form_round=form_round, unit=unit, written=written,
                                         reason="演示数据")
        else:
            workbook = load_workbook(BytesIO(submission_template(form_round)))
            sheet = workbook.active
            assert sheet is not None
            for line, (_, row) in enumerate(filled, start=2):
                for offset, value in enumerate(row):
                    sheet.cell(row=line, column=4 + offset, value=value)
            buffer = BytesIO()
            workbook.save(buffer)
            submissions_import(actor=None, form_round=form_round, data=buffer.getvalue(), filename="10月填报.xlsx")
        october = form_round
    return october


CLUSTER_INDEX = "海洋特色产业集聚区综合评价 (演示)"
# (name, tier, district, lead industry key, recognised year); names and values are the demo's, not real ones.
DEMO_CLUSTERS = (
    ("寿光海洋化工集聚区 (演示)", ClusterTier.PROVINCIAL, "370783", "chemicals", 2023),
    ("潍坊滨海海洋装备集聚区 (演示)", ClusterTier.PROVINCIAL, "370703", "engineering_equipment", 2024),
    ("昌邑海洋生物集聚区 (演示)", ClusterTier.CITY, "370786", "pharmaceuticals", 2022),
    ("寒亭港航物流集聚区 (演示)", ClusterTier.CITY, "370703", "transport", 2023),
    ("诸城海洋食品集聚区 (演示)", ClusterTier.CITY, "370782", "seafood_processing", 2024),
    ("潍城海洋文旅集聚区 (演示)", ClusterTier.CITY, "370702", "tourism", None),
)
# Per cluster (same order): 营业收入 亿元, 研发投入强度 %, 单位产值能耗 吨标煤/万元 for 2024.
DEMO_CLUSTER_VALUES = (("320", "2.1", "0.42"), ("150", "3.8", "0.18"), ("60", "4.5", "0.12"), ("95", "1.2", "0.25"),
                       ("80", "1.6", "0.30"), ("20", "0.8", "0.20"))


@transaction.atomic
def clusters_load() -> int:
    """潍坊's demo clusters, the evaluation index and its 2024 values."""
    index = CompositeIndex.objects.filter(name=CLUSTER_INDEX).first() or services.composite_index_define(
        actor=None, name=CLUSTER_INDEX, base_year=2024,
        domains=[
            DomainDefinition("规模效益", Decimal(2), (IndicatorDefinition("营业收入", "亿元"),)),
            DomainDefinition("创新能力", Decimal(1), (IndicatorDefinition("研发投入强度", "%"),)),
            DomainDefinition("绿色发展", Decimal(1), (IndicatorDefinition("单位产值能耗", "吨标煤/万元",
                                                                      positive=False),)),
        ],
        note="演示: 集聚区综合评价, 各指标以参评集聚区平均值为 100。",
    )
    indicators = list(IndexIndicator.objects.filter(domain__index=index).order_by("domain__position"))
    regions = {r.code: r for r in Region.objects.filter(code__in=[c[2] for c in DEMO_CLUSTERS])}
    industries = {i.key: i for i in OceanIndustry.objects.all()}
    written = 0
    for (name, tier, code, industry, year), values in zip(DEMO_CLUSTERS, DEMO_CLUSTER_VALUES, strict=True):
        if code not in regions or IndustrialCluster.objects.filter(name=name).exists():
            continue
        members = list(StatisticalUnit.objects.filter(region__code=code))
        cluster = services.cluster_save(actor=None, name=name, tier=tier, region=regions[code],
                                        lead_industry=industries[industry], recognised_year=year, members=members,
                                        reason="演示数据")
        for indicator, value in zip(indicators, values, strict=True):
            services.cluster_value_save(actor=None, cluster=cluster, indicator=indicator, year=2024,
                                        value=Decimal(value))
        written += 1
    return written


DEMO_INDEX = "山东海洋经济发展指数 (演示)"


def demo_index_load() -> None:
    """A bureau's own index on the published series (base 2019 = 100), to show the engine with its
    contributions; its structure is the demo's, not an official one."""
    services.composite_index_define(
        actor=None, name=DEMO_INDEX, base_year=2019,
        domains=[
            DomainDefinition("经济规模", Decimal(1), (
                IndicatorDefinition("海洋生产总值", "亿元", Decimal(2), figure_indicator=Indicator.OCEAN_GDP),
                IndicatorDefinition("海洋生产总值占地区生产总值比重", "%", Decimal(1),
                                    figure_indicator=Indicator.GDP_SHARE),
            )),
        ],
        note="演示: 由公开发布的山东省数据计算, 结构由演示设定, 不是官方指数。",
    )


GENERATED_SOURCE = "演示生成 (非真实数据)"
# 潍坊's monthly series (seasonal pattern, trend %/year, level of 2019-01) and quarterly ocean GDP, generated.
DEMO_MONTHLY = (
    (MonthlySeriesKind.PORT_THROUGHPUT, 3200, 5.0,
     (0.92, 0.85, 1.0, 1.0, 1.03, 1.02, 1.05, 1.04, 1.02, 1.0, 1.02, 1.06)),
    (MonthlySeriesKind.LANDINGS, 21000, 2.0, (0.7, 0.6, 0.9, 1.0, 1.1, 0.3, 0.3, 0.3, 1.6, 1.9, 1.7, 1.5)),
    (MonthlySeriesKind.KEY_FIRM_REVENUE, 1450000, 7.0,
     (0.85, 0.8, 1.0, 1.0, 1.02, 1.05, 1.0, 1.0, 1.03, 1.02, 1.05, 1.18)),
    (MonthlySeriesKind.INVESTMENT, 260000, 4.0, (0.5, 0.6, 1.0, 1.05, 1.1, 1.3, 0.95, 1.0, 1.2, 1.0, 1.05, 1.25)),
)
DEMO_MONTHS_THROUGH = (2025, 8)
DEMO_NOWCAST_QUARTER = (2025, 3)
# Ocean GDP of 2019 by quarter (亿元, generated; 2024 then sums near the published 1703.4), grown by the
# series' quarterly growth plus a constant.
DEMO_GDP_2019 = (278, 302, 316, 329)


@transaction.atomic
def nowcast_demo_load() -> NowcastRelease | None:
    """潍坊's monthly series 2019-01 to 2025-08 and quarterly ocean GDP to 2025Q2, all generated and labelled
    演示生成, and two vintages of the 2025Q3 nowcast: the first (data to July) 发布 after 核对, the second
    (data to August) with the statistics department."""
    weifang = Region.objects.filter(code="370700").first()
    if weifang is None:
        return None
    if NowcastRelease.objects.filter(region=weifang).exists():
        return NowcastRelease.objects.filter(region=weifang).first()
    rng = random.Random(20251005)
    months = [(year, month) for year in range(2019, 2026) for month in range(1, 13)
              if (year, month) <= DEMO_MONTHS_THROUGH]
    levels: dict[str, dict[tuple[int, int], float]] = {}
    entries = []
    for kind, start, trend, season in DEMO_MONTHLY:
        series = levels.setdefault(kind.value, {})
        for index, (year, month) in enumerate(months):
            value = start * (1 + trend / 100) ** (index / 12) * season[month - 1] * math.exp(rng.gauss(0, 0.03))
            series[(year, month)] = value
            entries.append(services.MonthlyEntry(kind.value, year, month, Decimal(f"{value:.1f}")))
    services.monthly_values_save(actor=None, region=weifang, entries=entries, source=GENERATED_SOURCE,
                                 generated=True, reason="演示数据")

    def quarter_sum(kind: str, year: int, quarter: int) -> float:
        return sum(levels[kind][(year, m)] for m in range((quarter - 1) * 3 + 1, quarter * 3 + 1))

    gdp: dict[tuple[int, int], float] = {(2019, q): float(v) for q, v in enumerate(DEMO_GDP_2019, start=1)}
    for year in range(2020, 2026):
        for quarter in range(1, 5):
            if (year, quarter) >= DEMO_NOWCAST_QUARTER:
                break
            growth = 0.035 + sum(
                weight * math.log(quarter_sum(kind.value, year, quarter) / quarter_sum(kind.value, year - 1, quarter))
                for weight, (kind, *_) in zip((0.3, 0.1, 0.4, 0.2), DEMO_MONTHLY, strict=True)
            ) * 0.6 + rng.gauss(0, 0.004)
            gdp[(year, quarter)] = gdp[(year - 1, quarter)] * math.exp(growth)
    for (year, quarter), value in gdp.items():
        services.figure_generated_save(actor=None, entry=FigureEntry(
            indicator=Indicator.OCEAN_GDP, region=weifang, year=year, quarter=quarter,
            value=Decimal(f"{value:.2f}"), source=GENERATED_SOURCE, note="演示生成的季度数据, 用于即时预测演示",
        ))
    year, quarter = DEMO_NOWCAST_QUARTER
    first = services.nowcast_run(actor=None, region=weifang, year=year, quarter=quarter,
                                 data_through=datetime.date(2025, 7, 1), note="演示: 7月数据")
    services.nowcast_move(actor=None, release=first, status=NowcastStatus.RECONCILING)
    services.nowcast_move(actor=None, release=first, status=NowcastStatus.PUBLISHED, note="演示: 已与市统计局核对")
    second = services.nowcast_run(actor=None, region=weifang, year=year, quarter=quarter, note="演示: 7–8月数据")
    return services.nowcast_move(actor=None, release=second, status=NowcastStatus.RECONCILING)


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    write(f"海洋经济公开数据 (带出处): {published_load()} 条")
    write(f"统计单位名录 (演示): 新建 {units_load()} 个, {DEMO_REPORT_YEAR}年增加值已汇总")
    demo_index_load()
    october = monthly_rounds_load()
    if october is not None:
        write(f"报表填报 (演示): {october.form.name} 2025年9月、10月, 10月已报 {october.submissions.count()} 家")
    write(f"综合指数 (演示): {DEMO_INDEX}, 2019=100")
    write(f"产业集聚区 (演示): 新建 {clusters_load()} 个, 2024年综合评价已录入")
    release = nowcast_demo_load()
    if release is not None:
        write(f"即时预测 (演示生成的月度数据): 潍坊 {release.year}年第{release.quarter}季度 第{release.vintage}版 "
              f"{release.get_status_display()}")
    bindings = weifang_targets_bind()
    write(f"潍坊 2027 年目标与经济指标绑定: {'、'.join(b.quantity.metric for b in bindings) or '无 (样例 004 未发布)'}")
    weifang_round = weifang_round_load()
    if weifang_round is not None:
        filled = weifang_round.slots.filter(reports__isnull=False).values("quantity").distinct().count()
        write(f"调度通报: {weifang_round.ledger.title} · {weifang_round.title} (填报中, 截止 "
              f"{weifang_round.due_date:%Y-%m-%d}; {filled} 项目标已从经济指标取数并附目标轨迹)")
