"""Suspected disabling, by GFW's published rule (domain-facts §10) with its thresholds from the rules file: a gap of
12 h or more, beginning more than 50 nm from shore, after at least 20 positions in the 12 h before it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.events import detect
from blueledger.fisheries.tracks.positions import TIME
from blueledger.fisheries.tracks.readers import read_files
from blueledger.fisheries.tracks.rules import load_rules
from blueledger.fisheries.tracks.shore import default_shore, shore_distance_km
from blueledger.fisheries.tracks.tests.realdata import real

START = datetime(2025, 10, 1, tzinfo=UTC)
OFFSHORE = (27.1, 125.6)  # East China Sea, 73 nm from the nearest Natural Earth land (drifting north: 76 nm)
NEAR_SHORE = (35.95, 120.45)  # off Qingdao
SOUTH_ATLANTIC = (-51.0, -67.0)  # outside the shore data


def _track(vessel: str, where: tuple[float, float], before: int, *, minutes: int = 10) -> list[dict[str, object]]:
    """`before` positions `minutes` apart, drifting slowly, then silence for 14 h and one more position."""
    rows: list[dict[str, object]] = []
    for k in range(before):
        rows.append({"vessel": vessel, "time": START + timedelta(minutes=minutes * k),
                     "lat": where[0] + k * 1e-3, "lon": where[1], "speed_knots": 3.0, "gear": "拖网"})
    last = rows[-1]
    rows.append({**last, "time": last["time"] + timedelta(hours=14)})  # type: ignore[operator]
    return rows


def _gaps(rows: list[dict[str, object]]) -> list[dict[str, Any]]:
    positions = pl.DataFrame(rows).with_columns(pl.col("time").cast(TIME)).sort("vessel", "time")
    events = detect(positions, anchorages=load_anchorages(), rules=load_rules("moratorium-2023"), kinds=("gap",)).events
    return [{**row, **json.loads(row["detail"])} for row in events.sort("vessel").iter_rows(named=True)]


def _pick(gaps: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(gap[k] for k in keys) for gap in gaps]


def test_shore_distance_from_natural_earth() -> None:
    lat, lon = (np.array(v) for v in zip(OFFSHORE, NEAR_SHORE, SOUTH_ATLANTIC, strict=True))
    km = shore_distance_km(default_shore(), lat, lon)
    assert [round(x, 1) for x in km[:2]] == [135.7, 12.6]
    assert km[2] != km[2]  # NaN: the data cannot say


def test_gap_far_from_shore_after_good_reception_is_suspected_disabling() -> None:
    gaps = _gaps([
        *_track("A-offshore", OFFSHORE, 72),
        *_track("B-near-shore", NEAR_SHORE, 72),
        *_track("C-poor-reception", OFFSHORE, 10, minutes=60),
        *_track("D-no-shore-data", SOUTH_ATLANTIC, 72),
    ])
    assert _pick(gaps, "vessel", "rule", "suspected_disabling", "positions_before", "shore_distance_nm") == [
        ("A-offshore", "suspected_disabling", True, 72, 75.9),
        ("B-near-shore", "gap", False, 72, 2.8),
        ("C-poor-reception", "gap", False, 10, 73.6),
        ("D-no-shore-data", "gap", None, 72, None),
    ]
    # The thresholds come from the rules file and are shown on every gap.
    assert gaps[0]["suspected_disabling_rule"] == {
        "gap_min_hours": 12.0, "shore_distance_min_nm": 50.0, "positions_before_min": 20, "positions_before_hours": 12.0
    }


def test_positions_before_count_only_the_window_and_the_vessel() -> None:
    # 100 positions 10 min apart: only the 73 within 12 h of the last one (inclusive) count.
    gaps = _gaps(_track("A", OFFSHORE, 100))
    assert _pick(gaps, "positions_before") == [(73,)]


def test_rules_without_the_block_give_plain_gaps(tmp_path: Path) -> None:
    data = json.loads((Path(load_rules.__code__.co_filename).parent / "rules" / "moratorium-2023.json").read_text())
    del data["suspected_disabling"]
    path = tmp_path / "no-disabling.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    positions = pl.DataFrame(_track("A", OFFSHORE, 72)).with_columns(pl.col("time").cast(TIME))
    events = detect(positions, anchorages=load_anchorages(), rules=load_rules(str(path)), kinds=("gap",)).events
    assert events["rule"].to_list() == ["gap"]
    assert "suspected_disabling" not in json.loads(events["detail"][0])


def test_dcic_gap_vessels_one_suspected_disabling() -> None:
    folder = real("tracks/dcic2020_smart_ocean_round2")
    cleaned = clean(read_files(sorted(folder.glob("[0-9]*.csv")), year=2019).positions)
    events = detect(
        cleaned.positions, anchorages=load_anchorages(), rules=load_rules("moratorium-2023"), kinds=("gap",)
    ).events
    suspected = events.filter(pl.col("rule") == "suspected_disabling")
    # 25544 falls silent for 64 h in the East China Sea, 73 nm out, after 62 positions in 12 h; the other long gaps
    # begin within 32 nm of the coast or in port.
    assert suspected["vessel"].to_list() == ["25544"]
    assert json.loads(suspected["detail"][0])["shore_distance_nm"] == pytest.approx(72.9)
