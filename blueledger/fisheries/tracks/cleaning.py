"""Set aside the positions no one should act on, counted with their reason and line, never silently dropped:
not-available and out-of-range coordinates, 0/0, no time, impossible speeds, duplicates. Then split an MMSI that two
vessels use at once into separate tracks (`<id>#2`, …) and flag the clash."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from blueledger.fisheries.tracks.geodesy import KM_PER_NAUTICAL_MILE, haversine_km
from blueledger.fisheries.tracks.positions import REJECTED_SCHEMA, empty_rejected

# AIS speed 102.3 kn means "not available"; it is a missing value, not a speed.
AIS_SPEED_NOT_AVAILABLE_KNOTS = 102.2
# Where an MMSI's country (MID) says a track should mostly be; used to decide which of two clashing tracks keeps the id.
MID_REGIONS: dict[str, tuple[float, float, float, float]] = {
    "412": (3.0, 54.0, 73.0, 136.0),
    "413": (3.0, 54.0, 73.0, 136.0),
    "414": (3.0, 54.0, 73.0, 136.0),
}


@dataclass(frozen=True)
class CleaningThresholds:
    max_speed_knots: float = 50.0
    jump_min_distance_km: float = 5.0
    min_track_positions: int = 10
    # Two vessels on one MMSI alternate; a terminal that froze and jumped once does not.
    clash_min_switches: int = 6


@dataclass
class Cleaned:
    positions: pl.DataFrame
    rejected: pl.DataFrame
    clashes: pl.DataFrame  # vessel, track, start, end, lat, lon, positions, other_track


CLASH_SCHEMA: dict[str, pl.DataType] = {
    "vessel": pl.String(),
    "track": pl.String(),
    "start": pl.Datetime("us", "UTC"),
    "end": pl.Datetime("us", "UTC"),
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "positions": pl.Int64(),
    "other_track": pl.String(),
}


def _reject(frame: pl.DataFrame, reason: str) -> pl.DataFrame:
    return frame.select(
        pl.col("source"),
        pl.col("line"),
        pl.lit(reason).alias("reason"),
        pl.format("{} {} {},{}", pl.col("vessel"), pl.col("time"), pl.col("lat"), pl.col("lon")).alias("detail"),
    )


def _validity_reason() -> pl.Expr:
    lat, lon = pl.col("lat"), pl.col("lon")
    return (
        pl.when(pl.col("time").is_null())
        .then(pl.lit("no_time"))
        .when((lat == 91.0) | (lon == 181.0))
        .then(pl.lit("not_available"))
        .when((lat.abs() > 90) | (lon.abs() > 180) | lat.is_nan() | lon.is_nan())
        .then(pl.lit("out_of_range"))
        .when((lat == 0) & (lon == 0))
        .then(pl.lit("zero_position"))
        .otherwise(pl.lit(None, pl.String))
    )


def _segment(times: np.ndarray, lats: np.ndarray, lons: np.ndarray, max_speed_knots: float) -> np.ndarray:
    """Greedy segmentation of one suspicious vessel: each position joins the nearest segment it can reach at a
    possible speed, or starts a new one. Runs only on vessels with impossible jumps (rare), so per-row work here is
    off the hot path."""
    last_t: list[float] = []
    last_lat: list[float] = []
    last_lon: list[float] = []
    labels = np.empty(len(times), dtype=np.int64)
    max_km_per_s = max_speed_knots * KM_PER_NAUTICAL_MILE / 3600
    for i in range(len(times)):
        best, best_km = -1, math.inf
        for k in range(len(last_t)):
            d_lat = math.radians(lats[i] - last_lat[k])
            d_lon = math.radians(lons[i] - last_lon[k])
            a = math.sin(d_lat / 2) ** 2 + math.cos(math.radians(lats[i])) * math.cos(
                math.radians(last_lat[k])
            ) * math.sin(d_lon / 2) ** 2
            km = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
            reachable = km <= max(1.0, (times[i] - last_t[k]) * max_km_per_s)
            if reachable and km < best_km:
                best, best_km = k, km
        if best < 0:
            best = len(last_t)
            last_t.append(0.0)
            last_lat.append(0.0)
            last_lon.append(0.0)
        labels[i] = best
        last_t[best], last_lat[best], last_lon[best] = float(times[i]), float(lats[i]), float(lons[i])
    return labels


def _mid_match(vessel: str, lat: float, lon: float) -> bool:
    region = MID_REGIONS.get(vessel[:3]) if len(vessel) == 9 and vessel.isdigit() else None
    if region is None:
        return False
    return region[0] <= lat <= region[1] and region[2] <= lon <= region[3]


def _split_identities(
    suspects: pl.DataFrame, thresholds: CleaningThresholds
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    kept: list[pl.DataFrame] = []
    rejected: list[pl.DataFrame] = []
    clashes: list[dict[str, object]] = []
    for (vessel,), track in suspects.group_by("vessel", maintain_order=True):
        vessel = str(vessel)
        seconds = track["time"].dt.epoch("s").to_numpy().astype(np.float64)
        labels = _segment(seconds, track["lat"].to_numpy(), track["lon"].to_numpy(), thresholds.max_speed_knots)
        track = track.with_columns(pl.Series("_segment", labels))
        sizes = track.group_by("_segment").agg(
            pl.len().alias("n"),
            pl.col("lat").median().alias("lat"),
            pl.col("lon").median().alias("lon"),
            pl.col("time").min().alias("start"),
            pl.col("time").max().alias("end"),
        )
        small = sizes.filter(pl.col("n") < thresholds.min_track_positions)["_segment"]
        rejected.append(_reject(track.filter(pl.col("_segment").is_in(small.implode())), "impossible_jump"))
        big = sizes.filter(pl.col("n") >= thresholds.min_track_positions).to_dicts()
        big.sort(key=lambda s: (not _mid_match(vessel, float(s["lat"]), float(s["lon"])), -int(s["n"])))
        order = track.filter(pl.col("_segment").is_in([int(s["_segment"]) for s in big]))["_segment"].to_numpy()
        names: dict[int, str] = {}
        for segment in big:
            label = int(segment["_segment"])
            mine = order == label
            switches = int(np.count_nonzero(mine[1:] != mine[:-1]))
            if names and switches >= thresholds.clash_min_switches:
                names[label] = f"{vessel}#{len(set(names.values())) + 1}"
                clashes.append(
                    {
                        "vessel": vessel,
                        "track": names[label],
                        "start": segment["start"],
                        "end": segment["end"],
                        "lat": segment["lat"],
                        "lon": segment["lon"],
                        "positions": int(segment["n"]),
                        "other_track": vessel,
                    }
                )
            else:
                names[label] = vessel
        if names:
            kept.append(
                track.filter(pl.col("_segment").is_in(list(names)))
                .with_columns(pl.col("_segment").replace_strict(names, return_dtype=pl.String).alias("vessel"))
                .drop("_segment")
            )
    return (
        pl.concat(kept) if kept else suspects.clear(),
        pl.concat([empty_rejected(), *rejected]),
        pl.DataFrame(clashes, schema=CLASH_SCHEMA),
    )


def clean(positions: pl.DataFrame, thresholds: CleaningThresholds | None = None) -> Cleaned:
    """Valid, de-duplicated positions sorted by vessel and time; the rest in `rejected` with reason and line."""
    thresholds = thresholds or CleaningThresholds()
    marked = positions.with_columns(
        pl.when(pl.col("speed_knots") >= AIS_SPEED_NOT_AVAILABLE_KNOTS)
        .then(None)
        .otherwise(pl.col("speed_knots"))
        .alias("speed_knots")
    ).with_columns(
        _validity_reason()
        .fill_null(
            pl.when(pl.col("speed_knots") > thresholds.max_speed_knots).then(pl.lit("impossible_speed"))
        )
        .alias("_reason")
    )
    bad = marked.filter(pl.col("_reason").is_not_null())
    rejected = [
        bad.select(
            pl.col("source"),
            pl.col("line"),
            pl.col("_reason").alias("reason"),
            pl.format("{} {} {},{}", pl.col("vessel"), pl.col("time"), pl.col("lat"), pl.col("lon")).alias("detail"),
        )
    ]
    good = marked.filter(pl.col("_reason").is_null()).drop("_reason").sort("vessel", "time", "line")
    duplicated = pl.struct("vessel", "time", "lat", "lon").is_first_distinct().not_()
    rejected.append(_reject(good.filter(duplicated), "duplicate"))
    good = good.filter(~duplicated)

    jump = (
        haversine_km(
            pl.col("lat").shift(1).over("vessel"), pl.col("lon").shift(1).over("vessel"), pl.col("lat"), pl.col("lon")
        )
    )
    hours = (pl.col("time") - pl.col("time").shift(1).over("vessel")).dt.total_seconds(fractional=True) / 3600
    impossible = (jump > thresholds.jump_min_distance_km) & (
        jump / KM_PER_NAUTICAL_MILE > thresholds.max_speed_knots * hours
    )
    suspect_vessels = good.filter(impossible.fill_null(False))["vessel"].unique()
    is_suspect = pl.col("vessel").is_in(suspect_vessels.implode())
    split, split_rejected, clashes = _split_identities(good.filter(is_suspect), thresholds)
    rejected.append(split_rejected)
    result = pl.concat([good.filter(~is_suspect), split]).sort("vessel", "time")
    return Cleaned(
        positions=result,
        rejected=pl.concat(rejected).cast(REJECTED_SCHEMA),  # type: ignore[arg-type]
        clashes=clashes,
    )
