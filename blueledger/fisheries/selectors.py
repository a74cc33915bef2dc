"""Reads of 渔船监管, always within the user's scope."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import polars as pl
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from blueledger.core.permissions import get_scoped_or_404, scoped
from blueledger.fisheries.choices import AlertStatus, Disposition, VesselStatus
from blueledger.fisheries.models import Alert, AlertAttachment, UnregisteredVessel, Vessel
from blueledger.fisheries.storage import positions_root
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.events import PortThresholds, port_visits, prepared, with_port_state
from blueledger.fisheries.tracks.occupancy import STATUS_AT_SEA, STATUS_IN_PORT, STATUS_OFFLINE, vessel_states
from blueledger.fisheries.tracks.rules import ClosureRule, RuleSet, load_rules
from blueledger.fisheries.tracks.store import positions_read
from blueledger.lib.numbers import round_half_up


def vessel_list(*, user: Any) -> QuerySet[Vessel]:
    return scoped(Vessel.objects.select_related("region"), user, "region")


def unregistered_vessel_list(*, user: Any) -> QuerySet[UnregisteredVessel]:
    return scoped(UnregisteredVessel.objects.select_related("region"), user, "region").order_by("-found_on", "-pk")


def alert_list(*, user: Any) -> QuerySet[Alert]:
    return scoped(Alert.objects.select_related("region", "vessel", "assignee"), user, "region")


def alert_attachment_get(*, user: Any, pk: int) -> AlertAttachment:
    """An attachment of an alert the user may see, or 404."""
    attachment: AlertAttachment = get_scoped_or_404(
        AlertAttachment.objects.select_related("alert__region"), user, "alert__region", pk=pk)
    return attachment


def false_positive_rates(*, user: Any) -> list[dict[str, Any]]:
    """Per rule: disposed alerts and how many were 未发现违规, so a rule's thresholds can be tuned."""
    done = alert_list(user=user).filter(status__in=[AlertStatus.DISPOSED, AlertStatus.CLOSED])
    rows = (
        done.values("rule")
        .annotate(disposed=Count("id"), false_positives=Count("id", filter=Q(disposition=Disposition.NO_VIOLATION)))
        .order_by("rule")
    )
    return list(rows)


RULES = "moratorium-2023"
# The day's 在港率 is taken at the evening roll call (晚间点验), 20时 Beijing time, or now on the day itself.
CHECK_TIME = time(20, 0)
# Positions read before the check, so that a vessel silent for a while still has a last position and a duration.
LOOKBACK_DAYS = 3
STATUS_LABELS = {STATUS_IN_PORT: "在港", STATUS_AT_SEA: "在海上", STATUS_OFFLINE: "离线"}


@dataclass(frozen=True, slots=True)
class OccupancyCount:
    """Vessels under closure of one port, one region or all, by state at the check."""

    key: str
    label: str
    vessels: int
    in_port: int
    at_sea: int
    offline: int

    @property
    def in_port_rate(self) -> Decimal | None:
        """A fraction; None when no vessel is counted (never 0)."""
        return None if not self.vessels else Decimal(self.in_port) / Decimal(self.vessels)


@dataclass(frozen=True, slots=True)
class VesselPortState:
    """A vessel at the check: `away_since` is its last position in port (at sea; None when not seen in port in
    the LOOKBACK_DAYS read) or its last position at all (offline; None when none was read)."""

    vessel: Vessel
    status: str
    last_time: datetime | None
    lat: float | None
    lon: float | None
    away_since: datetime | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class DailyOccupancy:
    """在港率 of the vessels under a closure at `at` (the check of `day`). `closures` are the labels of the rules in
    force (empty: no vessel is under closure, the day is outside the moratorium); `not_closed` counts the
    vessels left out because their gear or their home port's sea area is open at `at`."""

    day: date
    at: datetime
    closures: tuple[str, ...]
    total: OccupancyCount
    by_port: list[OccupancyCount]
    by_region: list[OccupancyCount]
    states: list[VesselPortState]
    not_closed: int
    positions: int  # positions of the counted vessels stored for the day itself (0: no data, not a rate of 0)

    @property
    def not_in_port(self) -> list[VesselPortState]:
        """At sea or offline, longest away first (unknown durations first: away longer than the lookback)."""
        earliest = datetime.min.replace(tzinfo=UTC)
        return sorted((s for s in self.states if s.status != STATUS_IN_PORT),
                      key=lambda s: (s.away_since is not None, s.away_since or earliest, s.vessel.name))

    def hours_away(self, state: VesselPortState) -> Decimal | None:
        if state.away_since is None:
            return None
        return round_half_up(Decimal((self.at - state.away_since).total_seconds()) / 3600, 1)


# The days a 在港率 may be asked for (positions exist for none outside; far years have no fixed UTC offset).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def parse_day(text: str) -> date:
    """A day written 2026-05-01 between FIRST_DAY and LAST_DAY; ValueError with the Chinese reason otherwise."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期格式应为 2026-05-01, 收到“{text[:20]}”。") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"日期应在 {FIRST_DAY:%Y} 至 {LAST_DAY:%Y} 年之间, 收到“{text[:20]}”。")
    return day


def check_moment(day: date) -> datetime:
    """20时 of `day`, or now when that is still to come."""
    moment = timezone.make_aware(datetime.combine(day, CHECK_TIME))
    return min(moment, timezone.now())


@cache
def _anchorages() -> pl.DataFrame:
    return load_anchorages()


@cache
def _home_port_latitudes() -> dict[str, float]:
    """A port label (home_port_code) → the mean latitude of its anchorage points."""
    frame = _anchorages().group_by("label").agg(pl.col("lat").mean())
    return dict(zip(frame["label"].to_list(), frame["lat"].to_list(), strict=True))


def _closures_of(vessel: Vessel, at: datetime, rules: RuleSet) -> list[ClosureRule]:
    """The closure rules that keep `vessel` in port at `at`: its gear is not exempt, the rule is not for other
    gear or another province, and its home port lies in the rule's band (any band when the port is unknown)."""
    latitude = _home_port_latitudes().get(vessel.home_port_code)
    found = []
    for rule in rules.rules:
        if rule.gear_only or vessel.gear in rule.gear_exempt:
            continue
        if rule.province and not vessel.name.startswith(rule.province):
            continue
        if latitude is not None and not rule.lat_min <= latitude < rule.lat_max:
            continue
        start, end = rule.window(at.year, rules.timezone)
        if start <= at < end:
            found.append(rule)
    return found


def _counts(key: str, label: str, states: list[VesselPortState]) -> OccupancyCount:
    by_status = {status: sum(1 for s in states if s.status == status) for status in STATUS_LABELS}
    return OccupancyCount(key=key, label=label, vessels=len(states), in_port=by_status[STATUS_IN_PORT],
                          at_sea=by_status[STATUS_AT_SEA], offline=by_status[STATUS_OFFLINE])


def occupancy_on(*, vessels: Sequence[Vessel], days: Sequence[date]) -> list[DailyOccupancy]:
    """The daily 在港率 of `vessels` (with their region loaded) on each of `days`, from the stored positions.

    The one place the figures are computed from the app's data (pages, the dispatch round source and the API
    read it); the per-vessel state at a moment is the track engine's (tracks.occupancy.vessel_states)."""
    rules = load_rules(RULES)
    registered = [v for v in vessels if v.home_port and v.status != VesselStatus.DEREGISTERED]
    by_track = {key: v for v in registered for key in v.track_ids}
    registry = pl.DataFrame({"vessel": list(by_track), "home_port": [v.home_port for v in by_track.values()]},
                            schema={"vessel": pl.String, "home_port": pl.String})
    results = []
    for day in days:
        at = check_moment(day)
        closed = [(v, _closures_of(v, at, rules)) for v in registered]
        counted = [v for v, found in closed if found]
        frame = positions_read(positions_root(), first_day=day - timedelta(days=LOOKBACK_DAYS), last_day=day,
                               vessels=[key for v in counted for key in v.track_ids]) if counted else None
        states = _states(counted, by_track, registry, frame, at)
        ports = sorted({s.vessel.home_port for s in states})
        regions = sorted({(s.vessel.region.code, s.vessel.region.name) for s in states})
        results.append(DailyOccupancy(
            day=day, at=at,
            closures=tuple(dict.fromkeys(rule.label for _, found in closed for rule in found)),
            total=_counts("", "合计", states),
            by_port=[_counts(port, port, [s for s in states if s.vessel.home_port == port]) for port in ports],
            by_region=[_counts(code, name, [s for s in states if s.vessel.region.code == code])
                       for code, name in regions],
            states=sorted(states, key=lambda s: (s.vessel.home_port, s.vessel.name)),
            not_closed=len(registered) - len(counted),
            positions=0 if frame is None else frame.filter(
                pl.col("time").dt.convert_time_zone("Asia/Shanghai").dt.date() == day).height,
        ))
    return results


def _states(counted: list[Vessel], by_track: dict[str, Vessel], registry: pl.DataFrame,
            frame: pl.DataFrame | None, at: datetime) -> list[VesselPortState]:
    if frame is None or frame.is_empty():
        return [VesselPortState(vessel=v, status=STATUS_OFFLINE, last_time=None, lat=None, lon=None, away_since=None)
                for v in counted]
    state = with_port_state(prepared(frame.lazy()).collect(), _anchorages(), PortThresholds()).collect()
    tracks = [key for vessel in counted for key in vessel.track_ids]
    per_track = vessel_states(state, registry.filter(pl.col("vessel").is_in(tracks)), at=at)
    in_port_before = state.filter((pl.col("time") <= at.astimezone(UTC)) & pl.col("in_port"))
    last_in_port = dict(in_port_before.group_by("vessel").agg(pl.col("time").max()).iter_rows())
    best: dict[int, dict[str, Any]] = {}
    for row in per_track.iter_rows(named=True):
        vessel = by_track[row["vessel"]]
        current = best.get(vessel.pk)
        if current is None or (row["last_time"] is not None
                               and (current["last_time"] is None or row["last_time"] > current["last_time"])):
            best[vessel.pk] = {**row, "last_in_port": last_in_port.get(row["vessel"])}
    states = []
    for vessel in counted:
        row = best.get(vessel.pk)
        if row is None or row["last_time"] is None:
            states.append(VesselPortState(vessel=vessel, status=STATUS_OFFLINE, last_time=None, lat=None, lon=None,
                                          away_since=None))
            continue
        away = {STATUS_AT_SEA: row["last_in_port"], STATUS_OFFLINE: row["last_time"]}.get(row["status"])
        states.append(VesselPortState(vessel=vessel, status=row["status"], last_time=row["last_time"],
                                      lat=row["lat"], lon=row["lon"], away_since=away))
    return states


def daily_occupancy(*, user: Any, day: date) -> DailyOccupancy:
    """The day's 在港率 of the user's vessels."""
    return occupancy_on(vessels=list(vessel_list(user=user)), days=[day])[0]


def vessel_track(*, vessel: Vessel, days: int) -> dict[str, Any]:
    """Positions ([time ISO, lat, lon, knots]) of the `days` Beijing days ending on the vessel's latest stored day,
    its port visits in them (the track engine's, with the port) and its alerts of those days."""
    root = positions_root()
    empty = {"vessel": vessel.name, "positions": [], "visits": [], "alerts": []}
    if not root.exists() or not vessel.track_ids:
        return empty
    frame = positions_read(root, vessels=vessel.track_ids)
    if frame.is_empty():
        return empty
    last = timezone.localtime(frame["time"].max()).date()  # type: ignore[arg-type]
    first = last - timedelta(days=days - 1)
    shown = frame.filter(pl.col("time").dt.convert_time_zone("Asia/Shanghai").dt.date() >= first)
    positions = [
        [t.isoformat(), lat, lon, speed]
        for t, lat, lon, speed in shown.select("time", "lat", "lon", "speed_knots").iter_rows()
    ]
    thresholds = PortThresholds()
    state = with_port_state(prepared(shown.lazy()).collect(), _anchorages(), thresholds)
    visits = [
        {"start": start.isoformat(), "end": end.isoformat(), "lat": lat, "lon": lon,
         "port": json.loads(detail).get("port") or ""}
        for start, end, lat, lon, detail in port_visits(state, _anchorages(), thresholds)
        .sort("start").select("start", "end", "lat", "lon", "detail").collect().iter_rows()
    ]
    alerts = [
        {
            "kind": a.get_kind_display(),
            "rule": a.rule,
            "lat": a.lat,
            "lon": a.lon,
            "start": a.started_at.isoformat(),
            "status": a.get_status_display(),
        }
        for a in vessel.alerts.filter(day__gte=first, day__lte=last).order_by("started_at")
    ]
    return {
        "vessel": vessel.name,
        "first_day": str(first),
        "last_day": str(last),
        "positions": positions,
        "visits": visits,
        "alerts": alerts,
    }


def port_map_data(*, occupancy: DailyOccupancy, port: str) -> dict[str, Any]:
    """The 船位图 of one home port at the check: its anchorage points (GFW, by the vessels' home_port_code) and
    each vessel's last position with its state."""
    codes = sorted({s.vessel.home_port_code for s in occupancy.states if s.vessel.home_port_code})
    points = _anchorages().filter(pl.col("label").is_in(codes)).select("lat", "lon")
    vessels = [
        {"id": s.vessel.pk, "name": s.vessel.name, "status": s.status, "label": s.status_label, "lat": s.lat,
         "lon": s.lon, "last": s.last_time.isoformat() if s.last_time else None}
        for s in occupancy.states
    ]
    located = [(v["lat"], v["lon"]) for v in vessels if v["lat"] is not None]
    centre_points = located or [tuple(row) for row in points.iter_rows()]
    centre = None
    if centre_points:
        centre = [sum(p[0] for p in centre_points) / len(centre_points),
                  sum(p[1] for p in centre_points) / len(centre_points)]
    return {
        "port": port,
        "at": occupancy.at.isoformat(),
        "centre": centre,
        "anchorages": [[round(lat, 5), round(lon, 5)] for lat, lon in points.iter_rows()],
        "vessels": vessels,
    }


# Anchorage points sent for one map view at most; ports (their labels' centres) are few and always sent.
MAP_ANCHORAGES_MAX = 3000
# Shandong's seas, when a map view names none: south, west, north, east.
DEFAULT_BBOX = (34.0, 118.5, 39.0, 124.0)
ANCHORAGE_ATTRIBUTION = "锚地: Global Fishing Watch anchorages (Apache-2.0)"


@cache
def _ports() -> list[dict[str, Any]]:
    """Named ports: each GFW anchorage label with the centre of its points and how many there are."""
    frame = (_anchorages().filter(pl.col("label") != "").group_by("label")
             .agg(pl.col("lat").mean(), pl.col("lon").mean(), pl.len().alias("points")).sort("label"))
    return [{"name": label, "lat": round(lat, 4), "lon": round(lon, 4), "points": points}
            for label, lat, lon, points in frame.iter_rows()]


def closure_lines(rules: RuleSet | None = None) -> list[dict[str, Any]]:
    """The moratorium's sea-area boundaries as lines of latitude, each with the rules it bounds (north and south
    of it) and their dates, from the rules file."""
    rules = rules or load_rules(RULES)
    lines: dict[float, dict[str, Any]] = {}
    for rule in rules.rules:
        dates = f"{_local_date(rule.start)}至{_local_date(rule.end)}"
        for latitude, side in ((rule.lat_min, "以北"), (rule.lat_max, "以南")):
            line = lines.setdefault(latitude, {"lat": latitude, "lon_min": rule.lon_min, "lon_max": rule.lon_max,
                                               "rules": []})
            line["lon_min"], line["lon_max"] = min(line["lon_min"], rule.lon_min), max(line["lon_max"], rule.lon_max)
            line["rules"].append({"id": rule.id, "label": rule.label, "side": side, "dates": dates})
    return [{**line, "name": _latitude_name(latitude)} for latitude, line in sorted(lines.items(), reverse=True)]


def _local_date(written: str) -> str:
    moment = datetime.strptime(f"2000-{written}", "%Y-%m-%dT%H:%M")
    return f"{moment.month}月{moment.day}日{moment.hour}时"


def _latitude_name(latitude: float) -> str:
    degrees = int(latitude)
    minutes = round((latitude - degrees) * 60)
    return f"{degrees}°{minutes:02d}′N" if minutes else f"{degrees}°N"


def map_layers(*, south: float, west: float, north: float, east: float) -> dict[str, Any]:
    """What the map draws over the land: ports and anchorage points in the view (anchorages capped at
    MAP_ANCHORAGES_MAX, `anchorages_truncated` says when), the closure lines and the bureau's waters."""
    inside = (pl.col("lat").is_between(south, north)) & (pl.col("lon").is_between(west, east))
    points = _anchorages().filter(inside)
    rules = load_rules(RULES)
    return {
        "ports": [p for p in _ports() if south <= p["lat"] <= north and west <= p["lon"] <= east],
        "anchorages": [[round(lat, 5), round(lon, 5), label] for lat, lon, label
                       in points.head(MAP_ANCHORAGES_MAX).select("lat", "lon", "label").iter_rows()],
        "anchorages_truncated": points.height > MAP_ANCHORAGES_MAX,
        "closures": closure_lines(rules),
        "waters": None if rules.waters is None else {
            "label": rules.waters.label, "ring": [[lat, lon] for lon, lat in rules.waters.polygon]},
        "attribution": ANCHORAGE_ATTRIBUTION,
    }
