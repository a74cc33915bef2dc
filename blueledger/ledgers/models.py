"""The task ledger of a document: tasks, the departments responsible for them, and their targets.

A ledger is drafted by extraction, reviewed by a dispatcher and then published; published tasks and
targets, each assigned to resolved departments, are what reporting rounds are built on. Every item keeps
its source span: character offsets into `Ledger.text`, the normalised text the extractor read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.ledgers.choices import (
    ClosureState,
    ComparisonOp,
    ExtensionStatus,
    Hardness,
    LedgerKind,
    LedgerStatus,
    QuantityRole,
    ResponsibilityRole,
)
from blueledger.lib.numbers import plain_decimal

# The history reason of every row extraction writes; the ledger's history tab counts these instead of listing.
EXTRACTION_REASON = "从文件自动抽取"


class Ledger(models.Model):
    """The ledger of one document. Draft until published; a published ledger is no longer edited."""

    document = models.OneToOneField(
        "documents.Document", verbose_name="来源文件", on_delete=models.PROTECT, related_name="ledger"
    )
    region = models.ForeignKey("orgs.Region", verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=300)
    issuer = models.CharField("发文单位", max_length=200, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    kind = models.CharField("文件类型", max_length=10, choices=LedgerKind.choices)
    status = models.CharField("状态", max_length=10, choices=LedgerStatus.choices, default=LedgerStatus.DRAFT)
    text = models.TextField("规范化文字", help_text="各条目的原文位置均指向这段文字")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = "工作台账"
        verbose_name_plural = "工作台账"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class LedgerTask(models.Model):
    """A heading of the document's task hierarchy (二.(一).1) or a named row of a target table."""

    ledger = models.ForeignKey(Ledger, verbose_name="台账", on_delete=models.CASCADE, related_name="tasks")
    key = models.CharField("编号", max_length=100)
    title = models.CharField("任务", max_length=500)
    parent = models.ForeignKey(
        "self", verbose_name="上级任务", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField("顺序")
    deadline = models.DateField("完成时限", null=True, blank=True)
    span_start = models.PositiveIntegerField("原文起点", null=True, blank=True)
    span_end = models.PositiveIntegerField("原文终点", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "台账任务"
        verbose_name_plural = "台账任务"
        ordering = ["ledger", "position"]
        constraints = [models.UniqueConstraint(fields=["ledger", "key"], name="ledger_task_key_unique")]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"

    @property
    def depth(self) -> int:
        return self.key.count(".")


class TaskResponsibility(models.Model):
    """A department named as lead or support of a task. `written_name` is as the document writes it;
    `department` stays empty until the name is resolved, and a ledger is published only when none is."""

    task = models.ForeignKey(
        LedgerTask, verbose_name="任务", on_delete=models.CASCADE, related_name="responsibilities"
    )
    written_name = models.CharField("原文写法", max_length=100)
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="部门单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_responsibilities",
    )
    role = models.CharField("职责", max_length=10, choices=ResponsibilityRole.choices)
    position = models.PositiveIntegerField("顺序")
    span_start = models.PositiveIntegerField("原文起点", null=True, blank=True)
    span_end = models.PositiveIntegerField("原文终点", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任务责任单位"
        verbose_name_plural = "任务责任单位"
        ordering = ["task", "position"]

    def __str__(self) -> str:
        return f"{self.written_name} ({self.get_role_display()})"


class LedgerQuantity(models.Model):
    """A measured target (or reported fact) of the ledger: value, unit, comparison and firmness.

    `value_max` is set for ranges only. Items added by hand have no span.
    """

    ledger = models.ForeignKey(Ledger, verbose_name="台账", on_delete=models.CASCADE, related_name="quantities")
    task = models.ForeignKey(
        LedgerTask,
        verbose_name="任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quantities",
    )
    role = models.CharField("类别", max_length=10, choices=QuantityRole.choices)
    metric = models.CharField("指标", max_length=200)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)
    value_max = models.DecimalField("上限值", max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    op = models.CharField("比较", max_length=10, choices=ComparisonOp.choices, default=ComparisonOp.EQUAL)
    hardness = models.CharField("力度", max_length=10, choices=Hardness.choices, blank=True)
    deadline = models.DateField("完成时限", null=True, blank=True)
    quote = models.CharField("原文", max_length=200, blank=True)
    position = models.PositiveIntegerField("顺序")
    span_start = models.PositiveIntegerField("原文起点", null=True, blank=True)
    span_end = models.PositiveIntegerField("原文终点", null=True, blank=True)
    # The extractor's reasons to check this item by hand (角色由文档类型推定, …); empty when it is sure.
    review_flags = models.JSONField("待核对原因", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "台账指标"
        verbose_name_plural = "台账指标"
        ordering = ["ledger", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.metric} {self.value_display}{self.unit}"

    @property
    def value_display(self) -> str:
        """The value without trailing zeros (12.500000 → 12.5); a range as 3–5."""
        low = plain_decimal(self.value)
        return f"{low}–{plain_decimal(self.value_max)}" if self.value_max is not None else low


class QuantityBinding(models.Model):
    """A published ledger target measured by another app's figure of `region` (economy's 海洋生产总值超过2000亿元,
    fisheries' 在港率95%): the dispatch round takes the figure by itself through that app's dispatch.sources
    source. Each app's binding adds what it measures (`indicator`, …), its verbose names and its own
    `history = HistoricalRecords()`; the target reaches it as `<app_label>_binding` (economy_binding)."""

    quantity = models.OneToOneField(
        LedgerQuantity, verbose_name="目标", on_delete=models.CASCADE, related_name="%(app_label)s_binding"
    )
    region = models.ForeignKey("orgs.Region", verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    bound_at = models.DateTimeField("设置时间", auto_now=True)
    bound_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["region__code", "quantity"]

    def __str__(self) -> str:
        return f"{self.quantity.metric} ← {self.region} {self.get_indicator_display()}"  # type: ignore[attr-defined]


class _LedgerItem(models.Model):
    """A record about one published task or one target of a ledger: exactly one of `task` and `quantity`."""

    ledger = models.ForeignKey(Ledger, verbose_name="台账", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    @property
    def item(self) -> LedgerTask | LedgerQuantity:
        return self.task if self.task_id is not None else self.quantity  # type: ignore[attr-defined, return-value]

    @property
    def item_label(self) -> str:
        """任务 二.(一) 建设渔港 or 指标 新建渔港, for messages and lists."""
        if self.task_id is not None:  # type: ignore[attr-defined]
            return f"任务 {self.task.key} {self.task.title}"[:80]  # type: ignore[attr-defined]
        return f"指标 {self.quantity.metric}"  # type: ignore[attr-defined]


def _one_item(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(task__isnull=False, quantity__isnull=True) | models.Q(task__isnull=True,
                                                                                 quantity__isnull=False),
        name=name,
    )


class ItemClosure(_LedgerItem):
    """办结 and 销号 of a finished task or target of a published ledger: the dispatcher closes it with a note
    (办结), then strikes it off (销号). A closed item (a closed task with its sub-tasks and targets) gets no slot
    in the rounds opened afterwards; earlier rounds, their reports and bulletins keep it."""

    task = models.OneToOneField(LedgerTask, verbose_name="任务", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="closure")
    quantity = models.OneToOneField(LedgerQuantity, verbose_name="指标", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="closure")
    state = models.CharField("状态", max_length=12, choices=ClosureState.choices, default=ClosureState.CLOSED)
    note = models.CharField("办结说明", max_length=500)
    closed_at = models.DateTimeField("办结时间")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办结人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    struck_off_note = models.CharField("销号说明", max_length=500, blank=True)
    struck_off_at = models.DateTimeField("销号时间", null=True, blank=True)
    struck_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="销号人", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "办结销号"
        verbose_name_plural = "办结销号"
        ordering = ["-closed_at", "-pk"]
        constraints = [_one_item("closure_is_task_or_target")]

    def __str__(self) -> str:
        return f"{self.item_label} · {self.get_state_display()}"


class DeadlineExtension(_LedgerItem):
    """延期申请: a reporting department asks to move a task's or target's deadline (完成时限) to a later date,
    with its reason; the dispatcher approves (the deadline changes, with history) or refuses, with a comment.
    `deadline_before` is the deadline when the request was made."""

    task = models.ForeignKey(LedgerTask, verbose_name="任务", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="extensions")
    quantity = models.ForeignKey(LedgerQuantity, verbose_name="指标", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="extensions")
    department = models.ForeignKey("orgs.Department", verbose_name="申请单位", on_delete=models.PROTECT,
                                   related_name="+")
    deadline_before = models.DateField("原完成时限", null=True, blank=True)
    requested_deadline = models.DateField("申请延至")
    reason = models.CharField("申请理由", max_length=500)
    status = models.CharField("状态", max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    requested_at = models.DateTimeField("申请时间")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    decision_comment = models.CharField("审批意见", max_length=500, blank=True)
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["-requested_at", "-pk"]
        constraints = [_one_item("extension_is_task_or_target")]
        indexes = [models.Index(fields=["ledger", "status"])]

    def __str__(self) -> str:
        return f"{self.item_label} · 延至 {self.requested_deadline:%Y-%m-%d}"
