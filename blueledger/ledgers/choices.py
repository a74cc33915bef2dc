from django.db import models


class LedgerKind(models.TextChoices):
    PLAN = "plan", "工作计划"
    SUMMARY = "summary", "工作总结"
    TARGETS = "targets", "目标任务"
    POLICY = "policy", "政策方案"
    MIXED = "mixed", "总结及计划"


class LedgerStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    PUBLISHED = "published", "已发布"


class ResponsibilityRole(models.TextChoices):
    LEAD = "lead", "牵头"
    SUPPORT = "support", "配合"


class QuantityRole(models.TextChoices):
    TARGET = "target", "目标"
    FACT = "fact", "实绩"


class ComparisonOp(models.TextChoices):
    EQUAL = "eq", "等于"
    AT_LEAST = "ge", "不低于"
    ABOVE = "gt", "超过"
    AT_MOST = "le", "不超过"
    ABOUT = "about", "左右"
    RANGE = "range", "区间"


class Hardness(models.TextChoices):
    ENSURE = "ensure", "确保"
    STRIVE = "strive", "力争"
    AIM = "aim", "争取"


# The extraction engine's spellings (blueledger.ledgers.extraction.model) → these choices.
OP_FROM_ENGINE = {
    "=": ComparisonOp.EQUAL,
    ">=": ComparisonOp.AT_LEAST,
    ">": ComparisonOp.ABOVE,
    "<=": ComparisonOp.AT_MOST,
    "~": ComparisonOp.ABOUT,
    "range": ComparisonOp.RANGE,
}
HARDNESS_FROM_ENGINE = {"确保": Hardness.ENSURE, "力争": Hardness.STRIVE, "争取": Hardness.AIM}


class ClosureState(models.TextChoices):
    CLOSED = "closed", "已办结"
    STRUCK_OFF = "struck_off", "已销号"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "未批准"
