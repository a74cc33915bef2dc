"""Ports beside the anchorage points: WPI ports (shipped CHN subset) and the bureau's own port polygons, used by
port visits with the same 3/4 km hysteresis; inside a polygon is in port however far the nearest anchorage is."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from blueledger.fisheries.tracks.events import PortThresholds, detect, prepared, with_port_state
from blueledger.fisheries.tracks.geodesy import haversine_km
from blueledger.fisheries.tracks.ports import DEFAULT_WPI_PORTS, load_port_points, load_port_polygons, load_wpi_ports
from blueledger.fisheries.tracks.positions import TIME
from blueledger.fisheries.tracks.rules import load_rules

START = datetime(2025, 10, 1, tzinfo=UTC)
# One anchorage point 10 km east of the bureau's polygon (36.00–36.02°N, 121.00–121.02°E).
FAR_ANCHORAGE = pl.DataFrame(
    {"anchorage_id": ["a1"], "lat": [36.01], "lon": [121.13], "label": ["FAR"], "sublabel": [""]}
)
RING = [[121.0, 36.0], [121.02, 36.0], [121.02, 36.02], [121.0, 36.02], [121.0, 36.0]]
POLYGON = {"type": "Polygon", "coordinates": [RING]}


@pytest.fixture
def polygons(tmp_path: Path) -> Path:
    path = tmp_path / "ports.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "某某渔港"}, "geometry": POLYGON}
    ]}, ensure_ascii=False), encoding="utf-8")
    return path


def _positions(points: list[tuple[float, float, float]], vessel: str = "V1") -> pl.DataFrame:
    return pl.DataFrame(
        [
            (vessel, START + timedelta(minutes=30 * k), lat, lon, knots, "拖网")
            for k, (lat, lon, knots) in enumerate(points)
        ],
        schema={"vessel": pl.String, "time": TIME, "lat": pl.Float64, "lon": pl.Float64, "speed_knots": pl.Float64,
                "gear": pl.String},
        orient="row",
    )


def test_wpi_ports_chinese_subset_ships_and_joins_the_anchorages() -> None:
    wpi = load_wpi_ports()
    assert wpi.height == 68
    assert {"YANTAI", "WEIHAI", "QINGDAO GANG", "RIZHAO", "LONGKOU GANG"} <= set(wpi["label"])
    assert wpi["anchorage_id"][0].startswith("WPI:")
    points = load_port_points()
    assert points.height == 27_411 + 68
    assert DEFAULT_WPI_PORTS.name == "wpi_ports_chn.csv"


def test_inside_a_polygon_is_in_port_far_from_any_anchorage(polygons: Path) -> None:
    ports = load_port_polygons(polygons)
    # Stopped inside the polygon (≈ 10 km from the anchorage point), then 3.5 km east of its edge (still in:
    # hysteresis), then 4.9 km from both the edge and the anchorage (out), then back inside.
    track = _positions([(36.01, 121.01, 0.0)] * 4 + [(36.01, 121.059, 2.0), (36.01, 121.075, 5.0)]
                       + [(36.01, 121.01, 0.0)] * 3)
    state = with_port_state(prepared(track.lazy()).collect(), FAR_ANCHORAGE, PortThresholds(), port_polygons=ports)
    assert state.collect()["in_port"].to_list() == [True] * 5 + [False] + [True] * 3
    events = detect(track, anchorages=FAR_ANCHORAGE, rules=load_rules("moratorium-2023"), port_polygons=ports,
                    kinds=("port_visit",)).events
    assert [(e["start"], e["end"], json.loads(e["detail"])["port"]) for e in events.iter_rows(named=True)] == [
        (START, START + timedelta(minutes=120), "某某渔港"),
        (START + timedelta(minutes=180), START + timedelta(minutes=240), "某某渔港"),
    ]
    without = detect(track, anchorages=FAR_ANCHORAGE, rules=load_rules("moratorium-2023"), kinds=("port_visit",))
    assert without.events.height == 0


def test_nearer_anchorage_wins_over_a_polygon_edge(polygons: Path) -> None:
    near = pl.DataFrame({"anchorage_id": ["a2"], "lat": [36.01], "lon": [121.05], "label": ["NEAR"], "sublabel": [""]})
    track = _positions([(36.01, 121.049, 0.0)] * 3)  # 0.1 km from NEAR, 2.6 km from the polygon
    events = detect(track, anchorages=near, rules=load_rules("moratorium-2023"),
                    port_polygons=load_port_polygons(polygons), kinds=("port_visit",)).events
    assert [json.loads(d)["port"] for d in events["detail"]] == ["NEAR"]


def test_bad_polygon_file_is_refused_with_the_feature_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "甲港"}, "geometry": POLYGON},
        {"type": "Feature", "properties": {}, "geometry": POLYGON},
    ]}), encoding="utf-8")
    with pytest.raises(ValueError, match="第 2 个要素"):
        load_port_polygons(path)


def test_demo_polygons_load() -> None:
    demo = load_port_polygons(Path(DEFAULT_WPI_PORTS).parent / "ports-demo-shandong.geojson")
    assert demo.names == ("石岛港 (演示)", "青岛中心渔港 (演示)")


def test_dcic_26820_is_still_at_sea_with_wpi_ports() -> None:
    # The index's port-visit candidate 26820 stops at 26.30°N 122.95°E: 197 km from the nearest anchorage and, as
    # this shows, far from every WPI port too, so WPI points do not turn it into a visit (the exception stays).
    wpi = load_wpi_ports()
    nearest = wpi.select(haversine_km(pl.lit(26.30), pl.lit(122.95), pl.col("lat"), pl.col("lon")).min()).item()
    assert nearest > 150
