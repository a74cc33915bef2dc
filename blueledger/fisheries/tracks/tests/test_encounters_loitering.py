"""Encounters (two slow vessels within 500 m for 2 h, away from anchorages) and loitering (slow for 4 h, 20 nm
from shore), with their thresholds in the detail."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import polars as pl

from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.encounters import encounters, loitering
from blueledger.fisheries.tracks.positions import POSITION_SCHEMA

T0 = datetime(2026, 10, 1, tzinfo=UTC)
OPEN_SEA = (35.5, 123.5)  # Yellow Sea, far from anchorages and > 20 nm from shore


def _track(
    vessel: str, hours: float, where: tuple[float, float], speed: float, drift: float = 0.0
) -> list[tuple[object, ...]]:
    return [
        (vessel, T0 + timedelta(minutes=10 * i), where[0] + drift * i, where[1], speed, None, None, "t", i)
        for i in range(int(hours * 6))
    ]


def _frame(*tracks: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame([r for t in tracks for r in t], schema=POSITION_SCHEMA, orient="row").sort("vessel", "time")


def test_two_slow_vessels_side_by_side_for_three_hours_meet() -> None:
    frame = _frame(
        _track("A", 3, OPEN_SEA, 0.5),
        _track("B", 3, (OPEN_SEA[0] + 0.002, OPEN_SEA[1]), 0.8),  # 220 m apart
        _track("C", 3, (OPEN_SEA[0] + 0.02, OPEN_SEA[1]), 0.5),  # 2.2 km away: no
        _track("D", 1, (OPEN_SEA[0] + 0.001, OPEN_SEA[1]), 0.5),  # close, but one hour only
    )
    found = encounters(frame, load_anchorages())
    assert found.select("kind", "vessel", "start", "end").rows() == [("encounter", "A", T0, T0 + timedelta(hours=3))]
    detail = json.loads(found["detail"][0])
    assert detail["other"] == "B" and detail["max_distance_km"] == 0.5 and detail["min_hours"] == 2.0


def test_a_vessel_drifting_slowly_far_out_loiters_and_one_near_the_coast_does_not() -> None:
    frame = _frame(
        _track("A", 5, OPEN_SEA, 1.0, drift=0.001),
        _track("N", 5, (36.05, 120.6), 1.0),  # off Qingdao, a few nm from shore
        _track("F", 5, OPEN_SEA, 6.0),  # fast: no
    )
    found = loitering(frame)
    assert found["vessel"].to_list() == ["A"]
    detail = json.loads(found["detail"][0])
    assert detail["shore_nm"] > 20 and detail["min_shore_distance_nm"] == 20.0
