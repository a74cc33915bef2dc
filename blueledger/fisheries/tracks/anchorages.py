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

    A raster of grid cells (side `within_km`) that have an anchorage in their 3×3 neighbourhood picks the few
    positions that can be near one; only those get exact distances, by a join on distinct rounded positions."""
    lat = positions["lat"].to_numpy()
    lon = positions["lon"].to_numpy()
    count = len(lat)
    max_lat = min(75.0, float(np.abs(anchorages["lat"].to_numpy()).max(initial=0.0)) + 1.0)
    lat_cell = within_km / KM_PER_DEGREE_LAT
    lon_cell = within_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(max_lat)))
    a_row = np.floor(anchorages["lat"].to_numpy() / lat_cell).astype(np.int64)
    a_col = np.floor(anchorages["lon"].to_numpy() / lon_cell).astype(np.int64)
    row0, col0 = int(a_row.min(initial=0)) - 1, int(a_col.min(initial=0)) - 1
    height, width = int(a_row.max(initial=0)) - row0 + 2, int(a_col.max(initial=0)) - col0 + 2
    grid = np.zeros((height, width), dtype=bool)
    for d_row in (-1, 0, 1):
        for d_col in (-1, 0, 1):
            grid[a_row - row0 + d_row, a_col - col0 + d_col] = True
    # In place where possible: at ten million positions each temporary array costs more than the arithmetic.
    scaled = np.multiply(lat, 1.0 / lat_cell)
    np.floor(scaled, out=scaled)
    p_row = scaled.astype(np.int64)
    p_row -= row0
    np.multiply(lon, 1.0 / lon_cell, out=scaled)
    np.floor(scaled, out=scaled)
    p_col = scaled.astype(np.int64)
    p_col -= col0
    inside = (p_row >= 0) & (p_row < height) & (p_col >= 0) & (p_col < width)
    p_row *= width
    p_row += p_col
    p_row[~inside] = 0
    near = inside & grid.ravel().take(p_row)
    rows = np.flatnonzero(near)

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
    key = (pl.col("lat") * ROUNDING).round().cast(pl.Int64) * 1_000_000 + (
        (pl.col("lon") * ROUNDING).round().cast(pl.Int64) + 500_000
    )
    subset = pl.DataFrame({"lat": lat[rows], "lon": lon[rows]}).lazy().select(key.alias("_key"))
    distinct = subset.unique().with_columns(
        (pl.col("_key") // 1_000_000).cast(pl.Int32).alias("_k_lat"),
        (pl.col("_key") % 1_000_000 - 500_000).cast(pl.Int32).alias("_k_lon"),
    )
    found = (
        distinct.with_columns(
            (pl.col("_k_lat") / ROUNDING / lat_cell).floor().cast(pl.Int32).alias("c_lat"),
            (pl.col("_k_lon") / ROUNDING / lon_cell).floor().cast(pl.Int32).alias("c_lon"),
        )
        .join(cells, on=["c_lat", "c_lon"], how="inner")
        .with_columns(
            haversine_km(
                pl.col("_k_lat") / ROUNDING, pl.col("_k_lon") / ROUNDING, pl.col("a_lat"), pl.col("a_lon")
            ).alias("anchorage_km")
        )
        .filter(pl.col("anchorage_km") <= within_km)
        .group_by("_key")
        .agg(pl.col("anchorage_km").min(), pl.col("a_index").sort_by("anchorage_km").first())
    )
    matched = subset.join(found, on="_key", how="left", maintain_order="left").collect()
    km = np.empty(count)
    km.fill(np.nan)
    km[rows] = matched["anchorage_km"].fill_null(np.nan).to_numpy()
    index = np.empty(count, dtype=np.int32)
    index.fill(-1)
    index[rows] = matched["a_index"].fill_null(-1).to_numpy()
    return pl.DataFrame(
        {
            "anchorage_km": pl.Series(km, nan_to_null=True),
            "anchorage_index": pl.Series(index).replace(-1, None),
        }
    )
