"""在港率 during a moratorium: at a moment, each registered vessel is 在港 (its last position is in port), 在海上
(its last position is at sea) or 离线 (no position for `offline_after_hours`); counted by designated home port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import polars as pl

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
