"""Position files into the platform: read, clean, store as Parquet, detect events, record alerts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction

from blueledger.fisheries import services
from blueledger.fisheries.models import Vessel
from blueledger.fisheries.storage import positions_root
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.events import VESSEL_SCHEMA, detect, events_as_dicts
from blueledger.fisheries.tracks.positions import ReadResult, rejected_summary
from blueledger.fisheries.tracks.readers import read_file
from blueledger.fisheries.tracks.rules import load_rules
from blueledger.fisheries.tracks.store import positions_write
from blueledger.orgs.models import Region


@dataclass(frozen=True, slots=True)
class IngestResult:
    positions: int
    stored: int
    rejected: int
    rejected_by_reason: dict[str, int]
    events: int
    alerts_created: int
    alerts_existing: int


def registry_frame() -> pl.DataFrame:
    """The registry as the engine reads it: one row per track id (MMSI and 北斗 terminal)."""
    rows = []
    for vessel in Vessel.objects.all():
        for key in vessel.track_ids:
            rows.append((key, vessel.name, vessel.gear, vessel.name[:1], vessel.home_port_code or None))
    return pl.DataFrame(rows, schema=VESSEL_SCHEMA, orient="row")


def ingest_frame(*, actor: Any, positions: pl.DataFrame, region: Region, rules: str = "moratorium-2023",
                 rejected: pl.DataFrame | None = None) -> IngestResult:
    cleaned = clean(positions)
    written = positions_write(cleaned.positions, positions_root())
    try:
        with transaction.atomic():
            detection = detect(
                cleaned.positions,
                anchorages=load_anchorages(),
                rules=load_rules(rules),
                clashes=cleaned.clashes,
                vessels=registry_frame(),
            )
            created, existing = services.alerts_record(
                actor=actor, region=region, events=events_as_dicts(detection.events)
            )
    # Whatever stops the ingest here (a refusal, a job's time budget) takes back the batch's Parquet files, as
    # the alerts' transaction is rolled back: nothing is half-written.
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    all_rejected = cleaned.rejected if rejected is None else rejected.vstack(cleaned.rejected)
    return IngestResult(
        positions=positions.height,
        stored=cleaned.positions.height,
        rejected=all_rejected.height,
        rejected_by_reason=rejected_summary(all_rejected),
        events=detection.events.height,
        alerts_created=created,
        alerts_existing=existing,
    )


def ingest_files(*, actor: Any, paths: list[Path], region: Region, year: int | None = None,
                 rules: str = "moratorium-2023", names: list[str] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> IngestResult:
    """Reads the files (named `names` in the results when given), then stores and detects them as one batch.
    `progress(files read, files)` is called after each file (a background job shows it)."""
    results = []
    for number, path in enumerate(paths):
        results.append(read_file(path, year=year, source=names[number] if names else None))
        if progress is not None:
            progress(number + 1, len(paths))
    read = ReadResult.combine(results)
    return ingest_frame(actor=actor, positions=read.positions, region=region, rules=rules, rejected=read.rejected)
