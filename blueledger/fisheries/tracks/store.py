"""Positions at rest: Parquet files partitioned by Beijing day and vessel bucket,
`<root>/day=YYYY-MM-DD/bucket=NN/<batch>.parquet`. A day's file set is read without touching other days; a
bucket holds every position of its vessels, so a per-vessel computation can run bucket by bucket (on one machine
or on a cluster)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import polars as pl

from blueledger.fisheries.tracks.positions import POSITION_SCHEMA

BUCKETS = 64
TIMEZONE = "Asia/Shanghai"


def vessel_bucket(vessel: pl.Expr, buckets: int = BUCKETS) -> pl.Expr:
    """A stable bucket number of a vessel id (the MMSI or terminal id before any `#k` suffix)."""
    return (vessel.str.split("#").list.first().hash(seed=0) % buckets).cast(pl.Int32)


def positions_write(positions: pl.DataFrame, root: Path, *, buckets: int = BUCKETS) -> list[Path]:
    """Write one batch; returns the files written. Files are written under a temporary name and renamed, so a
    reader never sees half a file."""
    batch = uuid.uuid4().hex
    keyed = positions.with_columns(
        pl.col("time").dt.convert_time_zone(TIMEZONE).dt.date().alias("_day"),
        vessel_bucket(pl.col("vessel"), buckets).alias("_bucket"),
    )
    written: list[Path] = []
    for (day, bucket), part in keyed.group_by("_day", "_bucket", maintain_order=True):
        folder = root / f"day={day}" / f"bucket={int(bucket):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{batch}.parquet"
        temporary = folder / f".{batch}.parquet.tmp"
        part.drop("_day", "_bucket").sort("vessel", "time").write_parquet(temporary)
        temporary.rename(final)
        written.append(final)
    return written


def positions_read(root: Path, *, first_day: date | None = None, last_day: date | None = None,
                   vessels: list[str] | None = None) -> pl.DataFrame:
    """Positions of the days [first_day, last_day] (all days when None), sorted by vessel and time."""
    files = []
    for folder in sorted(root.glob("day=*")):
        day = date.fromisoformat(folder.name.removeprefix("day="))
        if (first_day and day < first_day) or (last_day and day > last_day):
            continue
        files.extend(sorted(folder.glob("bucket=*/*.parquet")))
    if not files:
        return pl.DataFrame(schema=POSITION_SCHEMA)
    frame = pl.scan_parquet(files).select(list(POSITION_SCHEMA))
    if vessels is not None:
        frame = frame.filter(pl.col("vessel").is_in(vessels))
    return frame.unique(["vessel", "time", "lat", "lon"], keep="first").sort("vessel", "time").collect()
