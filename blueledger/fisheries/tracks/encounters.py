"""Encounters and loitering (GFW's published rules, domain-facts §10), vectorised in polars; shapely measures the
distance from shore for the few loitering candidates only.

Encounter: two vessels within `max_distance_km` for at least `min_hours`, both slower than `max_speed_knots`,
more than `min_anchorage_distance_km` from any anchorage. Positions are matched in `slot_minutes` time slots on a
grid of cells `max_distance_km` wide. Loitering: one vessel slower than `max_speed_knots` for at least
`min_hours`, at least `min_shore_distance_nm` from the Natural Earth coast."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import polars as pl
import shapely

from blueledger.fisheries.tracks.anchorages import KM_PER_DEGREE_LAT, nearest_anchorage
from blueledger.fisheries.tracks.geodesy import KM_PER_NAUTICAL_MILE, haversine_km

LAND = Path(__file__).resolve().parents[1] / "static" / "fisheries" / "ne_10m_land_china_seas.geojson"
# The land file is clipped to this box (lon_min, lat_min, lon_max, lat_max); farther out the shore is unknown.
LAND_BOX = (105.0, 17.0, 128.0, 42.0)


@dataclass(frozen=True)
class EncounterThresholds:
    max_distance_km: float = 0.5
    min_hours: float = 2.0
    max_speed_knots: float = 2.0
    min_anchorage_distance_km: float = 10.0
    slot_minutes: int = 10


@dataclass(frozen=True)
class LoiteringThresholds:
    max_speed_knots: float = 2.0
    min_hours: float = 4.0
    min_shore_distance_nm: float = 20.0
    split_hours: float = 2.0


def _constants(thresholds: object) -> str:
    return json.dumps(asdict(thresholds), separators=(",", ":"))[1:]  # type: ignore[call-overload]


def encounters(
    positions: pl.DataFrame, anchorages: pl.DataFrame, thresholds: EncounterThresholds | None = None
) -> pl.DataFrame:
    """kind, vessel, start, end, lat, lon, rule, detail — one row per encounter, on the first vessel's id."""
    t = thresholds or EncounterThresholds()
    slow = positions.filter(pl.col("speed_knots") < t.max_speed_knots).select("vessel", "time", "lat", "lon")
    if slow.is_empty():
        return _empty()
    far = nearest_anchorage(slow, anchorages, within_km=t.min_anchorage_distance_km)["anchorage_km"].is_null()
    slow = slow.filter(far)
    cell = t.max_distance_km / KM_PER_DEGREE_LAT
    lon_cell = cell / 0.5  # cos(60°): cells are at least max_distance_km wide up to 60° of latitude
    keyed = slow.with_columns(
        pl.col("time").dt.truncate(f"{t.slot_minutes}m").alias("slot"),
        (pl.col("lat") / cell).floor().cast(pl.Int32).alias("c_lat"),
        (pl.col("lon") / lon_cell).floor().cast(pl.Int32).alias("c_lon"),
    ).unique(["vessel", "slot"], keep="first")
    offsets = pl.DataFrame({"d_lat": [-1, -1, -1, 0, 0, 0, 1, 1, 1], "d_lon": [-1, 0, 1] * 3})
    other = keyed.join(offsets, how="cross").select(
        pl.col("vessel").alias("other"),
        "slot",
        (pl.col("c_lat") + pl.col("d_lat")).alias("c_lat"),
        (pl.col("c_lon") + pl.col("d_lon")).alias("c_lon"),
        pl.col("lat").alias("o_lat"),
        pl.col("lon").alias("o_lon"),
    )
    pairs = (
        keyed.join(other, on=["slot", "c_lat", "c_lon"], how="inner")
        .filter(pl.col("vessel") < pl.col("other"))
        .filter(haversine_km(pl.col("lat"), pl.col("lon"), pl.col("o_lat"), pl.col("o_lon")) <= t.max_distance_km)
        .unique(["vessel", "other", "slot"])
        .sort("vessel", "other", "slot")
    )
    step = pl.duration(minutes=t.slot_minutes)
    new_run = (
        (pl.col("vessel") != pl.col("vessel").shift(1))
        | (pl.col("other") != pl.col("other").shift(1))
        | ((pl.col("slot") - pl.col("slot").shift(1)) > step)
    ).fill_null(True)
    runs = (
        pairs.with_columns(new_run.cum_sum().alias("_run"))
        .group_by("_run")
        .agg(
            pl.col("vessel").first(),
            pl.col("other").first(),
            pl.col("slot").min().alias("start"),
            (pl.col("slot").max() + step).alias("end"),
            pl.col("lat").mean(),
            pl.col("lon").mean(),
        )
        .filter((pl.col("end") - pl.col("start")) >= pl.duration(seconds=int(t.min_hours * 3600)))
    )
    return runs.select(
        pl.lit("encounter").alias("kind"),
        "vessel",
        "start",
        "end",
        "lat",
        "lon",
        pl.lit("encounter").alias("rule"),
        (pl.struct(pl.col("other")).struct.json_encode().str.strip_suffix("}") + pl.lit("," + _constants(t))).alias(
            "detail"
        ),
    ).sort("vessel", "start")


def _land() -> shapely.Geometry:
    data = json.loads(LAND.read_text(encoding="utf-8"))
    return shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in data["features"]])


def loitering(positions: pl.DataFrame, thresholds: LoiteringThresholds | None = None) -> pl.DataFrame:
    """Runs of slow positions (split by silence of split_hours) long enough and far enough from shore."""
    t = thresholds or LoiteringThresholds()
    slow = (pl.col("speed_knots") < t.max_speed_knots).fill_null(False)
    gap = (pl.col("time") - pl.col("time").shift(1)) > pl.duration(seconds=int(t.split_hours * 3600))
    new_run = ((slow != slow.shift(1)) | (pl.col("vessel") != pl.col("vessel").shift(1)) | gap).fill_null(True)
    runs = (
        positions.with_columns(new_run.cum_sum().alias("_run"), slow.alias("_slow"))
        .filter(pl.col("_slow"))
        .group_by("_run")
        .agg(
            pl.col("vessel").first(),
            pl.col("time").min().alias("start"),
            pl.col("time").max().alias("end"),
            pl.col("lat").median(),
            pl.col("lon").median(),
        )
        .filter((pl.col("end") - pl.col("start")) >= pl.duration(seconds=int(t.min_hours * 3600)))
    )
    lon_min, lat_min, lon_max, lat_max = LAND_BOX
    runs = runs.filter(pl.col("lat").is_between(lat_min, lat_max) & pl.col("lon").is_between(lon_min, lon_max))
    if runs.is_empty():
        return _empty()
    land = _land()
    points = shapely.points(runs["lon"].to_numpy(), runs["lat"].to_numpy())
    on_land = shapely.contains(land, points)
    coast = shapely.get_coordinates(shapely.shortest_line(points, land))  # pairs: point, nearest point on land
    shore_km = haversine_np(coast[0::2, 1], coast[0::2, 0], coast[1::2, 1], coast[1::2, 0])
    shore_nm = np.where(on_land, 0.0, shore_km / KM_PER_NAUTICAL_MILE)
    found = runs.with_columns(pl.Series("shore_nm", shore_nm).round(1)).filter(
        pl.col("shore_nm") >= t.min_shore_distance_nm
    )
    return found.select(
        pl.lit("loitering").alias("kind"),
        "vessel",
        "start",
        "end",
        "lat",
        "lon",
        pl.lit("loitering").alias("rule"),
        (pl.struct(pl.col("shore_nm")).struct.json_encode().str.strip_suffix("}") + pl.lit("," + _constants(t))).alias(
            "detail"
        ),
    ).sort("vessel", "start")


def haversine_np(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    result: np.ndarray = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return result


def _empty() -> pl.DataFrame:
    from blueledger.fisheries.tracks.events import EVENT_SCHEMA

    return pl.DataFrame(schema=EVENT_SCHEMA)
