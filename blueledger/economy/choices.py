from django.db import models


class IndustryKind(models.TextChoices):
    CATEGORY = "category", "类别"
    INDUSTRY = "industry", "产业"


class Layer(models.TextChoices):
    """The three layers of the ocean economy (GB/T 20794)."""

    CORE = "core", "核心层"
    SUPPORT = "support", "支持层"
    PERIPHERY = "periphery", "外围层"


class IndustryGroup(models.TextChoices):
    TRADITIONAL = "traditional", "传统海洋产业"
    EMERGING = "emerging", "海洋新兴产业"


class UnitSize(models.TextChoices):
    ABOVE = "above", "规上"
    BELOW = "below", "规下"


class UnitStatus(models.TextChoices):
    OPERATING = "operating", "在营"
    SUSPENDED = "suspended", "停业"
    CLOSED = "closed", "注销或吊销"


class UnitSource(models.TextChoices):
    CENSUS = "census", "海洋经济调查"
    REGISTRATION = "registration", "市场主体登记"
    REPORTING = "reporting", "统计报表"
    DEPARTMENT = "department", "部门推送"
    OTHER = "other", "其他"


class Indicator(models.TextChoices):
    """What an economy figure measures. Amounts in 亿元 at current prices; rates in %."""

    OCEAN_GDP = "ocean_gdp", "海洋生产总值"
    VALUE_ADDED = "value_added", "海洋产业增加值"
    GDP = "gdp", "地区生产总值"
    OCEAN_GDP_GROWTH = "ocean_gdp_growth", "海洋生产总值增速"
    GDP_GROWTH = "gdp_growth", "地区生产总值增速"
    VALUE_ADDED_GROWTH = "value_added_growth", "海洋产业增加值增速"
    GDP_SHARE = "gdp_share", "海洋生产总值占地区生产总值比重"
    DEFLATOR = "deflator", "价格指数 (上年=100)"
    PROVINCIAL_CLUSTERS = "provincial_clusters", "省级海洋特色产业集聚区数量"
    CITY_CLUSTERS = "city_clusters", "市级海洋特色产业集聚区数量"


INDICATOR_UNITS = {
    Indicator.OCEAN_GDP: "亿元",
    Indicator.VALUE_ADDED: "亿元",
    Indicator.GDP: "亿元",
    Indicator.OCEAN_GDP_GROWTH: "%",
    Indicator.GDP_GROWTH: "%",
    Indicator.VALUE_ADDED_GROWTH: "%",
    Indicator.GDP_SHARE: "%",
    Indicator.DEFLATOR: "",
    Indicator.PROVINCIAL_CLUSTERS: "个",
    Indicator.CITY_CLUSTERS: "个",
}
# Which growth figure tells a level indicator's pace (published growth is at comparable prices as a rule).
GROWTH_OF = {
    Indicator.OCEAN_GDP: Indicator.OCEAN_GDP_GROWTH,
    Indicator.GDP: Indicator.GDP_GROWTH,
    Indicator.VALUE_ADDED: Indicator.VALUE_ADDED_GROWTH,
}
# A relative target (增幅高于…N个百分点) is measured in percentage points between two growth rates.
RELATIVE_UNIT = "个百分点"
INDICATOR_BY_LABEL = {label: value for value, label in Indicator.choices}


class FigureOrigin(models.TextChoices):
    PUBLISHED = "published", "公开发布"
    COMPUTED = "computed", "平台计算"
    GENERATED = "generated", "演示生成"  # demo data made up by `blueledger demo`, never a real figure


class PriceBasis(models.TextChoices):
    CURRENT = "current", "现价"
    COMPARABLE = "comparable", "可比价"


class FormFrequency(models.TextChoices):
    MONTH = "month", "月报"
    QUARTER = "quarter", "季报"
    YEAR = "year", "年报"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已审核"


class ClusterTier(models.TextChoices):
    CITY = "city", "市级"
    PROVINCIAL = "provincial", "省级"
    NATIONAL = "national", "国家级"


# The count indicators read from the cluster registry (recognised clusters of a tier), not from figures.
CLUSTER_COUNT_TIERS = {Indicator.PROVINCIAL_CLUSTERS: "provincial", Indicator.CITY_CLUSTERS: "city"}


class MonthlySeriesKind(models.TextChoices):
    """The monthly series a bureau holds that the nowcast bridges to the quarter's ocean GDP."""

    PORT_THROUGHPUT = "port_throughput", "港口货物吞吐量"
    LANDINGS = "landings", "渔获及水产品上岸量"
    KEY_FIRM_REVENUE = "key_firm_revenue", "重点企业营业收入"
    INVESTMENT = "investment", "涉海固定资产投资"


MONTHLY_SERIES_UNITS = {
    MonthlySeriesKind.PORT_THROUGHPUT: "万吨",
    MonthlySeriesKind.LANDINGS: "吨",
    MonthlySeriesKind.KEY_FIRM_REVENUE: "万元",
    MonthlySeriesKind.INVESTMENT: "万元",
}


class NowcastStatus(models.TextChoices):
    """A release goes out only after the statistics department has checked it."""

    DRAFT = "draft", "草稿"
    RECONCILING = "reconciling", "与统计部门核对"
    PUBLISHED = "published", "发布"


# The moves a release may make: forward one step, or back from 核对 to 草稿.
NOWCAST_MOVES = {
    (NowcastStatus.DRAFT, NowcastStatus.RECONCILING),
    (NowcastStatus.RECONCILING, NowcastStatus.PUBLISHED),
    (NowcastStatus.RECONCILING, NowcastStatus.DRAFT),
}


class AssigneeKind(models.TextChoices):
    """Whom a form round's units are assigned to for reporting (and reminding)."""

    UNIT = "unit", "统计单位"
    DISTRICT = "district", "区县"
    DEPARTMENT = "department", "部门"
