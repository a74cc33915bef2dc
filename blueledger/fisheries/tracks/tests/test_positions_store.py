"""Positions at rest: partitioned by Beijing day and vessel bucket; read back equal, by day range."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl

from blueledger.fisheries.tracks.positions import POSITION_SCHEMA
from blueledger.fisheries.tracks.store import positions_read, positions_write


def test_write_partitions_by_beijing_day_and_bucket_and_reads_back(tmp_path: Path) -> None:
    start = datetime(2026, 5, 31, 15, 0, tzinfo=UTC)  # 23:00 Beijing
    rows = [
        (vessel, start + timedelta(minutes=30 * i), 37.0, 122.0 + i * 0.01, 3.0, 90.0, "拖网", "f", i)
        for vessel in ("412000001", "412000002", "412000001#2")
        for i in range(6)
    ]
    frame = pl.DataFrame(rows, schema=POSITION_SCHEMA, orient="row").sort("vessel", "time")
    written = positions_write(frame, tmp_path, buckets=4)
    days = sorted({p.parent.parent.name for p in written})
    assert days == ["day=2026-05-31", "day=2026-06-01"]
    assert all(not p.name.startswith(".") for p in tmp_path.rglob("*.parquet"))
    # a vessel and its split track share a bucket
    buckets = {p.parent.name for p in written if "412000001" in pl.read_parquet(p)["vessel"].to_list()[0]}
    assert len(buckets) == 1
    assert positions_read(tmp_path).equals(frame)
    june = positions_read(tmp_path, first_day=date(2026, 6, 1))
    assert june.height == 3 * 4
    positions_write(frame, tmp_path, buckets=4)  # the same batch again: read back without duplicates
    assert positions_read(tmp_path).height == frame.height
