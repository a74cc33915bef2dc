"""Reporting rounds (调度轮次) of a published ledger, the slots each department fills in, the versions of
each report, the objections to a ranking, and the year-end reconciliation of a summary against a plan.

Completion, status and ranking are not stored: they are computed from the latest handed-in report of each
slot by the engines (progress.py, ranking.py) when a page or a bulletin asks for them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.core.attachments import StoredAttachment
from blueledger.core.reminders import ReminderKind, ReminderRecord
from blueledger.dispatch.choices import (
    InstructionStatus,
    InstructionSubject,
    ObjectionStatus,
    PeriodKind,
    PrefillSource,
    ReconciliationVerdict,
    ReportSource,
    ReportStatus,
    RoundStatus,
    TaskState,
)

# A qualitative task's slot is named in messages by its key and the start of its title.
SLOT_LABEL_CHARS = 60
# The office's default hardness weights (确保 counts double), as stored in ReportingRound.hardness_weights.
DEFAULT_HARDNESS_WEIGHTS = {"binding": "2", "strive": "1", "try": "1", "none": "1"}


def default_hardness_weights() -> dict[str, str]:
    return dict(DEFAULT_HARDNESS_WEIGHTS)


class ReportingRound(models.Model):
    """One round of reporting on a published ledger for a period. Open rounds take reports; a closed round
    takes none and is what bulletins and `--latest` use."""

    ledger = models.ForeignKey(
        "ledgers.Ledger", verbose_name="台账", on_delete=models.PROTECT, related_name="reporting_rounds"
    )
    period_kind = models.CharField("周期", max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    due_date = models.DateField("报送截止")
    title = models.CharField("名称", max_length=100)
    status = models.CharField("状态", max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_at = models.DateTimeField("发起时间")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("截止时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="截止操作人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    hardness_weights = models.JSONField("约束强度权重", default=default_hardness_weights)
    tolerance_share = models.DecimalField(
        "左右目标容差", max_digits=5, decimal_places=4, default=Decimal("0.05"), help_text="0.05 即 ±5%"
    )
    severe_lag_points = models.DecimalField(
        "严重滞后阈值(百分点)", max_digits=6, decimal_places=2, default=Decimal(20)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "调度轮次"
        verbose_name_plural = "调度轮次"
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "period_kind", "period_start", "period_end"], name="round_period_unique"
            )
        ]
        indexes = [models.Index(fields=["ledger", "status", "period_end"])]

    def __str__(self) -> str:
        return self.title


class ReportSlot(models.Model):
    """What one department reports for one target in one round. `prefilled_value` is the figure the
    platform already held when the round opened (fill once: it is offered, not asked again)."""

    round = models.ForeignKey(ReportingRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="slots")
    department = models.ForeignKey(
        "orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT, related_name="report_slots"
    )
    quantity = models.ForeignKey(
        "ledgers.LedgerQuantity", verbose_name="目标", on_delete=models.PROTECT, related_name="report_slots",
        null=True, blank=True,
    )
    task = models.ForeignKey(
        "ledgers.LedgerTask", verbose_name="定性任务", on_delete=models.PROTECT, related_name="report_slots",
        null=True, blank=True, help_text="没有量化目标的任务: 报文字进展与完成状态",
    )
    is_lead = models.BooleanField("牵头", default=False)
    position = models.PositiveIntegerField("顺序", default=0)
    prefilled_value = models.DecimalField("预填值", max_digits=20, decimal_places=6, null=True, blank=True)
    prefilled_from = models.CharField(
        "预填来源", max_length=20, choices=PrefillSource.choices, blank=True, default=PrefillSource.NONE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "填报项"
        verbose_name_plural = "填报项"
        ordering = ["round", "department", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "department", "quantity"], name="slot_unique_in_round"),
            models.UniqueConstraint(fields=["round", "department", "task"], name="task_slot_unique_in_round"),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=False, task__isnull=True)
                | models.Q(quantity__isnull=True, task__isnull=False),
                name="slot_is_target_or_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.label}"

    @property
    def is_task(self) -> bool:
        """A qualitative task's slot (文字进展 + 完成状态), not a target's."""
        return self.quantity_id is None

    @property
    def subject_task(self) -> object:
        """The ledger task the slot reports on: the target's task, or the qualitative task itself."""
        return self.task if self.quantity_id is None else self.quantity.task  # type: ignore[union-attr]

    @property
    def label(self) -> str:
        """The slot's name in messages: the target's metric, or the task's key and title."""
        if self.quantity_id is None:
            return f"{self.task.key} {self.task.title}"[:SLOT_LABEL_CHARS]  # type: ignore[union-attr]
        return str(self.quantity.metric)  # type: ignore[union-attr]


class Report(models.Model):
    """One version of a slot's report. A draft is edited in place; a submitted or accepted version is
    never changed again except by returning it; a correction after a return is version + 1."""

    slot = models.ForeignKey(ReportSlot, verbose_name="填报项", on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveIntegerField("版本")
    value = models.DecimalField("累计完成值", max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    progress = models.TextField("进展情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下步打算", blank=True)
    task_state = models.CharField("完成状态", max_length=20, choices=TaskState.choices, blank=True,
                                  help_text="定性任务的完成状态")
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    value_typed = models.BooleanField("手工填写", default=False, help_text="数值与预填值不同")
    source = models.CharField("来源", max_length=20, choices=ReportSource.choices, default=ReportSource.FORM)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    returned_comment = models.CharField("退回意见", max_length=500, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报送"
        verbose_name_plural = "报送"
        ordering = ["slot", "version"]
        constraints = [models.UniqueConstraint(fields=["slot", "version"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.slot} v{self.version}"


class RegistryBinding(models.Model):
    """A ledger target read from the key-project registry instead of typed (新签约过50亿元项目5个, 列统率达到
    100%): in every round the platform fills its slots from the saved query, as of the round's month, and
    the departments are not asked for it (最多报一次)."""

    quantity = models.OneToOneField(
        "ledgers.LedgerQuantity", verbose_name="目标", on_delete=models.CASCADE, related_name="registry_binding"
    )
    query = models.ForeignKey(
        "projects.IndicatorQuery", verbose_name="重点项目库指标", on_delete=models.PROTECT, related_name="bindings"
    )
    bound_at = models.DateTimeField("设置时间", auto_now=True)
    bound_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "重点项目库取数"
        verbose_name_plural = "重点项目库取数"
        ordering = ["quantity"]

    def __str__(self) -> str:
        return f"{self.quantity.metric} ← {self.query}"


class ReportUpload(models.Model):
    """A template a department uploaded; its checksum refuses a second upload of the identical file."""

    round = models.ForeignKey(ReportingRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="uploads")
    department = models.ForeignKey("orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT,
                                   related_name="+")
    filename = models.CharField("文件名", max_length=200)
    content_sha256 = models.CharField("内容校验值", max_length=64)
    rows = models.PositiveIntegerField("行数")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "模板上传"
        verbose_name_plural = "模板上传"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class ReportAttachment(StoredAttachment):
    """Evidence (佐证材料) a department attaches to one report item (`slot`: a photo, minutes, a signed
    statement), or, without a slot, to its reports of the round as a whole. Stored and served the one way of
    core/attachments.py (never a public URL); an item's evidence is locked once the item is handed in."""

    upload_dir = "dispatch"

    round = models.ForeignKey(
        ReportingRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="attachments"
    )
    department = models.ForeignKey("orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT,
                                   related_name="+")
    slot = models.ForeignKey(ReportSlot, verbose_name="填报项", on_delete=models.CASCADE, related_name="evidence",
                             null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报送附件"
        verbose_name_plural = "报送附件"
        ordering = ["uploaded_at", "pk"]


class RankingObjection(models.Model):
    """A department's objection (异议) to its ranking in a round, and the office's answer on the record."""

    round = models.ForeignKey(
        ReportingRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="objections"
    )
    department = models.ForeignKey("orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT,
                                   related_name="+")
    text = models.TextField("异议内容")
    filed_at = models.DateTimeField("提出时间")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    answer = models.TextField("答复", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="答复人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "排名异议"
        verbose_name_plural = "排名异议"
        ordering = ["-filed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.department} · {self.round}"


class Reconciliation(models.Model):
    """A year-end summary (工作总结, imported as a ledger of its own) checked against a plan ledger."""

    plan = models.ForeignKey("ledgers.Ledger", verbose_name="计划台账", on_delete=models.PROTECT, related_name="+")
    summary = models.ForeignKey(
        "ledgers.Ledger", verbose_name="工作总结", on_delete=models.PROTECT, related_name="+"
    )
    arithmetic_findings = models.JSONField("数字核对", default=list, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年终对账"
        verbose_name_plural = "年终对账"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.summary} ↔ {self.plan}"


class ReconciliationRow(models.Model):
    """A plan target with the reported fact matched to it, the engine's verdict and staff's confirmation."""

    reconciliation = models.ForeignKey(Reconciliation, verbose_name="年终对账", on_delete=models.CASCADE,
                                       related_name="rows")
    target = models.ForeignKey("ledgers.LedgerQuantity", verbose_name="目标", on_delete=models.PROTECT,
                               related_name="+")
    fact = models.ForeignKey("ledgers.LedgerQuantity", verbose_name="实绩", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    suggested_verdict = models.CharField("建议结论", max_length=20, choices=ReconciliationVerdict.choices)
    similarity = models.DecimalField("相似度", max_digits=5, decimal_places=4, default=Decimal(0))
    evidence_quote = models.CharField("证据原文", max_length=300, blank=True)
    reason = models.CharField("理由", max_length=300, blank=True)
    verdict = models.CharField("确认结论", max_length=20, choices=ReconciliationVerdict.choices, blank=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("说明", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "对账结果"
        verbose_name_plural = "对账结果"
        ordering = ["reconciliation", "pk"]

    def __str__(self) -> str:
        return f"{self.target} · {self.get_verdict_display() or self.get_suggested_verdict_display()}"


class RoundFigures(models.Model):
    """The figures of a closed round, computed once when it closes (or its weights change), so that the
    trend chart and the rank change of the next round need not re-assess every earlier round on each page
    view. A closed round takes no more reports, so these cannot go stale."""

    round = models.OneToOneField(ReportingRound, verbose_name="轮次", on_delete=models.CASCADE,
                                 related_name="figures")
    mean_completion = models.DecimalField("平均完成率", max_digits=9, decimal_places=6, null=True, blank=True)
    elapsed_share = models.DecimalField("序时进度", max_digits=9, decimal_places=6, null=True, blank=True)
    status_counts = models.JSONField("各状态目标数", default=dict)
    department_ranks = models.JSONField("部门排名", default=dict, help_text="部门 id → 名次")
    district_ranks = models.JSONField("区县排名", default=dict, help_text="区划代码 → 名次")
    department_lights = models.JSONField("三色督办", default=dict, help_text="部门 id → green/yellow/red/none")
    computed_at = models.DateTimeField("计算时间", auto_now=True)

    class Meta:
        verbose_name = "轮次汇总"
        verbose_name_plural = "轮次汇总"

    def __str__(self) -> str:
        return str(self.round)


class ReminderLog(ReminderRecord):
    """One reminder (催报) to one department in one round, by one channel to one recipient (the fields of
    core.reminders.ReminderRecord). The log is append-only and is itself the record; a department gets at
    most one reminder of a kind per round and day (`day`, Beijing time)."""

    round = models.ForeignKey(ReportingRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="reminders")
    department = models.ForeignKey("orgs.Department", verbose_name="部门单位", on_delete=models.PROTECT,
                                   related_name="+")
    kind = models.CharField("类型", max_length=20, choices=ReminderKind.choices)
    missing = models.PositiveIntegerField("未报项数", default=0)

    class Meta:
        verbose_name = "催报记录"
        verbose_name_plural = "催报记录"
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["round", "department", "kind", "day"])]

    def __str__(self) -> str:
        return f"{self.department} · {self.get_kind_display()} · {self.day}"


class BulletinSettings(models.Model):
    """A ledger's 版记: the 抄送 and the 印发机关 its bulletins print, kept by its dispatch office. Blank means
    the default (抄送 各责任单位; 印发 the issuing office's 办公室); the command's options override both."""

    ledger = models.OneToOneField("ledgers.Ledger", verbose_name="台账", on_delete=models.CASCADE,
                                  related_name="bulletin_settings")
    copy_to = models.CharField("抄送机关", max_length=300, blank=True,
                               help_text="以逗号分隔, 如: 市委办公室, 市政府办公室; 留空为“各责任单位”")
    printed_by = models.CharField("印发机关", max_length=100, blank=True,
                                  help_text="如: 威海市海洋发展局办公室; 留空为发文机关的办公室")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "通报版记设置"
        verbose_name_plural = "通报版记设置"

    def __str__(self) -> str:
        return f"{self.ledger} 的通报版记"


class Instruction(models.Model):
    """批示: a 领导's comment on a task of a ledger, on a department's report in a round, or on a round's bulletin.
    `department` is the one concerned (the reporting department; the task's lead department; none for a
    bulletin, which the dispatch office answers for); it marks the 批示 已落实 with a note. A 批示 on a round
    is printed in the next round's bulletin under 领导批示."""

    subject = models.CharField("批示对象", max_length=10, choices=InstructionSubject.choices)
    ledger = models.ForeignKey("ledgers.Ledger", verbose_name="台账", on_delete=models.CASCADE,
                               related_name="instructions")
    round = models.ForeignKey(ReportingRound, verbose_name="调度轮次", on_delete=models.CASCADE, null=True,
                              blank=True, related_name="instructions")
    task = models.ForeignKey("ledgers.LedgerTask", verbose_name="事项", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="instructions")
    department = models.ForeignKey("orgs.Department", verbose_name="落实单位", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="instructions")
    text = models.TextField("批示内容", max_length=1000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批示人", on_delete=models.PROTECT,
                               related_name="instructions")
    written_at = models.DateTimeField("批示时间")
    status = models.CharField("落实状态", max_length=20, choices=InstructionStatus.choices,
                              default=InstructionStatus.PENDING)
    implemented_note = models.TextField("落实情况", max_length=1000, blank=True)
    implemented_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="落实填报人", on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="+")
    implemented_at = models.DateTimeField("落实时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        ordering = ["-written_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(subject="round", round__isnull=False, task__isnull=True, department__isnull=True)
                           | models.Q(subject="report", round__isnull=False, task__isnull=True,
                                      department__isnull=False)
                           | models.Q(subject="task", round__isnull=True, task__isnull=False)),
                name="instruction_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} 对{self.get_subject_display()}的批示"
