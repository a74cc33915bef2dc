"""Distance from shore in kilometres, from Natural Earth 1:10m land and minor islands clipped to the China seas
(105–128°E, 17–42°N; public domain). Too coarse for harbour-level decisions, ample for "more than 50 nautical miles
from shore". A position whose distance could reach land outside the clipped box has no distance (null): the data
cannot say."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely

from blueledger.fisheries.tracks.anchorages import KM_PER_DEGREE_LAT

_APP = Path(__file__).resolve().parents[1]
DEFAULT_SHORE_FILES = (
    _APP / "static" / "fisheries" / "ne_10m_land_china_seas.geojson",
    _APP / "data" / "ne_10m_minor_islands_china_seas.geojson",
)
# The box the Natural Earth layers were clipped to (west, south, east, north), in degrees.
SHORE_COVERAGE = (105.0, 17.0, 128.0, 42.0)
_CHUNK_VERTICES = 32


@dataclass(frozen=True)
class Shore:
    """Land polygons and their boundaries cut into short pieces, each in an STRtree (lon/lat degrees)."""

    land: shapely.STRtree
    pieces: shapely.STRtree
    coverage: tuple[float, float, float, float]


def _pieces(boundary: shapely.Geometry) -> list[shapely.LineString]:
    out: list[shapely.LineString] = []
    for line in shapely.get_parts(shapely.line_merge(boundary) if boundary.geom_type != "LineString" else boundary):
        coords = shapely.get_coordinates(line)
        for start in range(0, max(len(coords) - 1, 1), _CHUNK_VERTICES):
            chunk = coords[start : start + _CHUNK_VERTICES + 1]
            if len(chunk) >= 2:
                out.append(shapely.LineString(chunk))
    return out


def load_shore(
    paths: tuple[Path, ...] | None = None, coverage: tuple[float, float, float, float] = SHORE_COVERAGE
) -> Shore:
    polygons: list[shapely.Geometry] = []
    for path in paths or DEFAULT_SHORE_FILES:
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            polygons.extend(shapely.get_parts(shapely.geometry.shape(feature["geometry"])))
    pieces = [piece for polygon in polygons for piece in _pieces(polygon.boundary)]
    return Shore(land=shapely.STRtree(polygons), pieces=shapely.STRtree(pieces), coverage=coverage)


@lru_cache(maxsize=1)
def default_shore() -> Shore:
    return load_shore()


def shore_distance_km(shore: Shore, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Kilometres from each position to the nearest land (0 on land), NaN where land outside the data's box could
    be nearer than the land inside it. For the few positions an event asks about, not for whole tracks."""
    count = len(lat)
    out = np.full(count, np.nan)
    if count == 0:
        return out
    points = shapely.points(lon, lat)
    on_land = np.zeros(count, dtype=bool)
    on_land[shore.land.query(points, predicate="intersects")[0]] = True
    pairs, degrees = shore.pieces.query_nearest(points, return_distance=True, all_matches=False)
    west, south, east, north = shore.coverage
    for i, piece_degrees in zip(pairs[0], degrees, strict=True):
        if on_land[i]:
            out[i] = 0.0
            continue
        p_lat, p_lon = float(lat[i]), float(lon[i])
        # A degree of latitude is the longest degree, so every piece within the true nearest distance lies in this
        # box; its pieces are measured in a local equirectangular frame (error well under 1% at 100 km).
        cos_lat = max(math.cos(math.radians(p_lat)), 1e-6)
        half_lat, half_lon = float(piece_degrees), float(piece_degrees) / cos_lat
        box = shapely.box(p_lon - half_lon, p_lat - half_lat, p_lon + half_lon, p_lat + half_lat)
        candidates = shore.pieces.geometries.take(shore.pieces.query(box))
        local = shapely.transform(
            candidates,
            lambda xy, lat0=p_lat, lon0=p_lon, c=cos_lat: np.column_stack(
                ((xy[:, 0] - lon0) * c * KM_PER_DEGREE_LAT, (xy[:, 1] - lat0) * KM_PER_DEGREE_LAT)
            ),
        )
        km = float(shapely.distance(shapely.Point(0.0, 0.0), local).min())
        edge_km = min(
            (p_lat - south) * KM_PER_DEGREE_LAT,
            (north - p_lat) * KM_PER_DEGREE_LAT,
            (p_lon - west) * cos_lat * KM_PER_DEGREE_LAT,
            (east - p_lon) * cos_lat * KM_PER_DEGREE_LAT,
        )
        if km <= edge_km:
            out[i] = km
    return out
