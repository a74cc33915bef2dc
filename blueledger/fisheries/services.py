"""Writes of 渔船监管: the registry, alerts from the track engine's events and the case loop. Each runs in one
transaction, checks the actor's right, validates before writing and names its actor for the history; a state
change re-reads and locks the alert and refuses a stale step with a clear message."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import require_known_fields
from blueledger.core.history import attribute_change
from blueledger.core.permissions import require
from blueledger.fisheries.choices import ALERT_KINDS, AlertStatus, CertificateKind, Disposition
from blueledger.fisheries.models import Alert, Certificate, Vessel
from blueledger.fisheries.naming import VesselNameError, mmsi_problem, parse_vessel_name
from blueledger.fisheries.permissions import can_manage_fisheries, can_verify
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


@transaction.atomic
def vessel_create(*, actor: Any, reason: str = "", generated: bool = False, **values: Any) -> Vessel:
    _require_vessel_fields(values)
    require(can_manage_fisheries(actor, values["region"].code))
    values["name"] = "".join(str(values["name"]).split())
    vessel = Vessel(**values, is_generated=generated)
    _vessel_save(vessel, actor=actor, reason=reason)
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
def vessel_update(*, actor: Any, vessel: Vessel, reason: str = "", **changes: Any) -> Vessel:
    _require_vessel_fields(changes)
    require(can_manage_fisheries(actor, vessel.region.code))
    if "region" in changes:
        require(can_manage_fisheries(actor, changes["region"].code))
    vessel = Vessel.objects.select_for_update().get(pk=vessel.pk)
    for key, value in changes.items():
        setattr(vessel, key, value)
    _vessel_save(vessel, actor=actor, reason=reason)
    return vessel


@transaction.atomic
def certificate_save(
    *, actor: Any, vessel: Vessel, kind: CertificateKind | str, number: str, expires_on: Any
) -> Certificate:
    require(can_manage_fisheries(actor, vessel.region.code))
    certificate = Certificate.objects.filter(vessel=vessel, kind=kind).first() or Certificate(vessel=vessel, kind=kind)
    certificate.number = number.strip()
    certificate.expires_on = expires_on
    if not certificate.number:
        raise ValidationError("证书编号不能为空。")
    attribute_change(certificate, actor=actor)
    certificate.save()
    return certificate


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
def alert_verify(*, actor: Any, alert: Alert, verification: str) -> Alert:
    """核查中 → 已核查, with what the station or patrol found (evidence, patrol notes)."""
    current = _locked(alert, AlertStatus.ASSIGNED, "登记核查情况")
    require(can_verify(actor, current), "只有被指派的单位或调度员可以登记核查情况。")
    if not verification.strip():
        raise ValidationError("请填写核查情况。")
    current.verification = verification.strip()
    current.status = AlertStatus.VERIFIED
    attribute_change(current, actor=actor, reason="核查")
    current.save()
    return current


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
