"""Real tracks no one here wrote behave as expected: 鲁烟远渔017 moored at Shidao gives one visit and its MMSI
sharer a flagged track; the DCIC vessels of _selection_index.csv behave as the index says (test-only data)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.cleaning import Cleaned, clean
from blueledger.fisheries.tracks.events import detect
from blueledger.fisheries.tracks.geodesy import haversine_km
from blueledger.fisheries.tracks.positions import rejected_summary
from blueledger.fisheries.tracks.readers import read_file, read_files
from blueledger.fisheries.tracks.rules import load_rules
from blueledger.fisheries.tracks.tests.realdata import real

SHIDAO = (36.897, 122.428)
CLOSURE_END_35N_2019 = datetime(2019, 9, 16, 4, 0, tzinfo=UTC)  # 9月16日12时 Beijing time


@pytest.fixture(scope="module")
def anchorages() -> pl.DataFrame:
    return load_anchorages()


@pytest.fixture(scope="module")
def dcic() -> tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame]:
    folder = real("tracks/dcic2020_smart_ocean_round2")
    index = {row["file"].removesuffix(".csv"): row for row in csv.DictReader(
        (folder / "_selection_index.csv").open(encoding="utf-8")
    )}
    paths = [folder / f"{vessel}.csv" for vessel in index]
    result = read_files(paths, year=2019)
    cleaned = clean(result.positions)
    events = detect(
        cleaned.positions, anchorages=load_anchorages(), rules=load_rules("moratorium-2023"), clashes=cleaned.clashes
    ).events
    return index, cleaned, events


def _selected(index: dict[str, dict[str, str]], reason: str) -> list[str]:
    return sorted(v for v, row in index.items() if row["selected_as"] == reason)


def test_luyanyuanyu_017_one_visit_at_shidao_and_a_flagged_sharer(anchorages: pl.DataFrame) -> None:
    cleaned = clean(read_file(real("tracks/gfw_gpsdio_segment/regr_412331088.json")).positions)
    events = detect(
        cleaned.positions, anchorages=anchorages, rules=load_rules("moratorium-2023"), clashes=cleaned.clashes
    ).events
    visits = events.filter(pl.col("kind") == "port_visit")
    assert visits["vessel"].to_list() == ["412331088"]
    distance = visits.select(
        haversine_km(pl.lit(SHIDAO[0]), pl.lit(SHIDAO[1]), pl.col("lat"), pl.col("lon"))
    ).item()
    assert distance < 1.0
    assert json.loads(visits["detail"][0])["port"] == "WEIHAI"  # GFW labels the Shidao anchorages WEIHAI
    clashes = events.filter(pl.col("kind") == "identity_clash")
    assert clashes["vessel"].to_list() == ["412331088#2"]
    assert json.loads(clashes["detail"][0])["mmsi"] == "412331088"


Dcic = tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame]


def test_dcic_port_visit_candidates_each_have_a_visit(dcic: Dcic) -> None:
    index, _, events = dcic
    visited = set(events.filter(pl.col("kind") == "port_visit")["vessel"].to_list())
    candidates = _selected(index, "port_visit_candidate")
    assert len(candidates) == 18
    # 26820's "stationary run" is 200 km out at sea (26.30°N 122.95°E; the nearest anchorage, WENZHOU, is 197 km
    # away): stopped, but not in port, so no visit — the index picked it by speed alone.
    assert [v for v in candidates if v not in visited] == ["26820"]


def test_dcic_long_gaps_are_gap_events(dcic: tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame]) -> None:
    index, _, events = dcic
    gaps = events.filter(pl.col("kind") == "gap")
    longest = dict(
        gaps.with_columns(pl.col("detail").str.json_path_match("$.hours").cast(pl.Float64).alias("hours"))
        .group_by("vessel")
        .agg(pl.col("hours").max())
        .rows()
    )
    for vessel in _selected(index, "gap_gt_12h"):
        assert longest[vessel] == pytest.approx(float(index[vessel]["max_gap_h"]), abs=0.01)
    # other gaps open where junk was set aside (21716: 610 fixes at 0/0) or on a split track (21859#2)
    others = {v for v in gaps["vessel"].to_list() if index.get(v, {}).get("selected_as") != "gap_gt_12h"}
    assert others == {"21716", "21859#2"}


def test_dcic_vessels_at_sea_between_35n_and_26_5n_before_0916_breach(
    dcic: tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame],
) -> None:
    index, _, events = dcic
    breaches = events.filter((pl.col("kind") == "moratorium_breach") & (pl.col("rule") == "35N-26.5N"))
    breached = set(breaches["vessel"].to_list())
    at_sea = _selected(index, "at_sea_26.5N-35N_before_0916") + _selected(index, "trawl_at_sea_26.5N-35N_before_0916")
    assert len(at_sea) == 16
    assert [v for v in at_sea if v not in breached] == []


def test_dcic_trawlers_straddling_the_0916_noon_end_breach_only_before_it(
    dcic: tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame],
) -> None:
    index, cleaned, events = dcic
    for vessel in _selected(index, "trawl_straddles_0916T12"):
        breaches = events.filter((pl.col("kind") == "moratorium_breach") & (pl.col("vessel") == vessel))
        assert breaches.height >= 1
        assert breaches.select((pl.col("end") < CLOSURE_END_35N_2019).all()).item()
        after = cleaned.positions.filter(
            (pl.col("vessel") == vessel) & (pl.col("time") >= CLOSURE_END_35N_2019) & (pl.col("speed_knots") >= 1)
            & pl.col("lat").is_between(26.5, 35.0)
        )
        assert after.height > 0  # still fishing there after noon, and no breach for it


def test_dcic_junk_is_counted_not_dropped(dcic: tuple[dict[str, dict[str, str]], Cleaned, pl.DataFrame]) -> None:
    index, cleaned, _ = dcic
    by_file = dict(
        cleaned.rejected.filter(pl.col("reason") == "zero_position").group_by("source").len().rows()
    )
    for vessel in _selected(index, "zero_coords_junk"):
        assert by_file[f"{vessel}.csv"] == int(index[vessel]["rows_with_zero_coords"])
    spikes = set(
        cleaned.rejected.filter(pl.col("reason") == "impossible_speed")["source"].str.strip_suffix(".csv").to_list()
    )
    assert set(_selected(index, "speed_outlier")) <= spikes
    assert set(rejected_summary(cleaned.rejected)) <= {"zero_position", "impossible_speed", "impossible_jump"}


def test_dcic_files_stay_out_of_the_package() -> None:
    package = Path(__file__).resolve().parents[2]
    assert not [p for p in package.rglob("*.csv") if "dcic" in p.name.lower() or p.stem.isdigit()]


def test_dcic_north_of_35n_is_open_after_september_1_noon(dcic: Dcic) -> None:
    index, cleaned, events = dcic
    north = _selected(index, "north_of_34N")
    assert len(north) == 8
    at_sea_north = cleaned.positions.filter(
        pl.col("vessel").is_in(north) & (pl.col("lat") >= 35.0) & (pl.col("speed_knots") >= 1)
    )
    assert at_sea_north.height > 0  # they do fish north of 35°N in September and October 2019 …
    assert events.filter(pl.col("rule") == "north-of-35N").is_empty()  # … after that closure ended
