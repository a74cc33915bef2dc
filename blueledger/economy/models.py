"""Ocean-economy monitoring (海洋经济运行监测): the GB/T 20794-2021 classification and its GB/T 4754-2017
crosswalk, the directory of statistical units (统计单位名录库) with their reports, economy figures (published
series with their source, computed figures with their method) and ledger targets bound to a figure.

Amounts of units are 万元 (as the forms ask); figures of regions are 亿元; rates are %."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.core.reminders import ReminderKind, ReminderRecord
from blueledger.economy.choices import (
    AssigneeKind,
    ClusterTier,
    FigureOrigin,
    FormFrequency,
    Indicator,
    IndustryGroup,
    IndustryKind,
    Layer,
    MonthlySeriesKind,
    NowcastStatus,
    PriceBasis,
    SubmissionStatus,
    UnitSize,
    UnitSource,
    UnitStatus,
)
from blueledger.ledgers.models import QuantityBinding


class OceanIndustry(models.Model):
    """A category or an industry of GB/T 20794-2021. `code` holds only a code confirmed by a source; blank
    means not confirmed (never guessed). `confirmed` says the name and its place are confirmed;
    `layer_confirmed` whether the layer is (the 2021 wording is not)."""

    key = models.SlugField("标识", max_length=40, unique=True)
    code = models.CharField("代码", max_length=6, blank=True, help_text="仅填经核实的代码")
    name = models.CharField("名称", max_length=50, unique=True)
    kind = models.CharField("级别", max_length=10, choices=IndustryKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="所属类别", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    layer = models.CharField("层次", max_length=10, choices=Layer.choices)
    group = models.CharField("产业分组", max_length=12, choices=IndustryGroup.choices, blank=True)
    confirmed = models.BooleanField("已核实", default=False)
    layer_confirmed = models.BooleanField("层次已核实", default=False)
    source = models.CharField("来源", max_length=300, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "海洋产业分类"
        verbose_name_plural = "海洋产业分类"
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class IndustryCrosswalk(models.Model):
    """A GB/T 4754-2017 class (门类 letter + 2–4 digits) counted in an ocean industry. The official table is
    GB/T 20794-2021 附录C; rows not confirmed by a source say so, and a bureau adds its own by Excel."""

    gbt4754_code = models.CharField("国民经济行业代码", max_length=5)
    gbt4754_name = models.CharField("国民经济行业名称", max_length=100)
    industry = models.ForeignKey(
        OceanIndustry, verbose_name="海洋产业", on_delete=models.PROTECT, related_name="crosswalk"
    )
    confirmed = models.BooleanField("已核实", default=False)
    source = models.CharField("来源", max_length=300, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "行业分类对照"
        verbose_name_plural = "行业分类对照"
        ordering = ["gbt4754_code"]
        constraints = [
            models.UniqueConstraint(fields=["gbt4754_code", "industry"], name="crosswalk_code_industry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.gbt4754_code} {self.gbt4754_name} → {self.industry}"


class StatisticalUnit(models.Model):
    """A sea-related unit of the directory (统计单位名录库), identified by its 统一社会信用代码 (check character
    valid by GB 32100-2015; unique). `normalised_name` is the name folded for duplicate search (services keep
    it equal to `name`). `sea_share` is the 涉海 share of its activity as a fraction 0–1."""

    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("单位名称", max_length=200)
    normalised_name = models.CharField("规范化名称", max_length=200, db_index=True, editable=False)
    region = models.ForeignKey(
        "orgs.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="statistical_units"
    )
    industry_4754 = models.CharField("国民经济行业代码", max_length=5, blank=True)
    ocean_industry = models.ForeignKey(
        OceanIndustry, verbose_name="海洋产业", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    sea_share = models.DecimalField("涉海比例", max_digits=5, decimal_places=4, null=True, blank=True)
    size_class = models.CharField("规模", max_length=10, choices=UnitSize.choices, default=UnitSize.BELOW)
    status = models.CharField("状态", max_length=12, choices=UnitStatus.choices, default=UnitStatus.OPERATING)
    source = models.CharField("来源", max_length=20, choices=UnitSource.choices, default=UnitSource.OTHER)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["normalised_name", "updated_at"])

    class Meta:
        verbose_name = "统计单位"
        verbose_name_plural = "统计单位"
        # The code's unique index orders the directory without a join, and its characters 3–8 are the
        # registering region, so the order still groups units by region.
        ordering = ["uscc"]
        indexes = [
            models.Index(fields=["ocean_industry", "region"], name="unit_industry_region"),
            # 规上 units are the ninth of the directory the monthly work looks at: the filter seeks, not scans.
            models.Index(fields=["size_class", "ocean_industry"], name="unit_size_industry"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitReport(models.Model):
    """A unit's reported figures for a year (quarter 0) or a quarter: 增加值 and 营业收入 in 万元."""

    unit = models.ForeignKey(StatisticalUnit, verbose_name="统计单位", on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", default=0, help_text="0 表示全年")
    value_added_wan = models.DecimalField("增加值(万元)", max_digits=16, decimal_places=2)
    revenue_wan = models.DecimalField("营业收入(万元)", max_digits=16, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位报送"
        verbose_name_plural = "单位报送"
        ordering = ["unit", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="unit_report_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}Q{self.quarter}"


class EconomyFigure(models.Model):
    """One figure of a region for a year (quarter 0) or quarter: published (with its source) or computed by
    the platform (with its method). `industry` is set for value added by industry or category."""

    indicator = models.CharField("指标", max_length=20, choices=Indicator.choices)
    region = models.ForeignKey(
        "orgs.Region", verbose_name="区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="空: 全国",
    )
    industry = models.ForeignKey(
        OceanIndustry, verbose_name="海洋产业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", default=0, help_text="0 表示全年")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    unit = models.CharField("单位", max_length=10, blank=True)
    price_basis = models.CharField("价格口径", max_length=12, choices=PriceBasis.choices, default=PriceBasis.CURRENT)
    origin = models.CharField("来源类型", max_length=12, choices=FigureOrigin.choices)
    source = models.CharField("出处", max_length=300, blank=True)
    method = models.CharField("计算方法", max_length=500, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "经济指标值"
        verbose_name_plural = "经济指标值"
        ordering = ["indicator", "region__code", "year", "quarter"]
        # One figure per series and period; NULL (全国, 全部产业) needs its own constraint to count as a value.
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "quarter", "origin"],
                condition=models.Q(industry__isnull=True, region__isnull=False),
                name="figure_one_per_region_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "industry", "year", "quarter", "origin"],
                condition=models.Q(industry__isnull=False, region__isnull=False),
                name="figure_one_per_industry_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "origin"],
                condition=models.Q(industry__isnull=True, region__isnull=True),
                name="figure_one_national_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "industry", "year", "quarter", "origin"],
                condition=models.Q(industry__isnull=False, region__isnull=True),
                name="figure_one_national_industry_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_name} {self.year} {self.get_indicator_display()}"

    @property
    def region_name(self) -> str:
        return self.region.name if self.region_id else "全国"

    @property
    def period_label(self) -> str:
        return f"{self.year}年" if self.quarter == 0 else f"{self.year}年第{self.quarter}季度"


class TargetBinding(QuantityBinding):
    """A published ledger target measured by an economy figure of `region` (004's 海洋生产总值超过2000亿元):
    its trajectory is computed from the latest figure, and the dispatch round takes the figure by itself.
    With `reference_indicator` the target is relative (004's 海洋产业增加值增幅高于全市生产总值增幅2个百分点):
    the figure is the gap between the two growth rates, in 个百分点."""

    indicator = models.CharField("指标", max_length=20, choices=Indicator.choices)
    industry = models.ForeignKey(
        OceanIndustry, verbose_name="海洋产业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference_indicator = models.CharField(
        "对比指标", max_length=20, choices=Indicator.choices, blank=True,
        help_text="相对目标: 指标增速 − 对比指标增速 ≥ 目标值 (个百分点)",
    )
    history = HistoricalRecords()

    class Meta(QuantityBinding.Meta):
        verbose_name = "目标取数"
        verbose_name_plural = "目标取数"


class CompositeIndex(models.Model):
    """An indicator system as data (综合指数): domains with weights, indicators with weights and direction,
    a base year = 100. Computed per region and year by the composite engine (economy/composite.py)."""

    name = models.CharField("名称", max_length=100, unique=True)
    base_year = models.PositiveSmallIntegerField("基期年份")
    note = models.CharField("说明", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "综合指数"
        verbose_name_plural = "综合指数"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IndexDomain(models.Model):
    index = models.ForeignKey(CompositeIndex, verbose_name="综合指数", on_delete=models.CASCADE, related_name="domains")
    name = models.CharField("领域", max_length=50)
    weight = models.DecimalField("权重", max_digits=8, decimal_places=4, default=1)
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指数领域"
        verbose_name_plural = "指数领域"
        ordering = ["index", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["index", "name"], name="index_domain_name_unique")]

    def __str__(self) -> str:
        return self.name


class IndexIndicator(models.Model):
    """An indicator of a domain. With `figure_indicator` its values are the region's economy figures of
    that indicator; otherwise they are the IndexObservation rows entered for it."""

    domain = models.ForeignKey(IndexDomain, verbose_name="领域", on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("指标", max_length=100)
    unit = models.CharField("单位", max_length=20, blank=True)
    weight = models.DecimalField("权重", max_digits=8, decimal_places=4, default=1)
    positive = models.BooleanField("正向指标", default=True, help_text="否: 越小越好 (逆向指标)")
    figure_indicator = models.CharField(
        "取自经济指标", max_length=20, choices=Indicator.choices, blank=True
    )
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指数指标"
        verbose_name_plural = "指数指标"
        ordering = ["domain", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class IndexObservation(models.Model):
    indicator = models.ForeignKey(
        IndexIndicator, verbose_name="指数指标", on_delete=models.CASCADE, related_name="observations"
    )
    region = models.ForeignKey("orgs.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    source = models.CharField("出处", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指数指标值"
        verbose_name_plural = "指数指标值"
        ordering = ["indicator", "region", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "year"], name="index_observation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.region} {self.year}"


class ReportingForm(models.Model):
    """A form of the 报表制度 defined as data: `fields` is a list of {key, label, unit, kind (number/text),
    required, part_of (the key of its total)}; the checks are economy/form_checks.py."""

    name = models.CharField("表名", max_length=100, unique=True)
    frequency = models.CharField("报送频率", max_length=10, choices=FormFrequency.choices)
    fields = models.JSONField("指标", default=list)
    jump_threshold_percent = models.DecimalField("环比变动须说明的阈值(%)", max_digits=6, decimal_places=2, default=30)
    note = models.CharField("说明", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报表"
        verbose_name_plural = "报表"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FormRound(models.Model):
    """One period of a form in a region: the units assigned to it report until `due_date`. `period` is the
    month (1–12) of a 月报, the quarter (1–4) of a 季报, 0 for a 年报."""

    form = models.ForeignKey(ReportingForm, verbose_name="报表", on_delete=models.PROTECT, related_name="rounds")
    region = models.ForeignKey("orgs.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    period = models.PositiveSmallIntegerField("期别", default=0)
    due_date = models.DateField("报送截止")
    units = models.ManyToManyField(StatisticalUnit, verbose_name="报送单位", related_name="form_rounds")
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = "报表期次"
        verbose_name_plural = "报表期次"
        ordering = ["-year", "-period", "form"]
        constraints = [
            models.UniqueConstraint(fields=["form", "region", "year", "period"], name="form_round_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.period_label}"

    @property
    def period_code(self) -> str:
        """The 报告期 as the Excel template writes it: 2025-10, 2025Q3, 2025."""
        if self.form.frequency == FormFrequency.MONTH:
            return f"{self.year}-{self.period:02d}"
        if self.form.frequency == FormFrequency.QUARTER:
            return f"{self.year}Q{self.period}"
        return str(self.year)

    @property
    def period_label(self) -> str:
        if self.form.frequency == FormFrequency.MONTH:
            return f"{self.year}年{self.period}月"
        if self.form.frequency == FormFrequency.QUARTER:
            return f"{self.year}年第{self.period}季度"
        return f"{self.year}年"


class FormSubmission(models.Model):
    """A unit's values for a round (field key → value as text, numbers written plainly), passed through the
    checks; `findings` keeps the non-blocking ones (an explained jump) for the reviewer."""

    round = models.ForeignKey(FormRound, verbose_name="期次", on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(StatisticalUnit, verbose_name="统计单位", on_delete=models.PROTECT, related_name="+")
    values = models.JSONField("填报值", default=dict)
    explanation = models.TextField("说明", blank=True)
    findings = models.JSONField("提示", default=list, blank=True)
    status = models.CharField("状态", max_length=10, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.SUBMITTED)
    returned_comment = models.CharField("退回意见", max_length=300, blank=True)
    submitted_at = models.DateTimeField("报送时间")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报表填报"
        verbose_name_plural = "报表填报"
        ordering = ["round", "unit__uscc"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="submission_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.round}"


class IndustrialCluster(models.Model):
    """A 海洋特色产业集聚区 of the registry: tier, region, lead industry, the year it was recognised at that
    tier, and its member units from the directory. Recognised clusters count towards 004's targets."""

    name = models.CharField("名称", max_length=100, unique=True)
    tier = models.CharField("级别", max_length=12, choices=ClusterTier.choices)
    region = models.ForeignKey("orgs.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    lead_industry = models.ForeignKey(
        OceanIndustry, verbose_name="主导产业", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recognised_year = models.PositiveSmallIntegerField("认定年份", null=True, blank=True, help_text="空: 培育中")
    members = models.ManyToManyField(StatisticalUnit, verbose_name="成员单位", blank=True, related_name="clusters")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = "产业集聚区"
        verbose_name_plural = "产业集聚区"
        ordering = ["region__code", "name"]

    def __str__(self) -> str:
        return self.name


class ClusterIndicatorValue(models.Model):
    """A cluster's value of an evaluation indicator (an IndexIndicator of the evaluation index) for a year."""

    cluster = models.ForeignKey(IndustrialCluster, verbose_name="集聚区", on_delete=models.CASCADE,
                                related_name="indicator_values")
    indicator = models.ForeignKey(IndexIndicator, verbose_name="评价指标", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "集聚区评价指标值"
        verbose_name_plural = "集聚区评价指标值"
        ordering = ["cluster", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "indicator", "year"], name="cluster_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.indicator} {self.year}"


class MonthlyValue(models.Model):
    """One month of a series the bureau holds (港口货物吞吐量, 渔获上岸量, 重点企业营业收入, 涉海投资) for a region,
    with its source; `generated` marks demo data made up by `blueledger demo` (演示生成)."""

    region = models.ForeignKey("orgs.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    series = models.CharField("指标", max_length=20, choices=MonthlySeriesKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    unit = models.CharField("单位", max_length=10)
    source = models.CharField("出处", max_length=300, blank=True)
    generated = models.BooleanField("演示生成", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "月度指标值"
        verbose_name_plural = "月度指标值"
        ordering = ["region__code", "series", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["region", "series", "year", "month"], name="monthly_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.get_series_display()} {self.year}-{self.month:02d}"


class NowcastRelease(models.Model):
    """One vintage of the nowcast of a region's quarter: the estimate with its band, the model and the data it
    used, and its release state (草稿 → 与统计部门核对 → 发布). Vintages are kept, never overwritten; `revision`
    is the change from the vintage before."""

    region = models.ForeignKey("orgs.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度")
    vintage = models.PositiveSmallIntegerField("版次")
    data_through = models.DateField("数据截至")
    estimate = models.DecimalField("估计值(亿元)", max_digits=14, decimal_places=2)
    lower = models.DecimalField("区间下限(亿元)", max_digits=14, decimal_places=2)
    upper = models.DecimalField("区间上限(亿元)", max_digits=14, decimal_places=2)
    band_level = models.DecimalField("置信水平", max_digits=4, decimal_places=2)
    growth_percent = models.DecimalField("同比增长(%)", max_digits=8, decimal_places=2)
    revision = models.DecimalField("较上一版修订(亿元)", max_digits=14, decimal_places=2, null=True, blank=True)
    model = models.JSONField("模型", default=dict, help_text="系数、R²、样本季度数、当季各指标月份数")
    method = models.TextField("方法")
    status = models.CharField("状态", max_length=12, choices=NowcastStatus.choices, default=NowcastStatus.DRAFT)
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("生成时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "即时预测"
        verbose_name_plural = "即时预测"
        ordering = ["region__code", "-year", "-quarter", "-vintage"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "quarter", "vintage"], name="nowcast_vintage_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}年第{self.quarter}季度 第{self.vintage}版"


class FormAssignment(models.Model):
    """Who reports units of a round: a unit itself (its district's office is reminded), a district (its
    offices report the round's units in it) or a department (reports the round's units of its region)."""

    round = models.ForeignKey(FormRound, verbose_name="期次", on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField("类型", max_length=12, choices=AssigneeKind.choices)
    unit = models.ForeignKey(StatisticalUnit, verbose_name="统计单位", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("orgs.Region", verbose_name="区县", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    department = models.ForeignKey("orgs.Department", verbose_name="部门", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报表任务分配"
        verbose_name_plural = "报表任务分配"
        ordering = ["round", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.round} → {self.unit or self.district or self.department}"


class FormReminderLog(ReminderRecord):
    """One reminder (催报) of a form round to one department, by one channel to one recipient (the fields of
    core.reminders.ReminderRecord); at most one of a kind per round, department and day."""

    round = models.ForeignKey(FormRound, verbose_name="期次", on_delete=models.CASCADE, related_name="reminders")
    department = models.ForeignKey("orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT,
                                   related_name="+")
    kind = models.CharField("类型", max_length=20, choices=ReminderKind.choices)
    missing = models.PositiveIntegerField("未报单位数", default=0)

    class Meta:
        verbose_name = "报表催报记录"
        verbose_name_plural = "报表催报记录"
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["round", "department", "kind", "day"], name="form_reminder_slot")]

    def __str__(self) -> str:
        return f"{self.department} · {self.get_kind_display()} · {self.day}"
