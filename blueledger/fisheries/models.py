"""The fishing-vessel registry (渔船档案), certificates, 三无船舶 records and the alerts raised by the track engine
with their case loop. Positions are not here: they live in partitioned Parquet files under BLUELEDGER_DATA_DIR
(fisheries.storage)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.core.attachments import StoredAttachment
from blueledger.fisheries.choices import (
    RULE_LABELS,
    AlertStatus,
    CertificateKind,
    Disposition,
    EventKind,
    Gear,
    RoundIndicator,
    VesselStatus,
)
from blueledger.ledgers.models import QuantityBinding

MEASURE = {"max_digits": 10, "decimal_places": 2, "null": True, "blank": True}


class Vessel(models.Model):
    """A registered fishing vessel. `name` follows the naming rule (fisheries.naming, checked by the services);
    `mmsi` (9 digits) and `beidou_terminal` are the ids its positions arrive under; `home_port_code` is the
    anchorage label of its designated home port (依港管船), the name the track engine compares visits with.
    `is_generated` marks demo vessels, which are generated and never real."""

    region = models.ForeignKey("orgs.Region", verbose_name="所属区市", on_delete=models.PROTECT, related_name="vessels")
    name = models.CharField("船名", max_length=30, unique=True)
    registry_port = models.CharField("船籍港", max_length=30)
    home_port = models.CharField("依港港口", max_length=30, help_text="指定停泊港 (依港管船)")
    home_port_code = models.CharField("依港锚地代码", max_length=40, blank=True, help_text="如 WEIHAI (GFW 锚地标签)")
    mmsi = models.CharField("MMSI", max_length=9, blank=True)
    beidou_terminal = models.CharField("北斗终端号", max_length=30, blank=True)
    gear = models.CharField("作业类型", max_length=10, choices=Gear.choices)
    power_kw = models.DecimalField("主机功率(kW)", **MEASURE)
    length_m = models.DecimalField("船长(米)", **MEASURE)
    gross_tonnage = models.DecimalField("总吨位", **MEASURE)
    owner = models.CharField("船东", max_length=60, blank=True)
    status = models.CharField("状态", max_length=20, choices=VesselStatus.choices, default=VesselStatus.ACTIVE)
    is_generated = models.BooleanField("生成的演示数据", default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "渔船"
        verbose_name_plural = "渔船"
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mmsi"], condition=~models.Q(mmsi=""), name="vessel_mmsi_unique_when_set"
            ),
            models.UniqueConstraint(
                fields=["beidou_terminal"],
                condition=~models.Q(beidou_terminal=""),
                name="vessel_beidou_unique_when_set",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def track_ids(self) -> list[str]:
        """The ids the vessel's positions arrive under."""
        return [i for i in (self.mmsi, self.beidou_terminal) if i]


class Certificate(models.Model):
    vessel = models.ForeignKey(Vessel, verbose_name="渔船", on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField("证书", max_length=20, choices=CertificateKind.choices)
    number = models.CharField("证书编号", max_length=60)
    expires_on = models.DateField("有效期至")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "渔船证书"
        verbose_name_plural = "渔船证书"
        ordering = ["vessel", "kind"]
        constraints = [models.UniqueConstraint(fields=["vessel", "kind"], name="certificate_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.vessel} {self.get_kind_display()}"


class UnregisteredVessel(models.Model):
    """A 三无船舶 record: a boat without name, certificates or port of registry found in the region."""

    region = models.ForeignKey("orgs.Region", verbose_name="区市", on_delete=models.PROTECT, related_name="+")
    found_on = models.DateField("发现日期")
    place = models.CharField("发现地点", max_length=100)
    description = models.TextField("船舶情况")
    disposal = models.TextField("处置情况", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "三无船舶"
        verbose_name_plural = "三无船舶"
        ordering = ["-found_on"]

    def __str__(self) -> str:
        return f"{self.place} {self.found_on}"


class Alert(models.Model):
    """An event of the track engine someone must act on, at most one per vessel, rule and (Beijing) day.

    The case loop: 待指派 → (assign) 核查中 → (verify) 已核查 → (dispose: 未发现违规 / 警告 / 罚款 with amount /
    移送) 已处理 → (close) 已结案. `region` scopes who sees it: the vessel's region, or the bureau that ran the
    detection when the vessel is not registered here. `detail` holds the event's figures and the rule's
    thresholds as the engine gave them."""

    region = models.ForeignKey("orgs.Region", verbose_name="区市", on_delete=models.PROTECT, related_name="+")
    vessel = models.ForeignKey(
        Vessel, verbose_name="渔船", on_delete=models.PROTECT, related_name="alerts", null=True, blank=True
    )
    vessel_key = models.CharField("船位标识", max_length=40, help_text="MMSI 或北斗终端号 (拆分的轨迹带 #2)")
    kind = models.CharField("类型", max_length=20, choices=EventKind.choices)
    rule = models.CharField("规则", max_length=60)
    day = models.DateField("日期")
    started_at = models.DateTimeField("开始")
    ended_at = models.DateTimeField("结束")
    lat = models.FloatField("纬度")
    lon = models.FloatField("经度")
    detail = models.JSONField("详情", default=dict)
    status = models.CharField("状态", max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    assignee = models.ForeignKey(
        "orgs.Department", verbose_name="核查单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verification = models.TextField("核查情况", blank=True)
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition.choices, blank=True)
    fine_yuan = models.DecimalField("罚款(元)", max_digits=12, decimal_places=2, null=True, blank=True)
    transferred_to = models.CharField("移送单位", max_length=100, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预警"
        verbose_name_plural = "预警"
        ordering = ["-day", "vessel_key"]
        constraints = [
            models.UniqueConstraint(fields=["vessel_key", "rule", "day"], name="alert_one_per_vessel_rule_day")
        ]
        indexes = [models.Index(fields=["region", "status"], name="alert_region_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.vessel or self.vessel_key} {self.day}"

    @property
    def rule_label(self) -> str:
        """The rule in Chinese: the engine's id named, a closure rule by its own label, else as written."""
        return RULE_LABELS.get(self.rule) or str(self.detail.get("label") or self.rule)


class TargetBinding(QuantityBinding):
    """A published ledger target measured by a 渔船监管 figure of `region` and below (休渔期间违规 0 起, 在港率
    95%): the dispatch round takes the figure by itself (fisheries.round_source)."""

    indicator = models.CharField("指标", max_length=30, choices=RoundIndicator.choices)
    history = HistoricalRecords()

    class Meta(QuantityBinding.Meta):
        verbose_name = "目标取数 (渔船监管)"
        verbose_name_plural = "目标取数 (渔船监管)"


class AlertAttachment(StoredAttachment):
    """Evidence of an alert's verification (photos taken aboard, the patrol's notes, a signed record), attached
    while the alert is 核查中 and locked once it is verified. Stored and served the one way of core/attachments.py
    (never a public URL; images get a thumbnail); seen by whoever may see the alert."""

    upload_dir = "fisheries"

    alert = models.ForeignKey(Alert, verbose_name="预警", on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "核查附件"
        verbose_name_plural = "核查附件"
        ordering = ["uploaded_at", "pk"]
