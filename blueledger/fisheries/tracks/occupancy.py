"""在港率 during a moratorium (`daily_in_port_rates` is the entry point the app calls): at a moment, each
registered vessel is 在港 (its last position is in port), 在海上 (its last position is at sea) or 离线 (no position
for `offline_after_hours`); counted by designated home port and by region."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import polars as pl

from blueledger.fisheries.tracks.events import PortThresholds, prepared, with_port_state
from blueledger.fisheries.tracks.ports import PortPolygons

STATUS_IN_PORT = "in_port"
STATUS_AT_SEA = "at_sea"
STATUS_OFFLINE = "offline"


@dataclass(frozen=True)
class OccupancyThresholds:
    offline_after_hours: float = 2.0


def vessel_states(
    state: pl.DataFrame, vessels: pl.DataFrame, *, at: datetime, thresholds: OccupancyThresholds | None = None
) -> pl.DataFrame:
    """vessel, home_port, status, last_time, hours_since (null when never seen), lat, lon — one row per vessel of
    the registry frame (vessel, home_port); `state` carries in_port (events.with_port_state)."""
    thresholds = thresholds or OccupancyThresholds()
    at = at.astimezone(UTC)
    last = (
        state.lazy()
        .filter(pl.col("time") <= at)
        .group_by("vessel")
        .agg(
            pl.col("time").max().alias("last_time"),
            pl.col("in_port").sort_by("time").last(),
            pl.col("lat").sort_by("time").last(),
            pl.col("lon").sort_by("time").last(),
        )
    )
    hours = (pl.lit(at) - pl.col("last_time")).dt.total_seconds(fractional=True) / 3600
    return (
        vessels.lazy()
        .select("vessel", "home_port")
        .join(last, on="vessel", how="left")
        .with_columns(hours.round(1).alias("hours_since"))
        .with_columns(
            pl.when(pl.col("last_time").is_null() | (pl.col("hours_since") > thresholds.offline_after_hours))
            .then(pl.lit(STATUS_OFFLINE))
            .when(pl.col("in_port"))
            .then(pl.lit(STATUS_IN_PORT))
            .otherwise(pl.lit(STATUS_AT_SEA))
            .alias("status")
        )
        .select("vessel", "home_port", "status", "last_time", "hours_since", "lat", "lon")
        .sort("home_port", "vessel")
        .collect()
    )


def occupancy_by_port(states: pl.DataFrame) -> pl.DataFrame:
    """home_port, vessels, in_port, at_sea, offline, in_port_rate (a fraction; null for a port with no vessels)."""
    return (
        states.group_by("home_port")
        .agg(
            pl.len().alias("vessels"),
            (pl.col("status") == STATUS_IN_PORT).sum().alias("in_port"),
            (pl.col("status") == STATUS_AT_SEA).sum().alias("at_sea"),
            (pl.col("status") == STATUS_OFFLINE).sum().alias("offline"),
        )
        .with_columns((pl.col("in_port") / pl.col("vessels")).alias("in_port_rate"))
        .sort("home_port")
    )


@dataclass(frozen=True)
class DailyInPortRates:
    """在港率 of each day's check moment.

    by_port: day, home_port, vessels, in_port, at_sea, offline, in_port_rate (fraction; null with no vessels).
    by_region: the same by region (day, region, …).
    not_in_port: day, at (UTC check moment), vessel, home_port, region, status (at_sea | offline), since (UTC: when
    the vessel left port — its first position in the data when it was never seen in port, a lower bound — or its
    last position when offline; null when it was never seen), hours (at − since, 1 decimal), lat, lon (last
    position), plus any other registry columns (name…)."""

    by_port: pl.DataFrame
    by_region: pl.DataFrame
    not_in_port: pl.DataFrame


def daily_in_port_rates(
    positions: pl.DataFrame,
    vessels: pl.DataFrame,
    *,
    anchorages: pl.DataFrame,
    days: Sequence[date],
    port_polygons: PortPolygons | None = None,
    check_time: time = time(20, 0),
    timezone: str = "Asia/Shanghai",
    thresholds: OccupancyThresholds | None = None,
    port: PortThresholds | None = None,
) -> DailyInPortRates:
    """在港率 per home port and per region for each of `days`, counted at `check_time` local time.

    `positions`: vessel, time (UTC), lat, lon, speed_knots (any order; earlier days help: a vessel's state carries
    over). `vessels`: one row per registry vessel with vessel (its position id), home_port, region, and any
    display columns. A vessel is in port when its last position before the moment is in port (anchorages within
    the port-visit hysteresis, or inside a port polygon), offline when that position is older than
    offline_after_hours, else at sea; at sea counts from the first position after it left port."""
    thresholds = thresholds or OccupancyThresholds()
    zone = ZoneInfo(timezone)
    frame = positions.select("vessel", "time", "lat", "lon", "speed_knots").sort("vessel", "time")
    state = with_port_state(
        prepared(frame.lazy()).collect(), anchorages, port or PortThresholds(), port_polygons=port_polygons
    ).collect()
    # When each out-of-port run began: the first position after the last in-port one (or the first position).
    left = pl.col("_new") | (pl.col("in_port").shift(1).fill_null(True) & ~pl.col("in_port"))
    state = state.select(
        "vessel", "time", "lat", "lon", "in_port",
        pl.when(left).then(pl.col("time")).otherwise(None).forward_fill().alias("_out_since"),
    )
    extra = [c for c in vessels.columns if c not in ("vessel", "home_port", "region")]
    by_port, by_region, not_in_port = [], [], []
    for day in days:
        at = datetime.combine(day, check_time, tzinfo=zone).astimezone(UTC)
        states = vessel_states(state, vessels, at=at, thresholds=thresholds)
        since = (
            state.lazy()
            .filter(pl.col("time") <= at)
            .group_by("vessel")
            .agg(pl.col("_out_since").sort_by("time").last())
            .collect()
        )
        states = (
            states.join(since, on="vessel", how="left")
            .join(vessels.select("vessel", "region", *extra), on="vessel", how="left")
            .with_columns(pl.lit(day).alias("day"), pl.lit(at).alias("at"))
            .with_columns(
                pl.when(pl.col("status") == STATUS_OFFLINE)
                .then(pl.col("last_time"))
                .when(pl.col("status") == STATUS_AT_SEA)
                .then(pl.col("_out_since"))
                .alias("since")
            )
            .with_columns(
                ((pl.col("at") - pl.col("since")).dt.total_seconds(fractional=True) / 3600).round(1).alias("hours")
            )
        )
        by_port.append(_rates(states, "home_port"))
        by_region.append(_rates(states, "region"))
        not_in_port.append(
            states.filter(pl.col("status") != STATUS_IN_PORT)
            .select("day", "at", "vessel", "home_port", "region", "status", "since", "hours", "lat", "lon", *extra)
            .sort("status", "home_port", "vessel")
        )
    return DailyInPortRates(
        by_port=_stack(by_port), by_region=_stack(by_region), not_in_port=_stack(not_in_port)
    )


def _rates(states: pl.DataFrame, key: str) -> pl.DataFrame:
    return (
        occupancy_by_port(states.with_columns(pl.col(key).alias("home_port")))
        .rename({"home_port": key})
        .select(pl.lit(states["day"][0]).alias("day"), pl.all())
        .sort(key)
    )


def _stack(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(frames, how="vertical") if frames else pl.DataFrame()
