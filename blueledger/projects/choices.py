from django.db import models


class ProjectKind(models.TextChoices):
    NEW = "new", "新开工"
    CONTINUING = "continuing", "续建"
    COMPLETING = "completing", "竣工"


class ProjectStatus(models.TextChoices):
    """Where the project stands. 开工在建 (started or under construction) means UNDER_CONSTRUCTION or
    COMPLETED: a project finished this year was started and built this year, as the city reports count it."""

    PREPARING = "preparing", "前期工作"
    UNDER_CONSTRUCTION = "under_construction", "开工在建"
    COMPLETED = "completed", "竣工投产"
    SUSPENDED = "suspended", "停缓建"


STARTED_STATUSES = (ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.COMPLETED)
# The status filter of the registry's lists and saved queries that selects STARTED_STATUSES (开工在建).
STARTED_FILTER = "started"
STARTED_FILTER_CHOICE = (STARTED_FILTER, "开工在建 (含竣工)")


class SizeClass(models.TextChoices):
    """Size classes by 总投资, cumulative as the reports count them (a 60亿元 project is also 亿元以上)."""

    OVER_50_YI = "50", "50亿元以上"
    OVER_30_YI = "30", "30亿元以上"
    OVER_10_YI = "10", "10亿元以上"
    OVER_1_YI = "1", "亿元以上"


class LeadStage(models.TextChoices):
    NEGOTIATING = "negotiating", "在谈"
    SIGNED = "signed", "签约"
    LANDED = "landed", "落地"
    STARTED = "started", "开工"
    PRODUCING = "producing", "投产"
    DROPPED = "dropped", "终止"


LEAD_STAGE_ORDER = (
    LeadStage.NEGOTIATING,
    LeadStage.SIGNED,
    LeadStage.LANDED,
    LeadStage.STARTED,
    LeadStage.PRODUCING,
)


class Indicator(models.TextChoices):
    """What a saved IndicatorQuery measures; the unit comes with the value."""

    PROJECTS = "projects", "项目数 (个)"
    TOTAL_INVESTMENT = "total_investment", "总投资 (亿元)"
    ANNUAL_PLAN = "annual_plan", "年度计划投资 (亿元)"
    COMPLETED = "completed", "年度累计完成投资 (亿元)"
    STARTED_RATE = "started_rate", "开工在建率 (%)"
    ANNUAL_COMPLETION_RATE = "annual_completion_rate", "年度计划投资完成率 (%)"
    LISTED_RATE = "listed_rate", "列统率 (%)"
    SIGNED_LEADS = "signed_leads", "年内新签约项目数 (个)"


# The unit each indicator's value comes in (IndicatorValue.unit): 个 for counts, 亿元 for amounts, % for rates.
INDICATOR_UNITS: dict[str, str] = {
    Indicator.PROJECTS: "个",
    Indicator.TOTAL_INVESTMENT: "亿元",
    Indicator.ANNUAL_PLAN: "亿元",
    Indicator.COMPLETED: "亿元",
    Indicator.STARTED_RATE: "%",
    Indicator.ANNUAL_COMPLETION_RATE: "%",
    Indicator.LISTED_RATE: "%",
    Indicator.SIGNED_LEADS: "个",
}
