"""Writes of 渔船监管: the registry, alerts from the track engine's events and the case loop. Each runs in one
transaction, checks the actor's right, validates before writing and names its actor for the history; a state
change re-reads and locks the alert and refuses a stale step with a clear message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from blueledger.core.attachments import attachment_store
from blueledger.core.fields import require_known_fields
from blueledger.core.history import attribute_change
from blueledger.core.permissions import require
from blueledger.fisheries.choices import (
    ALERT_KINDS,
    ROUND_INDICATOR_UNITS,
    AlertStatus,
    CertificateKind,
    Disposition,
    RoundIndicator,
)
from blueledger.fisheries.models import (
    Alert,
    AlertAttachment,
    Certificate,
    TargetBinding,
    UnregisteredVessel,
    Vessel,
)
from blueledger.fisheries.naming import VesselNameError, mmsi_problem, parse_vessel_name
from blueledger.fisheries.permissions import can_manage_fisheries, can_verify
from blueledger.ledgers.models import LedgerQuantity
from blueledger.ledgers.services import require_bindable_target
from blueledger.orgs.models import Department, Region

VESSEL_FIELDS = (
    "region",
    "name",
    "registry_port",
    "home_port",
    "home_port_code",
    "mmsi",
    "beidou_terminal",
    "gear",
    "power_kw",
    "length_m",
    "gross_tonnage",
    "owner",
    "status",
)


def vessel_problems(vessel: Vessel) -> list[str]:
    """Why `vessel` may not be saved as it stands (empty: it may)."""
    problems = []
    try:
        parse_vessel_name(vessel.name)
    except VesselNameError as error:
        problems.append(str(error))
    if vessel.mmsi and (problem := mmsi_problem(vessel.mmsi)):
        problems.append(problem)
    for label, value in (("主机功率", vessel.power_kw), ("船长", vessel.length_m), ("总吨位", vessel.gross_tonnage)):
        if value is not None and value <= 0:
            problems.append(f"{label}应大于 0, 现为 {value}。")
    if not vessel.registry_port.strip():
        problems.append("船籍港不能为空。")
    others = Vessel.objects.exclude(pk=vessel.pk) if vessel.pk else Vessel.objects.all()
    if others.filter(name=vessel.name).exists():
        problems.append(f"已有同名渔船“{vessel.name}”。")
    if vessel.mmsi and others.filter(mmsi=vessel.mmsi).exists():
        problems.append(f"MMSI {vessel.mmsi} 已登记在另一艘渔船上。")
    if vessel.beidou_terminal and others.filter(beidou_terminal=vessel.beidou_terminal).exists():
        problems.append(f"北斗终端号 {vessel.beidou_terminal} 已登记在另一艘渔船上。")
    return problems


# A certificate kind → (number, expires on) to record, or None to remove the vessel's certificate of that kind.
CertificateChanges = Mapping[str, tuple[str, date] | None]


@transaction.atomic
def vessel_create(
    *,
    actor: Any,
    reason: str = "",
    generated: bool = False,
    certificates: CertificateChanges | None = None,
    **values: Any,
) -> Vessel:
    """A new vessel, with its certificates, in one transaction; ValidationError lists every problem."""
    _require_vessel_fields(values)
    require(can_manage_fisheries(actor, values["region"].code))
    values["name"] = "".join(str(values["name"]).split())
    vessel = Vessel(**values, is_generated=generated)
    _vessel_save(vessel, actor=actor, reason=reason)
    _certificates_apply(vessel, certificates or {}, actor=actor, reason=reason)
    return vessel


def _require_vessel_fields(fields: Any) -> None:
    require_known_fields(fields, VESSEL_FIELDS, refusal="渔船没有这些字段")


def _vessel_save(vessel: Vessel, *, actor: Any, reason: str) -> None:
    """Saves the vessel with its history row, or raises ValidationError with every problem."""
    problems = vessel_problems(vessel)
    if problems:
        raise ValidationError(problems)
    attribute_change(vessel, actor=actor, reason=reason)
    vessel.save()


@transaction.atomic
def vessel_update(
    *, actor: Any, vessel: Vessel, reason: str = "", certificates: CertificateChanges | None = None, **changes: Any
) -> Vessel:
    """Changes the vessel's fields (the row locked) and its certificates in one transaction. Fields and
    certificates left as they were write nothing, so a form saved unchanged leaves no history row."""
    _require_vessel_fields(changes)
    require(can_manage_fisheries(actor, vessel.region.code))
    if "region" in changes:
        require(can_manage_fisheries(actor, changes["region"].code))
    vessel = Vessel.objects.select_for_update().select_related("region").get(pk=vessel.pk)
    changed = {key: value for key, value in changes.items() if getattr(vessel, key) != value}
    for key, value in changed.items():
        setattr(vessel, key, value)
    if changed:
        _vessel_save(vessel, actor=actor, reason=reason)
    _certificates_apply(vessel, certificates or {}, actor=actor, reason=reason)
    return vessel


def _certificates_apply(vessel: Vessel, changes: CertificateChanges, *, actor: Any, reason: str) -> None:
    kinds = set(CertificateKind.values)
    unknown = sorted(set(changes) - kinds)
    if unknown:
        raise ValidationError(f"没有这种证书: {', '.join(unknown)}")
    for kind, change in changes.items():
        if change is None:
            certificate_remove(actor=actor, vessel=vessel, kind=kind, reason=reason)
        else:
            certificate_save(actor=actor, vessel=vessel, kind=kind, number=change[0], expires_on=change[1],
                             reason=reason)


@transaction.atomic
def certificate_save(
    *, actor: Any, vessel: Vessel, kind: CertificateKind | str, number: str, expires_on: Any, reason: str = ""
) -> Certificate:
    """Records the vessel's certificate of `kind` (one per kind); an unchanged certificate writes nothing."""
    require(can_manage_fisheries(actor, vessel.region.code))
    certificate = Certificate.objects.filter(vessel=vessel, kind=kind).first() or Certificate(vessel=vessel, kind=kind)
    number = number.strip()
    if not number:
        raise ValidationError("证书编号不能为空。")
    if certificate.pk and (certificate.number, certificate.expires_on) == (number, expires_on):
        return certificate
    certificate.number = number
    certificate.expires_on = expires_on
    attribute_change(certificate, actor=actor, reason=reason)
    certificate.save()
    return certificate


@transaction.atomic
def certificate_remove(*, actor: Any, vessel: Vessel, kind: CertificateKind | str, reason: str = "") -> bool:
    """Removes the vessel's certificate of `kind`, if it has one (its history keeps the removed row)."""
    require(can_manage_fisheries(actor, vessel.region.code))
    certificate = Certificate.objects.filter(vessel=vessel, kind=kind).first()
    if certificate is None:
        return False
    attribute_change(certificate, actor=actor, reason=reason or "删除证书")
    certificate.delete()
    return True


UNREGISTERED_FIELDS = ("region", "found_on", "place", "description", "disposal")


def _unregistered_save(record: UnregisteredVessel, *, actor: Any, reason: str) -> None:
    problems = []
    for field in ("place", "description"):
        if not str(getattr(record, field)).strip():
            problems.append(f"{UnregisteredVessel._meta.get_field(field).verbose_name}不能为空。")
    if record.found_on and record.found_on > timezone.localdate():
        problems.append(f"发现日期 {record.found_on:%Y-%m-%d} 晚于今天。")
    if problems:
        raise ValidationError(problems)
    attribute_change(record, actor=actor, reason=reason)
    record.save()


@transaction.atomic
def unregistered_vessel_create(*, actor: Any, reason: str = "", **values: Any) -> UnregisteredVessel:
    """A 三无船舶 record of a region in the actor's scope."""
    require_known_fields(values, UNREGISTERED_FIELDS, refusal="三无船舶记录没有这些字段")
    require(can_manage_fisheries(actor, values["region"].code))
    record = UnregisteredVessel(**values)
    _unregistered_save(record, actor=actor, reason=reason)
    return record


@transaction.atomic
def unregistered_vessel_update(
    *, actor: Any, record: UnregisteredVessel, reason: str = "", **changes: Any
) -> UnregisteredVessel:
    """Changes a 三无船舶 record (its 处置情况 as the case goes on); unchanged fields write nothing."""
    require_known_fields(changes, UNREGISTERED_FIELDS, refusal="三无船舶记录没有这些字段")
    require(can_manage_fisheries(actor, record.region.code))
    if "region" in changes:
        require(can_manage_fisheries(actor, changes["region"].code))
    record = UnregisteredVessel.objects.select_for_update().select_related("region").get(pk=record.pk)
    changed = {key: value for key, value in changes.items() if getattr(record, key) != value}
    if not changed:
        return record
    for key, value in changed.items():
        setattr(record, key, value)
    _unregistered_save(record, actor=actor, reason=reason)
    return record


def _vessels_by_track_id() -> dict[str, Vessel]:
    found: dict[str, Vessel] = {}
    for vessel in Vessel.objects.select_related("region"):
        for key in vessel.track_ids:
            found[key] = vessel
    return found


@transaction.atomic
def alerts_record(*, actor: Any, region: Region, events: list[dict[str, Any]]) -> tuple[int, int]:
    """Alerts from engine events (events_as_dicts), deduplicated per vessel, rule and Beijing day; port visits
    are not alerts. Returns (created, already there). A registered vessel's alert belongs to its region; any
    other goes to `region`, the bureau that ran the detection."""
    require(can_manage_fisheries(actor, region.code))
    zone = ZoneInfo(settings.TIME_ZONE)
    vessels = _vessels_by_track_id()
    created = duplicates = 0
    seen: set[tuple[str, str, Any]] = set()
    for event in events:
        if event["kind"] not in ALERT_KINDS:
            continue
        started = datetime.fromisoformat(str(event["start"]).replace("Z", "+00:00"))
        day = started.astimezone(zone).date()
        key = (str(event["vessel"]), str(event["rule"]), day)
        if key in seen or Alert.objects.filter(vessel_key=key[0], rule=key[1], day=day).exists():
            duplicates += 1
            continue
        seen.add(key)
        vessel = vessels.get(key[0].split("#")[0]) if "#" not in key[0] else None
        alert = Alert(
            region=vessel.region if vessel else region,
            vessel=vessel,
            vessel_key=key[0],
            kind=event["kind"],
            rule=key[1],
            day=day,
            started_at=started,
            ended_at=datetime.fromisoformat(str(event["end"]).replace("Z", "+00:00")),
            lat=float(event["lat"]),
            lon=float(event["lon"]),
            detail=event["detail"],
        )
        attribute_change(alert, actor=actor, reason="轨迹引擎识别")
        alert.save()
        created += 1
    return created, duplicates


def _locked(alert: Alert, expected: AlertStatus, step: str) -> Alert:
    current = Alert.objects.select_for_update().select_related("region").get(pk=alert.pk)
    if current.status != expected:
        raise ValidationError(
            f"该预警当前为“{current.get_status_display()}”, 不能{step}。请刷新页面查看最新状态。"
        )
    return current


@transaction.atomic
def alert_assign(*, actor: Any, alert: Alert, department: Department, note: str = "") -> Alert:
    """待指派 → 核查中: the home-port station or a patrol of the alert's region (or above it) checks it."""
    require(can_manage_fisheries(actor, alert.region.code))
    current = _locked(alert, AlertStatus.OPEN, "指派")
    current.assignee = department
    current.status = AlertStatus.ASSIGNED
    attribute_change(current, actor=actor, reason=note or f"指派 {department}")
    current.save()
    return current


@transaction.atomic
def alert_verify(*, actor: Any, alert: Alert, verification: str, uploads: Sequence[UploadedFile] = ()) -> Alert:
    """核查中 → 已核查, with what the station or patrol found (evidence, patrol notes) and the files of this step
    (photos, records), all or nothing: a refused file refuses the verification too."""
    current = _locked(alert, AlertStatus.ASSIGNED, "登记核查情况")
    require(can_verify(actor, current), "只有被指派的单位或调度员可以登记核查情况。")
    problems = [] if verification.strip() else ["请填写核查情况。"]
    for upload in uploads:
        try:
            _attachment_store(current, upload, actor=actor)
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    current.verification = verification.strip()
    current.status = AlertStatus.VERIFIED
    attribute_change(current, actor=actor, reason="核查")
    current.save()
    return current


@transaction.atomic
def alert_attachment_add(*, actor: Any, alert: Alert, upload: UploadedFile) -> AlertAttachment:
    """Attaches a photo or document to an alert being verified (核查中), by the assigned unit or the dispatch
    office; the evidence is locked once the alert is verified."""
    current = Alert.objects.select_for_update().select_related("region").get(pk=alert.pk)
    require(can_verify(actor, current), "只有被指派的单位或调度员可以上传核查附件。")
    if current.status != AlertStatus.ASSIGNED:
        raise ValidationError(f"该预警当前为“{current.get_status_display()}”, 核查附件只能在核查中上传。")
    return _attachment_store(current, upload, actor=actor)


def _attachment_store(alert: Alert, upload: UploadedFile, *, actor: Any) -> AlertAttachment:
    attachment = AlertAttachment(alert=alert, uploaded_by=actor)
    attachment_store(attachment, upload, stem=f"alert-{alert.pk}")
    attribute_change(attachment, actor=actor, reason="上传核查附件")
    attachment.save()
    return attachment


@transaction.atomic
def alert_dispose(
    *,
    actor: Any,
    alert: Alert,
    disposition: Disposition | str,
    fine_yuan: Decimal | None = None,
    transferred_to: str = "",
) -> Alert:
    """已核查 → 已处理: 未发现违规 (a false positive of the rule), 警告, 罚款 (with the amount) or 移送 (to whom)."""
    require(can_manage_fisheries(actor, alert.region.code))
    current = _locked(alert, AlertStatus.VERIFIED, "处理")
    if disposition == Disposition.FINE and (fine_yuan is None or fine_yuan <= 0):
        raise ValidationError("罚款须填写大于 0 的金额 (元)。")
    if disposition != Disposition.FINE and fine_yuan is not None:
        raise ValidationError("只有罚款才填写金额。")
    if disposition == Disposition.TRANSFERRED and not transferred_to.strip():
        raise ValidationError("移送须填写接收单位。")
    current.disposition = disposition
    current.fine_yuan = fine_yuan
    current.transferred_to = transferred_to.strip()
    current.status = AlertStatus.DISPOSED
    attribute_change(current, actor=actor, reason="处理")
    current.save()
    return current


@transaction.atomic
def alert_close(*, actor: Any, alert: Alert) -> Alert:
    require(can_manage_fisheries(actor, alert.region.code))
    current = _locked(alert, AlertStatus.DISPOSED, "结案")
    current.status = AlertStatus.CLOSED
    current.closed_at = timezone.now()
    attribute_change(current, actor=actor, reason="结案")
    current.save()
    return current


@transaction.atomic
def target_bind(
    *, actor: Any, quantity: LedgerQuantity, indicator: RoundIndicator | str, region: Region
) -> TargetBinding:
    """Measures a published ledger target by a 渔船监管 figure of `region` (休渔期间违规 in 起, 在港率 in %), so
    the dispatch round takes it by itself; the target's unit must be the figure's."""
    ledger = quantity.ledger
    require(can_manage_fisheries(actor, ledger.region.code) and can_manage_fisheries(actor, region.code))
    require_bindable_target(quantity, source="渔船监管")
    if indicator not in ROUND_INDICATOR_UNITS:
        raise ValidationError(f"未知的指标“{indicator}”。")
    label = RoundIndicator(indicator).label
    units = ROUND_INDICATOR_UNITS[indicator]
    if quantity.unit not in units:
        raise ValidationError(
            f"“{quantity.metric}”的单位“{quantity.unit or '无'}”与指标“{label}”的单位“{'/'.join(units)}”不一致。"
        )
    binding = TargetBinding.objects.filter(quantity=quantity).first() or TargetBinding(quantity=quantity)
    binding.indicator, binding.region, binding.bound_by = indicator, region, actor
    attribute_change(binding, actor=actor, reason=f"从渔船监管取数: {region.name} {label}")
    binding.save()
    return binding


@transaction.atomic
def target_unbind(*, actor: Any, binding: TargetBinding) -> None:
    """The target is reported by its departments again from the next fill on; reports already filled stay."""
    require(can_manage_fisheries(actor, binding.quantity.ledger.region.code))
    attribute_change(binding, actor=actor, reason="取消渔船监管取数")
    binding.delete()
