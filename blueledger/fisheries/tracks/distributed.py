"""The same engine on a cluster: positions split by vessel bucket (tracks.store.vessel_bucket), each bucket detected
on a dask.distributed worker, the events gathered. Every event depends on one vessel's positions only (a split
track `<id>#2` shares its MMSI's bucket), so the result equals the single-machine one."""

from __future__ import annotations

from typing import Any

import polars as pl

from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.events import EVENT_SCHEMA, detect
from blueledger.fisheries.tracks.rules import RuleSet
from blueledger.fisheries.tracks.store import vessel_bucket


def _bucket_events(
    positions: pl.DataFrame, anchorages: pl.DataFrame, rules: RuleSet, years: list[int] | None
) -> pl.DataFrame:
    cleaned = clean(positions)
    return detect(cleaned.positions, anchorages=anchorages, rules=rules, clashes=cleaned.clashes, years=years).events


def detect_events(positions: pl.DataFrame, *, anchorages: pl.DataFrame, rules: RuleSet,
                  years: list[int] | None = None) -> pl.DataFrame:
    """Single machine: clean, then detect (the reference the partitioned run must equal)."""
    return _bucket_events(positions, anchorages, rules, years)


def detect_partitioned(
    client: Any,
    positions: pl.DataFrame,
    *,
    anchorages: pl.DataFrame,
    rules: RuleSet,
    buckets: int = 16,
    years: list[int] | None = None,
) -> pl.DataFrame:
    """Clean and detect bucket by bucket on the cluster of `client` (a dask.distributed Client)."""
    years = years or sorted(
        positions.select(pl.col("time").dt.convert_time_zone(rules.timezone).dt.year().unique()).to_series().to_list()
    )
    keyed = positions.with_columns(vessel_bucket(pl.col("vessel"), buckets).alias("_bucket"))
    parts = [part.drop("_bucket") for _, part in keyed.group_by("_bucket") if part.height]
    shared_anchorages = client.scatter(anchorages, broadcast=True)
    futures = [client.submit(_bucket_events, part, shared_anchorages, rules, years, pure=False) for part in parts]
    results: list[pl.DataFrame] = client.gather(futures)
    return pl.concat([pl.DataFrame(schema=EVENT_SCHEMA), *results]).sort("vessel", "start", "kind")
