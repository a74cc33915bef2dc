"""Invalid positions are counted with their line and reason; duplicates go; an MMSI two vessels share is split."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl

from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.positions import POSITION_SCHEMA, rejected_summary
from blueledger.fisheries.tracks.readers import read_file
from blueledger.fisheries.tracks.tests.realdata import real

T0 = datetime(2023, 5, 2, tzinfo=UTC)


def _frame(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(v, t, la, lo, s, None, None, "hand.csv", line) for line, (v, t, la, lo, s) in enumerate(rows, start=2)],
        schema=POSITION_SCHEMA,
        orient="row",
    )


def test_each_invalid_position_is_set_aside_with_its_line_and_reason() -> None:
    positions = _frame(
        [
            ("1", T0, 36.0, 122.0, 1.0),
            ("1", T0 + timedelta(minutes=10), 91.0, 181.0, 1.0),
            ("1", T0 + timedelta(minutes=20), 0.0, 0.0, 0.0),
            ("1", None, 36.0, 122.0, 1.0),
            ("1", T0 + timedelta(minutes=30), 36.001, 122.0, 94.4),
            ("1", T0 + timedelta(minutes=40), 95.0, 122.0, 1.0),
            ("1", T0, 36.0, 122.0, 1.0),
            ("1", T0 + timedelta(minutes=50), 36.002, 122.0, 102.3),
        ]
    )
    cleaned = clean(positions)
    assert sorted(cleaned.rejected.select("line", "reason").rows()) == [
        (3, "not_available"),
        (4, "zero_position"),
        (5, "no_time"),
        (6, "impossible_speed"),
        (7, "out_of_range"),
        (8, "duplicate"),
    ]
    assert cleaned.positions.select("line", "speed_knots").rows() == [(2, 1.0), (9, None)]


def test_a_shared_mmsi_becomes_two_tracks_and_a_clash() -> None:
    rows: list[tuple[object, ...]] = []
    for i in range(40):
        rows.append(("412000001", T0 + timedelta(minutes=20 * i), 36.9, 122.4, 0.0))
        rows.append(("412000001", T0 + timedelta(minutes=20 * i + 10), -51.0 + i * 0.01, -67.0, 9.0))
    cleaned = clean(_frame(rows))
    assert cleaned.positions.group_by("vessel").len().sort("vessel").rows() == [("412000001", 40), ("412000001#2", 40)]
    assert cleaned.positions.filter(pl.col("vessel") == "412000001")["lat"].unique().to_list() == [36.9]
    assert cleaned.clashes.select("vessel", "track", "positions").rows() == [("412000001", "412000001#2", 40)]
    assert cleaned.rejected.is_empty()


def test_a_terminal_that_froze_and_jumped_once_stays_one_track() -> None:
    rows: list[tuple[object, ...]] = [
        ("20001", T0 + timedelta(minutes=10 * i), 25.639, 120.342, 3.0) for i in range(20)
    ]
    rows += [("20001", T0 + timedelta(minutes=200 + 10 * i), 25.5 + i * 0.001, 120.39, 4.0) for i in range(20)]
    cleaned = clean(_frame(rows))
    assert cleaned.positions["vessel"].unique().to_list() == ["20001"]
    assert cleaned.positions.height == 40
    assert cleaned.clashes.is_empty()


def test_luyanyuanyu_017_keeps_its_mmsi_at_shidao_and_the_sharer_is_flagged() -> None:
    result = read_file(real("tracks/gfw_gpsdio_segment/regr_412331088.json"))
    cleaned = clean(result.positions)
    tracks = dict(cleaned.positions.group_by("vessel").len().rows())
    assert set(tracks) == {"412331088", "412331088#2"}
    home = cleaned.positions.filter(pl.col("vessel") == "412331088")
    assert home.select(pl.col("lat").is_between(36.8, 37.0).all()).item()
    sharer = cleaned.positions.filter(pl.col("vessel") == "412331088#2")
    assert sharer.select((pl.col("lat") < -40).all()).item()
    assert cleaned.clashes.select("vessel", "track").rows() == [("412331088", "412331088#2")]
    assert rejected_summary(cleaned.rejected) == {"duplicate": 266}


def test_lat_91_lon_181_of_xin_ming_fu_7_are_counted() -> None:
    cleaned = clean(read_file(real("tracks/gfw_gpsdio_segment/regr_413503050.json")).positions)
    assert rejected_summary(cleaned.rejected) == {"not_available": 270}
    assert cleaned.positions.height == 27


def test_dcic_zero_coordinates_and_speed_spikes_are_set_aside() -> None:
    base = "tracks/dcic2020_smart_ocean_round2/"
    zero = clean(read_file(real(base + "21716.csv"), year=2019).positions)
    assert rejected_summary(zero.rejected) == {"zero_position": 610}
    spikes = clean(read_file(real(base + "22154.csv"), year=2019).positions)
    assert set(rejected_summary(spikes.rejected)) == {"impossible_speed"}
    assert spikes.positions.select((pl.col("speed_knots") <= 50).all()).item()
