"""A generated Shandong fleet for the demo: vessels and their positions around real Shandong anchorages (GFW's
anchorage points shipped in fisheries/data), across the start of the 2026 moratorium (5月1日12时). Nothing here is
real: names, terminal ids and tracks are generated, and the records are marked `is_generated`. Django-free.

The story: most boats fish until the eve of the closure and lie at their home anchorage from then on; 鲁荣渔58003
keeps trawling a day into the closure (a breach); 鲁青渔20002 lies up at 石岛 instead of its home port 青岛 (依港管船,
handed over to Qingdao); 鲁烟渔30002 goes silent for 14 hours at sea; a foreign MMSI crosses the waters."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import polars as pl

from blueledger.fisheries.tracks.positions import POSITION_SCHEMA

STEP = timedelta(minutes=10)
START = datetime(2026, 4, 29, 16, 0, tzinfo=UTC)  # 4月30日 00:00 Beijing
END = datetime(2026, 5, 2, 4, 0, tzinfo=UTC)  # 5月2日 12:00 Beijing
CLOSURE = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)  # 5月1日 12时


@dataclass(frozen=True, slots=True)
class Port:
    name: str  # Chinese port name shown to users
    code: str  # the GFW anchorage label the engine compares with
    region_code: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GeneratedVessel:
    name: str
    region_code: str
    home: Port
    terminal: str
    gear: str
    power_kw: int
    story: str  # "home", "breach", "away", "gap"
    lay_up: Port


def ports(anchorages: pl.DataFrame) -> dict[str, Port]:
    """One real anchorage point per port: the one nearest the middle of the label's points in a box."""
    wanted = {
        "石岛": ("WEIHAI", "371000", (36.80, 36.95, 122.30, 122.55)),
        "青岛": ("QINGDAO", "370200", (35.95, 36.20, 120.15, 120.45)),
        "烟台": ("YANTAI", "370600", (37.50, 37.65, 121.30, 121.50)),
        "日照": ("RIZHAO", "371100", (35.30, 35.50, 119.45, 119.65)),
    }
    found = {}
    for name, (label, region, (lat0, lat1, lon0, lon1)) in wanted.items():
        points = anchorages.filter(
            (pl.col("label") == label) & pl.col("lat").is_between(lat0, lat1) & pl.col("lon").is_between(lon0, lon1)
        )
        lat, lon = float(points["lat"].median()), float(points["lon"].median())  # type: ignore[arg-type]
        best = points.with_columns(((pl.col("lat") - lat) ** 2 + (pl.col("lon") - lon) ** 2).alias("d")).sort("d")
        found[name] = Port(name, label, region, float(best["lat"][0]), float(best["lon"][0]))
    return found


def fleet(port_by_name: dict[str, Port]) -> list[GeneratedVessel]:
    plan = [
        ("石岛", "鲁荣渔", 58000, 8),
        ("青岛", "鲁青渔", 20000, 5),
        ("烟台", "鲁烟渔", 30000, 4),
        ("日照", "鲁日渔", 40000, 3),
    ]
    gears = ["拖网", "刺网", "拖网", "张网", "拖网", "笼壶", "刺网", "钓具"]
    vessels = []
    for port_name, prefix, base, count in plan:
        port = port_by_name[port_name]
        for i in range(1, count + 1):
            name = f"{prefix}{base + i:05d}"
            story = {"鲁荣渔58003": "breach", "鲁青渔20002": "away", "鲁烟渔30002": "gap"}.get(name, "home")
            vessels.append(
                GeneratedVessel(
                    name=name,
                    region_code=port.region_code,
                    home=port,
                    terminal=f"DEMO-{base + i}",
                    gear="拖网" if story == "breach" else gears[(base // 10000 + i) % len(gears)],
                    power_kw=120 + 20 * i,
                    story=story,
                    lay_up=port_by_name["石岛"] if story == "away" else port,
                )
            )
    return vessels


def _offset(lat: float, lon: float, km_north: float, km_east: float) -> tuple[float, float]:
    return lat + km_north / 111.2, lon + km_east / (111.2 * math.cos(math.radians(lat)))


def positions(vessels: list[GeneratedVessel], *, seed: int = 7) -> pl.DataFrame:
    """Every vessel every 10 minutes from 4月30日 00:00 to 5月2日 12:00 Beijing time."""
    rng = random.Random(seed)
    rows: list[tuple[object, ...]] = []
    for vessel in vessels:
        ground = _offset(vessel.home.lat, vessel.home.lon, rng.uniform(-45, -25), rng.uniform(25, 45))
        back = CLOSURE - timedelta(hours=rng.uniform(14, 20)) if vessel.story != "breach" else END - timedelta(hours=6)
        silent = (START + timedelta(hours=8), START + timedelta(hours=22)) if vessel.story == "gap" else None
        moored = _offset(vessel.lay_up.lat, vessel.lay_up.lon, rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3))
        time, line = START, 0
        while time <= END:
            line += 1
            if silent and silent[0] <= time < silent[1]:
                time += STEP
                continue
            hours_to_port = (back - time).total_seconds() / 3600
            if hours_to_port > 4:  # trawling on the ground
                phase = (time - START).total_seconds() / 3600
                lat, lon = _offset(ground[0], ground[1], 6 * math.sin(phase / 3), 6 * math.cos(phase / 5))
                speed = round(rng.uniform(2.5, 4.5), 1)
            elif hours_to_port > 0:  # steaming in
                share = 1 - hours_to_port / 4
                lat = ground[0] + (moored[0] - ground[0]) * share
                lon = ground[1] + (moored[1] - ground[1]) * share
                speed = 9.5
            else:  # at the anchorage
                lat, lon = moored[0] + rng.uniform(-0.0005, 0.0005), moored[1] + rng.uniform(-0.0005, 0.0005)
                speed = 0.0
            rows.append(
                (vessel.terminal, time, round(lat, 5), round(lon, 5), speed, 90.0, vessel.gear, "generated", line)
            )
            time += STEP
    # a foreign MMSI crossing the waters on 5月1日
    crossing_start = CLOSURE + timedelta(hours=2)
    for i in range(36):
        lat, lon = _offset(36.2, 121.6, 2.0 * i, 1.5 * i)
        rows.append(
            (
                "440000001",
                crossing_start + i * STEP,
                round(lat, 5),
                round(lon, 5),
                11.0,
                30.0,
                None,
                "generated",
                10_000 + i,
            )
        )
    return pl.DataFrame(rows, schema=POSITION_SCHEMA, orient="row").sort("vessel", "time")
