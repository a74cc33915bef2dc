"""Anchorage points (GFW's named anchorages; the Chinese ones ship in fisheries/data) and the vectorised nearest
anchorage within a radius, by a grid join on distinct positions rounded to 0.001° (≈ 100 m, far below the
kilometre thresholds)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import polars as pl

from blueledger.fisheries.tracks.geodesy import haversine_km

DEFAULT_ANCHORAGES = Path(__file__).resolve().parents[1] / "data" / "gfw_anchorages_chn.csv"
KM_PER_DEGREE_LAT = 111.2
ROUNDING = 1000.0
# key = round(lat·1000)·KEY_LAT_FACTOR + round(lon·1000) + KEY_LON_OFFSET, unique for |lon| ≤ 180°.
KEY_LAT_FACTOR = 2_000_000
ROUNDING_MARGIN_KM = 0.1
KEY_LON_OFFSET = 1_000_000


def load_anchorages(path: Path | None = None) -> pl.DataFrame:
    """anchorage_id, lat, lon, label, sublabel — from a GFW anchorage CSV (s2id,latitude,longitude,label,sublabel)."""
    frame = pl.read_csv(path or DEFAULT_ANCHORAGES, infer_schema=False)
    return frame.select(
        pl.col("s2id").alias("anchorage_id"),
        pl.col("latitude").cast(pl.Float64).alias("lat"),
        pl.col("longitude").cast(pl.Float64).alias("lon"),
        pl.col("label").fill_null(""),
        pl.col("sublabel").fill_null(""),
    )


def nearest_anchorage(positions: pl.DataFrame, anchorages: pl.DataFrame, *, within_km: float) -> pl.DataFrame:
    """`anchorage_km` (null when no anchorage is within `within_km`) and `anchorage_index` (its row in
    `anchorages`), row for row.

    A raster of grid cells (side a little over `within_km`) that have an anchorage in their 3×3 neighbourhood
    picks the few positions that can be near one; only those get exact distances, by a join on distinct rounded
    positions."""
    count = positions.height
    max_lat = min(75.0, float(np.abs(anchorages["lat"].to_numpy()).max(initial=0.0)) + 1.0)
    # Cells a little wider than within_km: a rounded key lies up to ~80 m from its position, and an anchorage
    # within reach of the key must still be in the position's 3×3 neighbourhood.
    side_km = within_km + ROUNDING_MARGIN_KM
    lat_cell = side_km / KM_PER_DEGREE_LAT
    lon_cell = side_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(max_lat)))
    a_row = np.floor(anchorages["lat"].to_numpy() / lat_cell).astype(np.int64)
    a_col = np.floor(anchorages["lon"].to_numpy() / lon_cell).astype(np.int64)
    # A false border of at least one cell all round: positions outside the raster are clipped onto it.
    row0, col0 = int(a_row.min(initial=0)) - 2, int(a_col.min(initial=0)) - 2
    height, width = int(a_row.max(initial=0)) - row0 + 3, int(a_col.max(initial=0)) - col0 + 3
    grid = np.zeros((height, width), dtype=bool)
    for d_row in (-1, 0, 1):
        for d_col in (-1, 0, 1):
            grid[a_row - row0 + d_row, a_col - col0 + d_col] = True
    # One polars pass over all positions (no numpy temporaries: at ten million rows their first-touch page faults
    # cost more than the arithmetic): the raster says which rows can be near; only those get a key.
    row = (pl.col("lat") * (1 / lat_cell) - row0).floor().clip(0, height - 1).cast(pl.Int32)
    col = (pl.col("lon") * (1 / lon_cell) - col0).floor().clip(0, width - 1).cast(pl.Int32)
    near = pl.lit(pl.Series(grid.ravel())).gather(row * width + col)
    key = (
        (pl.col("lat") * ROUNDING).round().cast(pl.Int64) * KEY_LAT_FACTOR
        + (pl.col("lon") * ROUNDING).round().cast(pl.Int64)
        + KEY_LON_OFFSET
    )
    sparse = positions.lazy().with_row_index("_row").filter(near).select("_row", key.alias("_key")).collect()
    # The few distinct keys get exact distances to the anchorages of their 3×3 cell neighbourhood; each near row
    # takes its key's answer by binary search, and the answers are scattered into full-length columns.
    distinct = sparse["_key"].unique().sort()
    offsets = pl.DataFrame({"d_lat": [-1, -1, -1, 0, 0, 0, 1, 1, 1], "d_lon": [-1, 0, 1] * 3}).lazy()
    cells = (
        anchorages.lazy()
        .with_row_index("a_index")
        .select(
            pl.col("a_index").cast(pl.Int32),
            pl.col("lat").alias("a_lat"),
            pl.col("lon").alias("a_lon"),
            (pl.col("lat") / lat_cell).floor().cast(pl.Int32).alias("c_lat"),
            (pl.col("lon") / lon_cell).floor().cast(pl.Int32).alias("c_lon"),
        )
        .join(offsets, how="cross")
        .select(
            "a_index",
            "a_lat",
            "a_lon",
            (pl.col("c_lat") + pl.col("d_lat")).alias("c_lat"),
            (pl.col("c_lon") + pl.col("d_lon")).alias("c_lon"),
        )
    )
    k_lat = (pl.col("_key") // KEY_LAT_FACTOR) / ROUNDING
    k_lon = (pl.col("_key") % KEY_LAT_FACTOR - KEY_LON_OFFSET) / ROUNDING
    found = (
        distinct.to_frame()
        .lazy()
        .with_row_index("_slot")
        .with_columns(
            (k_lat / lat_cell).floor().cast(pl.Int32).alias("c_lat"),
            (k_lon / lon_cell).floor().cast(pl.Int32).alias("c_lon"),
        )
        .join(cells, on=["c_lat", "c_lon"], how="inner")
        .with_columns(haversine_km(k_lat, k_lon, pl.col("a_lat"), pl.col("a_lon")).alias("anchorage_km"))
        .filter(pl.col("anchorage_km") <= within_km)
        .group_by("_slot")
        .agg(pl.col("anchorage_km").min(), pl.col("a_index").sort_by("anchorage_km", "a_index").first())
    )
    slots = (
        distinct.to_frame()
        .lazy()
        .with_row_index("_slot")
        .join(found, on="_slot", how="left", maintain_order="left")
        .collect()
    )
    where = distinct.search_sorted(sparse["_key"])
    km = pl.Series("anchorage_km", dtype=pl.Float64).extend_constant(None, count)
    km.scatter(sparse["_row"], slots["anchorage_km"].gather(where))
    index = pl.Series("anchorage_index", dtype=pl.Int32).extend_constant(None, count)
    index.scatter(sparse["_row"], slots["a_index"].gather(where))
    return pl.DataFrame([km, index])
