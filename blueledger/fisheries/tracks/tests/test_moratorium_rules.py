"""Moratorium rules as data: latitude bands, 12时 starts and ends, Shandong's 定置 dates, the 9月1日–9月16日 rule
south of 35°N for Shandong vessels, permits as exceptions, 依港管船 and foreign MMSIs in the bureau's waters."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import polars as pl

from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.events import PERMIT_SCHEMA, VESSEL_SCHEMA, detect
from blueledger.fisheries.tracks.positions import POSITION_SCHEMA
from blueledger.fisheries.tracks.rules import load_rules

RULES = load_rules("moratorium-2023")
SHIDAO = (36.8913, 122.4235)  # a GFW anchorage point (label WEIHAI)
AT_SEA_NORTH = (37.5, 123.0)
AT_SEA_SOUTH = (33.0, 122.5)


def _track(
    vessel: str, start: datetime, hours: int, where: tuple[float, float], speed: float, gear: str | None
) -> list[tuple[object, ...]]:
    return [
        (vessel, start + timedelta(minutes=30 * i), where[0], where[1] + 0.0001 * i, speed, None, gear, "t", i)
        for i in range(hours * 2)
    ]


def _positions(*tracks: list[tuple[object, ...]]) -> pl.DataFrame:
    rows = [row for track in tracks for row in track]
    return pl.DataFrame(rows, schema=POSITION_SCHEMA, orient="row").sort("vessel", "time")


def _events(positions: pl.DataFrame, **kwargs: object) -> pl.DataFrame:
    return detect(positions, anchorages=load_anchorages(), rules=RULES, **kwargs).events  # type: ignore[arg-type]


def _breaches(events: pl.DataFrame) -> list[tuple[str, str]]:
    return events.filter(pl.col("kind") == "moratorium_breach").select("vessel", "rule").rows()


def bj(month: int, day: int, hour: int) -> datetime:
    return datetime(2023, month, day, hour, tzinfo=UTC) - timedelta(hours=8)


def test_closure_starts_and_ends_at_noon_beijing_time() -> None:
    before = _track("A", bj(5, 1, 6), 5, AT_SEA_NORTH, 4.0, "拖网")  # 06:00–11:00 and no more
    after_end = _track("B", bj(9, 1, 12), 4, AT_SEA_NORTH, 4.0, "拖网")
    inside = _track("C", bj(5, 1, 12), 2, AT_SEA_NORTH, 4.0, "拖网")
    events = _events(_positions(before, after_end, inside))
    assert _breaches(events) == [("C", "north-of-35N")]
    breach = events.filter(pl.col("kind") == "moratorium_breach").row(0, named=True)
    assert breach["start"] == bj(5, 1, 12)
    detail = json.loads(breach["detail"])
    assert detail["moving_min_speed_knots"] == 1.0 and detail["rules"] == "moratorium-2023"


def test_only_jig_gear_is_exempt_and_unknown_gear_is_not_judged() -> None:
    events = _events(
        _positions(
            _track("J", bj(6, 1, 0), 3, AT_SEA_NORTH, 4.0, "钓具"),
            _track("G", bj(6, 1, 0), 3, AT_SEA_NORTH, 4.0, "刺网"),
            _track("U", bj(6, 1, 0), 3, AT_SEA_NORTH, 4.0, None),
        )
    )
    assert _breaches(events) == [("G", "north-of-35N")]


def test_shandong_fixed_gear_ends_on_august_20_at_noon() -> None:
    vessels = pl.DataFrame(
        [("F", "鲁荣渔00001", "定置", "鲁", None), ("T", "鲁荣渔00002", "拖网", "鲁", None)],
        schema=VESSEL_SCHEMA,
        orient="row",
    )
    events = _events(
        _positions(
            _track("F", bj(8, 20, 8), 2, AT_SEA_NORTH, 2.0, None),
            _track("F", bj(8, 25, 8), 2, AT_SEA_NORTH, 2.0, None),
            _track("T", bj(8, 25, 8), 2, AT_SEA_NORTH, 2.0, None),
        ),
        vessels=vessels,
    )
    found = events.filter(pl.col("kind") == "moratorium_breach").select("vessel", "rule", "end").rows()
    assert [(v, r) for v, r, _ in found] == [("F", "shandong-fixed-gear"), ("T", "north-of-35N")]
    assert found[0][2] < bj(8, 20, 12)


def test_shandong_vessels_may_not_fish_south_of_35n_until_september_16_even_with_a_permit() -> None:
    vessels = pl.DataFrame(
        [("S", "鲁荣渔00003", "刺网", "鲁", None), ("Z", "浙岱渔00001", "刺网", "浙", None)],
        schema=VESSEL_SCHEMA,
        orient="row",
    )
    permits = pl.DataFrame(
        [("S", bj(9, 1, 0), bj(9, 30, 0)), ("Z", bj(9, 1, 0), bj(9, 30, 0))], schema=PERMIT_SCHEMA, orient="row"
    )
    events = _events(
        _positions(_track("S", bj(9, 5, 0), 2, AT_SEA_SOUTH, 3.0, None), _track("Z", bj(9, 5, 0), 2, AT_SEA_SOUTH,
                                                                                  3.0, None)),
        vessels=vessels,
        permits=permits,
    )
    assert _breaches(events) == [("S", "shandong-south-of-35N")]


def test_a_permit_exempts_a_vessel_under_a_rule_that_allows_it() -> None:
    permits = pl.DataFrame([("P", bj(6, 1, 0), bj(6, 2, 0))], schema=PERMIT_SCHEMA, orient="row")
    events = _events(_positions(_track("P", bj(6, 1, 12), 20, AT_SEA_NORTH, 3.0, "刺网")), permits=permits)
    breach = events.filter(pl.col("kind") == "moratorium_breach")
    assert breach.select("start").item() == bj(6, 2, 0)


def test_laid_up_away_from_the_designated_home_port_is_a_home_port_event() -> None:
    vessels = pl.DataFrame(
        [("H", "鲁荣渔00004", "拖网", "鲁", "QINGDAO"), ("K", "鲁荣渔00005", "拖网", "鲁", "WEIHAI")],
        schema=VESSEL_SCHEMA,
        orient="row",
    )
    events = _events(
        _positions(_track("H", bj(6, 1, 0), 6, SHIDAO, 0.0, None), _track("K", bj(6, 1, 0), 6, SHIDAO, 0.0, None)),
        vessels=vessels,
    )
    assert events.filter(pl.col("kind") == "port_visit")["vessel"].to_list() == ["H", "K"]
    home = events.filter(pl.col("kind") == "home_port")
    assert home["vessel"].to_list() == ["H"]
    assert json.loads(home["detail"][0]) == {"port": "WEIHAI", "home_port": "QINGDAO", "rules": "moratorium-2023"}
    assert _breaches(events) == []


def test_a_foreign_mmsi_inside_the_bureaus_waters_is_flagged_once_a_day() -> None:
    events = _events(
        _positions(
            _track("440123456", bj(10, 1, 0), 30, AT_SEA_NORTH, 8.0, None),
            _track("412123456", bj(10, 1, 0), 3, AT_SEA_NORTH, 8.0, None),
            _track("440999999", bj(10, 1, 0), 3, (30.0, 125.0), 8.0, None),
        )
    )
    foreign = events.filter(pl.col("kind") == "foreign")
    assert foreign.select("vessel", "rule").rows() == [("440123456", "foreign_vessel"), ("440123456", "foreign_vessel")]
    assert json.loads(foreign["detail"][0])["mid"] == "440"
