"""NMEA fixtures written by gpsd and libais decode to the values their projects recorded beside them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from blueledger.fisheries.tracks.nmea import read_nmea
from blueledger.fisheries.tracks.positions import rejected_summary
from blueledger.fisheries.tracks.tests.realdata import real

POSITION_TYPES = {1, 2, 3, 18, 19, 27}


def _raw(kind: int, lat: float, lon: float, speed: float, course: float) -> tuple[int, int, int, int]:
    """Back to gpsd's unscaled integers: type 27 in 1/10 minute and whole knots, others in 1/10000 minute."""
    if kind == 27:
        return round(lat * 600), round(lon * 600), round(speed), round(course)
    return round(lat * 600000), round(lon * 600000), round(speed * 10), round(course * 10)


def _gpsd_expected(chk: str) -> set[tuple[str, int, int, int, int]]:
    expected = set()
    for line in chk.splitlines():
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("class") == "AIS" and record.get("type") in POSITION_TYPES:
            expected.add(
                (str(record["mmsi"]).zfill(9), record["lat"], record["lon"], record["speed"], record["course"])
            )
    return expected


@pytest.mark.parametrize(
    ("name", "count", "distinct"),
    [
        ("ais-raw-messages.log", 91, 89),
        ("ais-nmea.log", 144, 138),
        ("ais-nmea-type6-fid55.log", 808, 808),
        ("ait250.log", 67, 56),
        ("ais-18-27.log", 138, 108),
    ],
)
def test_gpsd_daemon_logs_decode_to_gpsd_json(name: str, count: int, distinct: int) -> None:
    """gpsd repeats a report's JSON in its check files, so the distinct reports are compared."""
    log = real(f"nmea/gpsd/{name}")
    expected = _gpsd_expected(real(f"nmea/gpsd/{name}.chk").read_text(encoding="utf-8"))
    result = read_nmea(log.read_text(encoding="latin-1"), source=name)
    kinds = result.positions.height
    matched = set()
    for vessel, lat, lon, speed, course in result.positions.select(
        "vessel", "lat", "lon", "speed_knots", "course"
    ).iter_rows():
        candidates = {(vessel, *_raw(kind, lat, lon, speed, course)) for kind in (1, 27)} & expected
        assert candidates, (vessel, lat, lon, speed, course)
        matched |= candidates
    assert kinds == count
    assert len(matched) == distinct
    assert matched == expected


def test_gpsd_invalid_part_three_of_type_24_is_counted_not_dropped() -> None:
    result = read_nmea(real("nmea/gpsd/ais-18-27.log").read_text(encoding="latin-1"), source="ais-18-27.log")
    assert rejected_summary(result.rejected) == {"undecodable": 69}


def test_libais_type_examples_decode_to_libais_json() -> None:
    nmea = real("nmea/libais/typeexamples.nmea").read_text(encoding="latin-1")
    expected = [
        json.loads(line)
        for line in real("nmea/libais/typeexamples.json").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    expected = [e for e in expected if e.get("type") in POSITION_TYPES]
    positions = read_nmea(nmea, source="typeexamples.nmea").positions
    assert positions.height == len(expected) == 5
    for row, record in zip(positions.iter_rows(named=True), expected, strict=True):
        assert row["vessel"] == str(record["mmsi"]).zfill(9)
        assert row["lat"] == pytest.approx(record["lat"], abs=1e-4)
        assert row["lon"] == pytest.approx(record["lon"], abs=1e-4)
        assert row["speed_knots"] == pytest.approx(record["speed"], abs=1e-4)
    # the USCG trailer's unix time (last field) dates each message
    assert positions["time"].null_count() == 0


def test_libais_tag_blocks_give_times_and_group_a_two_part_type_5() -> None:
    result = read_nmea(real("nmea/libais/tagblock.nmea").read_text(encoding="latin-1"), source="tagblock.nmea")
    expected = [
        json.loads(line)
        for line in real("nmea/libais/tagblock.json").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    expected_times = sorted(
        datetime.strptime(e["tagblock_timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        for e in expected
        if e["type"] in POSITION_TYPES
    )
    assert sorted(result.positions["time"].to_list()) == expected_times
    assert [e["shipname"] for e in expected if e["type"] == 5] == [result.vessel_names[str(e["mmsi"]).zfill(9)]
                                                                   for e in expected if e["type"] == 5]
    assert result.rejected.is_empty()


def test_gatehouse_pghp_times_date_the_following_messages() -> None:
    result = read_nmea(real("nmea/dma_aislib/stream_example.txt").read_text(encoding="latin-1"), source="dma")
    assert result.positions.height == 2988
    assert result.positions["time"].null_count() == 0
    times = result.positions["time"].to_list()
    assert min(times) >= datetime(2010, 6, 11, 11, 46, 10, tzinfo=UTC)
    assert max(times) < datetime(2010, 6, 11, 11, 46, 40, tzinfo=UTC)


def test_bad_checksums_truncations_and_broken_groups_are_counted_with_their_lines() -> None:
    errors = read_nmea(real("nmea/gfw_ais_tools/errors.nmea").read_text(encoding="latin-1"), source="errors.nmea")
    assert errors.rejected.select("line", "reason").rows() == [(2, "checksum"), (4, "checksum")]
    spire = read_nmea(real("nmea/gfw_ais_tools/spire-test.nmea").read_text(encoding="latin-1"), source="spire")
    assert spire.rejected.select("line", "reason").rows() == [
        (2, "incomplete_multipart"),
        (2, "incomplete_multipart"),
    ]


def test_type_27_long_range_reports_with_tag_block_times() -> None:
    result = read_nmea(real("nmea/aisdb/test_data_20211101.nm4").read_text(encoding="latin-1"), source="nm4")
    assert result.positions.height == 917
    assert result.positions["time"].null_count() == 0
    assert result.rejected.is_empty()


def test_a_truncated_sentence_and_a_wrong_checksum_in_a_hand_stream() -> None:
    text = (
        "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n"
        "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B\n"
        "!AIVDM,1,1,,A,15RTgt0PAso;90TK\n"
        "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E\n"
    )
    result = read_nmea(text, source="hand")
    assert result.positions.height == 1
    assert result.rejected.select("line", "reason").rows() == [
        (2, "checksum"),
        (3, "malformed"),
        (4, "incomplete_multipart"),
    ]
