"""daily_in_port_rates: 在港率 per home port and per region for each day of a moratorium (at 20:00 Beijing), and the
vessels out of port or offline with how long, on the generated Shandong fleet; a bureau port polygon counts as port."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import polars as pl
import pytest

from blueledger.fisheries.generate import fleet, ports, positions
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.occupancy import DailyInPortRates, daily_in_port_rates
from blueledger.fisheries.tracks.ports import load_port_polygons
from blueledger.fisheries.tracks.positions import TIME

DAYS = [date(2026, 4, 30), date(2026, 5, 1)]


@pytest.fixture(scope="module")
def rates() -> DailyInPortRates:
    anchorages = load_anchorages()
    generated = fleet(ports(anchorages))
    registry = pl.DataFrame(
        {
            "vessel": [v.terminal for v in generated] + ["NEVER-SEEN"],
            "home_port": [v.home.name for v in generated] + ["日照"],
            "region": [v.region_code for v in generated] + ["371100"],
            "name": [v.name for v in generated] + ["鲁日渔49999"],
        }
    )
    return daily_in_port_rates(positions(generated), registry, anchorages=anchorages, days=DAYS)


def test_rates_by_home_port_each_day(rates: DailyInPortRates) -> None:
    assert rates.by_port.columns == ["day", "home_port", "vessels", "in_port", "at_sea", "offline", "in_port_rate"]
    assert rates.by_port.rows() == [
        (date(2026, 4, 30), "日照", 4, 3, 0, 1, 0.75),
        (date(2026, 4, 30), "烟台", 4, 3, 0, 1, 0.75),
        (date(2026, 4, 30), "石岛", 8, 5, 3, 0, 0.625),
        (date(2026, 4, 30), "青岛", 5, 3, 2, 0, 0.6),
        (date(2026, 5, 1), "日照", 4, 3, 0, 1, 0.75),
        (date(2026, 5, 1), "烟台", 4, 4, 0, 0, 1.0),
        (date(2026, 5, 1), "石岛", 8, 7, 1, 0, 0.875),
        (date(2026, 5, 1), "青岛", 5, 5, 0, 0, 1.0),
    ]


def test_rates_by_region_each_day(rates: DailyInPortRates) -> None:
    assert rates.by_region.filter(pl.col("day") == date(2026, 5, 1)).rows() == [
        (date(2026, 5, 1), "370200", 5, 5, 0, 0, 1.0),
        (date(2026, 5, 1), "370600", 4, 4, 0, 0, 1.0),
        (date(2026, 5, 1), "371000", 8, 7, 1, 0, 0.875),
        (date(2026, 5, 1), "371100", 4, 3, 0, 1, 0.75),
    ]


def test_out_of_port_and_offline_vessels_with_how_long(rates: DailyInPortRates) -> None:
    first_evening = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)  # 5月1日 20:00 Beijing, 8 h into the closure
    out = rates.not_in_port.filter(pl.col("day") == date(2026, 5, 1))
    assert out.select("at", "vessel", "name", "status", "since", "hours").rows() == [
        # 鲁荣渔58003 has been at sea since the first position of the data (a lower bound).
        (first_evening, "DEMO-58003", "鲁荣渔58003", "at_sea", datetime(2026, 4, 29, 16, 0, tzinfo=UTC), 44.0),
        (first_evening, "NEVER-SEEN", "鲁日渔49999", "offline", None, None),
    ]
    day_before = rates.not_in_port.filter(pl.col("day") == date(2026, 4, 30))
    # 鲁青渔20002 left Qingdao at 18:20 Beijing to lay up in Shidao; 鲁烟渔30002 fell silent at 07:50 Beijing.
    assert day_before.filter(pl.col("vessel").is_in(["DEMO-20002", "DEMO-30002"])).select(
        "vessel", "status", "since", "hours"
    ).rows() == [
        ("DEMO-20002", "at_sea", datetime(2026, 4, 30, 10, 20, tzinfo=UTC), 1.7),
        ("DEMO-30002", "offline", datetime(2026, 4, 29, 23, 50, tzinfo=UTC), 12.2),
    ]


def test_a_bureau_port_polygon_counts_as_in_port(tmp_path: Path) -> None:
    # Moored at 36.30°N 121.00°E, 20 km from any anchorage point: at sea without the polygon, in port with it.
    start = datetime(2026, 5, 1, 0, 0, tzinfo=UTC)
    track = pl.DataFrame(
        {
            "vessel": ["V1"] * 30,
            "time": [start + timedelta(minutes=10 * k) for k in range(30)],
            "lat": [36.30] * 30,
            "lon": [121.00] * 30,
            "speed_knots": [0.0] * 30,
        }
    ).with_columns(pl.col("time").cast(TIME))
    registry = pl.DataFrame({"vessel": ["V1"], "home_port": ["某港"], "region": ["370200"]})
    path = tmp_path / "ports.geojson"
    ring = [[120.99, 36.29], [121.01, 36.29], [121.01, 36.31], [120.99, 36.31], [120.99, 36.29]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "某港"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    ]}, ensure_ascii=False), encoding="utf-8")
    kwargs = {"anchorages": load_anchorages(), "days": [date(2026, 5, 1)], "check_time": time(12, 0)}
    without = daily_in_port_rates(track, registry, **kwargs)  # type: ignore[arg-type]
    assert without.by_port.select("in_port", "at_sea", "in_port_rate").rows() == [(0, 1, 0.0)]
    with_polygon = daily_in_port_rates(track, registry, port_polygons=load_port_polygons(path), **kwargs)  # type: ignore[arg-type]
    assert with_polygon.by_port.select("in_port", "at_sea", "in_port_rate").rows() == [(1, 0, 1.0)]
    assert with_polygon.not_in_port.height == 0
