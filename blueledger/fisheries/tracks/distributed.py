"""The same engine on a cluster: positions split by vessel bucket (tracks.store.vessel_bucket), each bucket cleaned
and detected on a dask.distributed worker, the events gathered. Every event but encounters depends on one
vessel's positions only (a split track `<id>#2` shares its MMSI's bucket); encounters pair vessels of any bucket,
so they are found afterwards on the slow positions the buckets hand back (a small share). The result equals the
single-machine one."""

from __future__ import annotations

from typing import Any

import polars as pl

from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.encounters import EncounterThresholds, encounters
from blueledger.fisheries.tracks.events import EVENT_KINDS, EVENT_SCHEMA, detect
from blueledger.fisheries.tracks.rules import RuleSet
from blueledger.fisheries.tracks.store import vessel_bucket

SINGLE_VESSEL_KINDS = tuple(k for k in EVENT_KINDS if k != "encounter")


def _bucket_events(
    positions: pl.DataFrame, anchorages: pl.DataFrame, rules: RuleSet, years: list[int] | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The bucket's single-vessel events and its cleaned slow positions (for encounters)."""
    cleaned = clean(positions)
    events = detect(
        cleaned.positions,
        anchorages=anchorages,
        rules=rules,
        clashes=cleaned.clashes,
        years=years,
        kinds=SINGLE_VESSEL_KINDS,
    ).events
    slow = cleaned.positions.filter(pl.col("speed_knots") < EncounterThresholds().max_speed_knots)
    return events, slow


def detect_events(
    positions: pl.DataFrame, *, anchorages: pl.DataFrame, rules: RuleSet, years: list[int] | None = None
) -> pl.DataFrame:
    """Single machine: clean, then detect (the reference the partitioned run must equal)."""
    cleaned = clean(positions)
    return detect(cleaned.positions, anchorages=anchorages, rules=rules, clashes=cleaned.clashes, years=years).events


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
    results: list[tuple[pl.DataFrame, pl.DataFrame]] = client.gather(futures)
    slow = pl.concat([part for _, part in results]).sort("vessel", "time")
    met = encounters(slow, anchorages)
    return pl.concat([pl.DataFrame(schema=EVENT_SCHEMA), *(events for events, _ in results), met]).sort(
        "vessel", "start", "kind"
    )
