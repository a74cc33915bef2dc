"""Reads of 渔船监管, always within the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import polars as pl
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from blueledger.core.permissions import scoped
from blueledger.fisheries.choices import AlertStatus, Disposition
from blueledger.fisheries.models import Alert, UnregisteredVessel, Vessel
from blueledger.fisheries.storage import positions_root
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.events import PortThresholds, prepared, with_port_state
from blueledger.fisheries.tracks.occupancy import occupancy_by_port, vessel_states
from blueledger.fisheries.tracks.store import positions_read


def vessel_list(*, user: Any) -> QuerySet[Vessel]:
    return scoped(Vessel.objects.select_related("region"), user, "region")


def unregistered_vessel_list(*, user: Any) -> QuerySet[UnregisteredVessel]:
    return scoped(UnregisteredVessel.objects.select_related("region"), user, "region").order_by("-found_on", "-pk")


def alert_list(*, user: Any) -> QuerySet[Alert]:
    return scoped(Alert.objects.select_related("region", "vessel", "assignee"), user, "region")


def false_positive_rates(*, user: Any) -> list[dict[str, Any]]:
    """Per rule: disposed alerts and how many were 未发现违规, so a rule's thresholds can be tuned."""
    done = alert_list(user=user).filter(status__in=[AlertStatus.DISPOSED, AlertStatus.CLOSED])
    rows = (
        done.values("rule")
        .annotate(disposed=Count("id"), false_positives=Count("id", filter=Q(disposition=Disposition.NO_VIOLATION)))
        .order_by("rule")
    )
    return list(rows)


@dataclass(frozen=True)
class PortOccupancy:
    at: datetime
    by_port: list[dict[str, Any]]
    not_in_port: list[dict[str, Any]]


def port_occupancy(*, user: Any, at: datetime) -> PortOccupancy:
    """在港率 by designated home port of the user's vessels at `at`, from the stored positions of that day and the
    day before, and the vessels at sea or offline with how long since their last position."""
    vessels = list(vessel_list(user=user).exclude(home_port=""))
    registry_rows = [(key, v.home_port, v.name) for v in vessels for key in v.track_ids]
    registry = pl.DataFrame(
        registry_rows, schema={"vessel": pl.String, "home_port": pl.String, "name": pl.String}, orient="row"
    )
    local_day = timezone.localtime(at).date()
    frame = positions_read(
        positions_root(),
        first_day=local_day - timedelta(days=1),
        last_day=local_day,
        vessels=registry["vessel"].to_list(),
    )
    state = with_port_state(prepared(frame.lazy()).collect(), load_anchorages(), PortThresholds()).collect()
    states = vessel_states(state, registry, at=at).join(registry.select("vessel", "name"), on="vessel", how="left")
    by_port = occupancy_by_port(states).to_dicts()
    not_in_port = states.filter(pl.col("status") != "in_port").sort("status", "home_port", "name").to_dicts()
    return PortOccupancy(at=at, by_port=by_port, not_in_port=not_in_port)


def vessel_track(*, vessel: Vessel, days: int) -> dict[str, Any]:
    """Positions ([time ISO, lat, lon, knots]) of the `days` Beijing days ending on the vessel's latest stored day,
    and its alerts of those days."""
    root = positions_root()
    stored_days = sorted(p.name.removeprefix("day=") for p in root.glob("day=*")) if root.exists() else []
    if not stored_days or not vessel.track_ids:
        return {"vessel": vessel.name, "positions": [], "alerts": []}
    frame = positions_read(root, vessels=vessel.track_ids)
    if frame.is_empty():
        return {"vessel": vessel.name, "positions": [], "alerts": []}
    last = timezone.localtime(frame["time"].max()).date()  # type: ignore[arg-type]
    first = last - timedelta(days=days - 1)
    shown = frame.filter(pl.col("time").dt.convert_time_zone("Asia/Shanghai").dt.date() >= first)
    positions = [
        [t.isoformat(), lat, lon, speed]
        for t, lat, lon, speed in shown.select("time", "lat", "lon", "speed_knots").iter_rows()
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
        "alerts": alerts,
    }
