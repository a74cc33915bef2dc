"""The key-project registry (重点项目库), its monthly investment reports, the investment-attraction pipeline
(招商引资台账) and saved indicator queries. Amounts are stored in 万元 (the unit of the dispatch tables) and
shown in 亿元."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.orgs.models import Region
from blueledger.projects.choices import STARTED_FILTER, Indicator, LeadStage, ProjectKind, ProjectStatus, SizeClass

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Track(models.Model):
    """One of a city's industry tracks (所属赛道, e.g. 青岛's 六个赛道). Each city keeps its own list."""

    region = models.ForeignKey(
        "orgs.Region", verbose_name="所属城市", on_delete=models.PROTECT, related_name="project_tracks"
    )
    name = models.CharField("赛道名称", max_length=50)
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "赛道"
        verbose_name_plural = "赛道"
        ordering = ["region__code", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="track_name_unique_in_city")]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A key project of the registry, one row of the city's monthly dispatch table.

    `region` is the district (区市) where it is built; moving a project changes which district's figures
    count it, and the move stays in the history. `annual_plan_wan` is the plan of `plan_year`; a project
    without an annual plan (NULL) counts in 累计完成投资 but not in 年度计划投资完成率. Project names are
    unique within a city (checked by the services).

    `latest_report_period` and `latest_completed_wan` copy the period and 1–N月累计 of the project's most
    recent monthly report (NULL without reports). They are derived data, kept equal to the reports by
    services.report_save in the same transaction as the report (the only writer of reports; the admin shows
    reports read-only), and left out of the history (the report's own history holds the change). Why: the
    indicators sum every project's figure at the reporting month, and that month is usually the latest one;
    reading it from the project row instead of looking up 10,000 projects' reports keeps the indicators page
    of a province under 150 ms. An earlier reporting month still looks the reports up.
    """

    region = models.ForeignKey("orgs.Region", verbose_name="区市", on_delete=models.PROTECT, related_name="projects")
    track = models.ForeignKey(Track, verbose_name="所属赛道", on_delete=models.PROTECT, related_name="projects")
    name = models.CharField("项目名称", max_length=200)
    content = models.TextField("建设内容", blank=True)
    kind = models.CharField("项目类型", max_length=20, choices=ProjectKind.choices)
    total_investment_wan = models.DecimalField("总投资(万元)", **AMOUNT)
    plan_year = models.PositiveSmallIntegerField("计划年度")
    annual_plan_wan = models.DecimalField("年度计划投资(万元)", null=True, blank=True, **AMOUNT)
    planned_start = models.DateField("计划开工", null=True, blank=True)
    planned_end = models.DateField("计划竣工", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING)
    is_listed = models.BooleanField("是否入统", default=False, help_text="已纳入固定资产投资统计 (列统/入统)")
    responsible_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    contact = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    latest_report_period = models.DateField("最近报告期", null=True, blank=True, editable=False)
    latest_completed_wan = models.DecimalField(
        "最近报告期1–N月累计完成投资(万元)", null=True, blank=True, editable=False, **AMOUNT
    )
    history = HistoricalRecords(excluded_fields=["latest_report_period", "latest_completed_wan"])

    class Meta:
        verbose_name = "重点项目"
        verbose_name_plural = "重点项目"
        ordering = ["region__code", "name"]
        indexes = [
            models.Index(fields=["region", "track"], name="project_region_track"),
            models.Index(fields=["name"], name="project_name"),
        ]

    def __str__(self) -> str:
        return self.name


class MonthlyReport(models.Model):
    """A project's monthly dispatch report. `year_to_date_completed_wan` is 1–N月累计完成投资: it starts again
    every January and never goes down within a year (the services refuse that)."""

    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE, related_name="reports")
    period = models.DateField("报告期", help_text="该月 1 日")
    year_to_date_completed_wan = models.DecimalField("1–N月累计完成投资(万元)", **AMOUNT)
    progress = models.CharField("形象进度", max_length=300, blank=True)
    problems = models.TextField("存在问题", blank=True)
    coordination = models.TextField("需协调事项", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "月度投资调度"
        verbose_name_plural = "月度投资调度"
        ordering = ["project", "-period"]
        constraints = [models.UniqueConstraint(fields=["project", "period"], name="report_one_per_project_month")]
        indexes = [
            # Covers "the latest report of the year up to a month" (seek on project, period; read the amount
            # from the index), the lookup of every project behind the indicators of an earlier month.
            models.Index(fields=["project", "period", "year_to_date_completed_wan"], name="report_project_period_ytd"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period:%Y-%m}"


class DispatchTableLayout(models.Model):
    """The column layout of the dispatch table a city already uses: which header text holds which field.
    Without a layout the city gets blueledger's own (the export's) headers."""

    region = models.OneToOneField(
        "orgs.Region", verbose_name="所属城市", on_delete=models.CASCADE, related_name="dispatch_layout"
    )
    sheet_name = models.CharField("工作表名称", max_length=50, blank=True, help_text="留空: 第一个工作表")
    header_row = models.PositiveSmallIntegerField("表头所在行", default=1)
    columns = models.JSONField("列对应关系", default=dict, help_text='字段 → 表头文字, 如 {"name": "项目全称"}')
    history = HistoricalRecords()

    class Meta:
        verbose_name = "调度表格式"
        verbose_name_plural = "调度表格式"

    def __str__(self) -> str:
        return f"{self.region} 调度表格式"


class Lead(models.Model):
    """An investment-attraction lead (招商线索). Its stage moves 在谈 → 签约 → 落地 → 开工 → 投产 or ends
    as 终止 with a reason; every move is a dated LeadStageChange. A signed lead becomes a registry project
    once (`project`)."""

    region = models.ForeignKey("orgs.Region", verbose_name="区市", on_delete=models.PROTECT, related_name="leads")
    track = models.ForeignKey(Track, verbose_name="所属赛道", on_delete=models.PROTECT, related_name="leads")
    name = models.CharField("项目名称", max_length=200)
    investor = models.CharField("投资方", max_length=200, blank=True)
    source = models.CharField("来源", max_length=100, blank=True, help_text="如 推介大会、以商招商")
    responsible_person = models.CharField("责任人", max_length=50, blank=True)
    planned_investment_wan = models.DecimalField("计划投资(万元)", null=True, blank=True, **AMOUNT)
    signed_amount_wan = models.DecimalField("签约金额(万元)", null=True, blank=True, **AMOUNT)
    stage = models.CharField("阶段", max_length=20, choices=LeadStage.choices, default=LeadStage.NEGOTIATING)
    stage_since = models.DateField("进入本阶段日期")
    drop_reason = models.CharField("终止原因", max_length=300, blank=True)
    project = models.OneToOneField(
        Project, verbose_name="转入项目", null=True, blank=True, on_delete=models.SET_NULL, related_name="lead"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "招商线索"
        verbose_name_plural = "招商线索"
        ordering = ["region__code", "-stage_since", "name"]

    def __str__(self) -> str:
        return self.name


class LeadStageChange(models.Model):
    """A dated move of a lead into `stage`; the first row is the lead entering 在谈."""

    lead = models.ForeignKey(Lead, verbose_name="招商线索", on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField("阶段", max_length=20, choices=LeadStage.choices)
    changed_on = models.DateField("日期")
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "阶段变化"
        verbose_name_plural = "阶段变化"
        ordering = ["lead", "changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.lead} → {self.get_stage_display()} {self.changed_on}"


class IndicatorQuery(models.Model):
    """A saved registry query (filters + one indicator) that a ledger target can be bound to, so that the
    target's progress is read from the registry. `filters` keys: district (区划代码), track (赛道名称), kind,
    status, size (SizeClass value), min_signed_yi (for signed_leads)."""

    region = models.ForeignKey(
        "orgs.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="indicator_queries"
    )
    name = models.CharField("名称", max_length=200)
    indicator = models.CharField("指标", max_length=30, choices=Indicator.choices)
    filters = models.JSONField("筛选条件", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标查询"
        verbose_name_plural = "指标查询"
        ordering = ["region__code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def filters_text(self) -> str:
        """The filters in words (黄岛区 · 海洋装备 · 签约额不低于50亿元), or 全部 when there are none."""
        filters = self.filters
        parts = []
        if filters.get("district"):
            parts.append(Region.objects.filter(code=filters["district"]).values_list("name", flat=True).first()
                         or filters["district"])
        if filters.get("track"):
            parts.append(filters["track"])
        if filters.get("kind"):
            parts.append(ProjectKind(filters["kind"]).label)
        if filters.get("status"):
            parts.append("开工在建" if filters["status"] == STARTED_FILTER else ProjectStatus(filters["status"]).label)
        if filters.get("size"):
            parts.append(SizeClass(filters["size"]).label)
        if filters.get("min_signed_yi"):
            parts.append(f"签约额不低于{filters['min_signed_yi']}亿元")
        return " · ".join(parts) or "全部"

