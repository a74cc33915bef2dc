from django.db import models


class PeriodKind(models.TextChoices):
    WEEK = "week", "周"
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    HALF_YEAR = "half_year", "半年"
    YEAR = "year", "年度"


class RoundStatus(models.TextChoices):
    OPEN = "open", "填报中"
    CLOSED = "closed", "已截止"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已采用"


class ReportSource(models.TextChoices):
    FORM = "form", "网页填报"
    EXCEL = "excel", "Excel 模板"
    # Filled by the platform from a register (重点项目库, or a figure source such as 海洋经济监测); the report's
    # 进展情况 names which.
    REGISTRY = "registry", "平台取数"


class PrefillSource(models.TextChoices):
    NONE = "", "无"
    PREVIOUS_ROUND = "previous_round", "上期累计值"
    REGISTRY = "registry", "台账实绩"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"


class ReconciliationVerdict(models.TextChoices):
    COMPLETED = "completed", "完成"
    NOT_COMPLETED = "not_completed", "未完成"
    UNDECIDABLE = "undecidable", "无法判断"


# The statuses a department's report counts as handed in (for 催报 and the dashboard).
HANDED_IN = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

# How the history reason of a closed round's correction and of its reopening begins (shown on the round's page).
CORRECTION_PREFIX = "更正"
REOPEN_PREFIX = "重新开放"

# The kinds, channels and outcomes of a reminder (催报) are app-neutral: blueledger.core.reminders.


class TaskState(models.TextChoices):
    """Where a qualitative task (no quantitative target) stands, as its department reports it."""

    DONE = "done", "完成"
    IN_PROGRESS = "in_progress", "推进中"
    NOT_STARTED = "not_started", "未启动"


class InstructionSubject(models.TextChoices):
    """What a leader's 批示 is written on."""

    TASK = "task", "事项"
    REPORT = "report", "报送"
    ROUND = "round", "通报"


class InstructionStatus(models.TextChoices):
    PENDING = "pending", "待落实"
    IMPLEMENTED = "implemented", "已落实"
