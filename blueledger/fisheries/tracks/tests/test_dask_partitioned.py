"""Partitioned by vessel bucket on a dask.distributed LocalCluster, the engine gives exactly the single-machine
events: the generated demo fleet (always here) and the 58 DCIC vessels plus 鲁烟远渔017 when shared/ is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polars as pl
import pytest

from blueledger.fisheries.generate import fleet, ports, positions
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.distributed import detect_events, detect_partitioned
from blueledger.fisheries.tracks.readers import read_files
from blueledger.fisheries.tracks.rules import load_rules
from blueledger.fisheries.tracks.tests.realdata import REAL

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as dask_client:
            yield dask_client


def _fleet_positions() -> pl.DataFrame:
    return positions(fleet(ports(load_anchorages())))


def test_partitioned_equals_single_machine_on_the_generated_fleet(client: Any) -> None:
    frame, anchorages, rules = _fleet_positions(), load_anchorages(), load_rules("moratorium-2023")
    single = detect_events(frame, anchorages=anchorages, rules=rules)
    spread = detect_partitioned(client, frame, anchorages=anchorages, rules=rules, buckets=7)
    assert single.height == 23  # 20 port visits, a breach, a gap, a foreign MMSI (no registry: no 依港管船)
    assert spread.equals(single)


def test_partitioned_equals_single_machine_on_real_tracks(client: Any) -> None:
    folder = REAL / "tracks" / "dcic2020_smart_ocean_round2"
    if not folder.is_dir():
        pytest.skip("shared real data not found")
    files = sorted(folder.glob("[0-9]*.csv"))
    read = read_files(files, year=2019)
    gfw = read_files([REAL / "tracks" / "gfw_gpsdio_segment" / "regr_412331088.json"])
    frame = pl.concat([read.positions, gfw.positions])
    anchorages, rules = load_anchorages(), load_rules("moratorium-2023")
    single = detect_events(frame, anchorages=anchorages, rules=rules)
    spread = detect_partitioned(client, frame, anchorages=anchorages, rules=rules, buckets=5)
    assert single.height > 100
    assert spread.equals(single)
