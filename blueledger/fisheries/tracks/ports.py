"""Ports beside GFW's anchorage points: the World Port Index ports (WPI, a US NGA publication, via GFW's
anchorages pipeline, Apache-2.0) as more points, and the bureau's own port polygons (a GeoJSON it supplies, one
Polygon or MultiPolygon feature per port with a `name`). A position inside a polygon is 0 km from that port, so it
is in port however far the nearest anchorage point is; near a polygon the distance to its edge takes part in the
same entry/exit hysteresis as the anchorage points."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import shapely

from blueledger.fisheries.tracks.anchorages import KM_PER_DEGREE_LAT, load_anchorages

DEFAULT_WPI_PORTS = Path(__file__).resolve().parents[1] / "data" / "wpi_ports_chn.csv"


def load_wpi_ports(path: Path | None = None) -> pl.DataFrame:
    """WPI ports (iso3,label,sublabel,latitude,longitude) in the anchorage frame's columns, id `WPI:<label>`."""
    frame = pl.read_csv(path or DEFAULT_WPI_PORTS, infer_schema=False)
    return frame.select(
        (pl.lit("WPI:") + pl.col("label")).alias("anchorage_id"),
        pl.col("latitude").cast(pl.Float64).alias("lat"),
        pl.col("longitude").cast(pl.Float64).alias("lon"),
        pl.col("label").fill_null(""),
        pl.col("sublabel").fill_null(""),
    )


def load_port_points(anchorages: Path | None = None, wpi: Path | None = None) -> pl.DataFrame:
    """GFW's anchorages followed by the WPI ports: the points port visits are measured against."""
    return pl.concat([load_anchorages(anchorages), load_wpi_ports(wpi)], how="vertical")


@dataclass(frozen=True)
class PortPolygons:
    names: tuple[str, ...]
    polygons: tuple[shapely.Geometry, ...]  # lon/lat degrees
    source: str = ""


def load_port_polygons(path: Path) -> PortPolygons:
    """The bureau's port polygons; each feature needs a `name` property and a (Multi)Polygon geometry."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    names: list[str] = []
    polygons: list[shapely.Geometry] = []
    for number, feature in enumerate(collection.get("features", []), start=1):
        geometry = shapely.geometry.shape(feature["geometry"])
        name = str((feature.get("properties") or {}).get("name") or "").strip()
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or not name or not geometry.is_valid:
            raise ValueError(f"{path.name}: 第 {number} 个要素须为有效的面 (Polygon/MultiPolygon) 并带 name 属性")
        names.append(name)
        polygons.append(geometry)
    return PortPolygons(names=tuple(names), polygons=tuple(polygons), source=path.name)


def nearest_polygon(positions: pl.DataFrame, ports: PortPolygons, *, within_km: float) -> pl.DataFrame:
    """`polygon_km` (0 inside; null beyond `within_km`) and `polygon_index`, row for row. Only positions in a
    polygon's bounding box widened by `within_km` are measured, in a local equirectangular frame per polygon."""
    lat = positions["lat"].to_numpy()
    lon = positions["lon"].to_numpy()
    km = np.full(len(lat), np.nan)
    index = np.full(len(lat), -1, dtype=np.int32)
    for number, polygon in enumerate(ports.polygons):
        west, south, east, north = polygon.bounds
        lat0 = (south + north) / 2
        cos_lat = math.cos(math.radians(lat0))
        pad_lat = within_km / KM_PER_DEGREE_LAT
        pad_lon = pad_lat / max(cos_lat, 1e-6)
        rows = np.flatnonzero(
            (lat >= south - pad_lat) & (lat <= north + pad_lat) & (lon >= west - pad_lon) & (lon <= east + pad_lon)
        )
        if not len(rows):
            continue
        lon0 = (west + east) / 2

        def local(xy: np.ndarray, lat0: float = lat0, lon0: float = lon0, cos_lat: float = cos_lat) -> np.ndarray:
            x = (xy[:, 0] - lon0) * cos_lat * KM_PER_DEGREE_LAT
            return np.column_stack((x, (xy[:, 1] - lat0) * KM_PER_DEGREE_LAT))

        shape = shapely.transform(polygon, local)
        shapely.prepare(shape)
        xy = local(np.column_stack((lon[rows], lat[rows])))
        distance = shapely.distance(shape, shapely.points(xy))
        better = (distance <= within_km) & ~(km[rows] <= distance)
        km[rows[better]] = distance[better]
        index[rows[better]] = number
    return pl.DataFrame(
        {
            "polygon_km": pl.Series(km, nan_to_null=True),
            "polygon_index": pl.Series(index).replace(-1, None),
        }
    )
