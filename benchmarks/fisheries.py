"""Fisheries track engine at province scale: port visits + gaps + moratorium breaches on 10 million positions, beside
a pandas implementation of the same rules in the same run.

The positions are the 500-vessel DCIC bundle (shared/data/real/tracks/dcic2020_smart_ocean_round2_500vessels.csv.gz,
test-only data: generated here at run time into a temporary directory, never committed), cleaned, then replicated
with shifted vessel ids and times (each copy +37 s) up to --positions. Each implementation runs in its own child
process so its peak memory (ru_maxrss) is its own; the time excludes reading the Parquet input. pandas runs on
--pandas-positions (default 1 million) and is extrapolated linearly when that is smaller than --positions.
Goal: 10M positions in under 3.6 s, at least 20× pandas, under 2 GB. Process CPU time is printed beside the
wall time: on a shared machine the wall time says more about the neighbours than about the engine.

    .venv/bin/python benchmarks/fisheries.py [--positions 10000000] [--pandas-positions 1000000]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from blueledger.lib.shared_material import shared_dir

ROOT = Path(__file__).resolve().parent.parent
SHARED = shared_dir() or ROOT.parent / "shared"
BUNDLE = SHARED / "data" / "real" / "tracks" / "dcic2020_smart_ocean_round2_500vessels.csv.gz"
YEAR = 2019


def build(path: Path, positions: int) -> None:
    import polars as pl

    from blueledger.fisheries.tracks.cleaning import clean
    from blueledger.fisheries.tracks.readers import read_file

    base = clean(read_file(BUNDLE, year=YEAR).positions).positions.select(
        "vessel", "time", "lat", "lon", "speed_knots", "gear"
    )
    copies = math.ceil(positions / base.height)
    frames = [
        base.with_columns(
            (pl.col("vessel") + pl.lit(f"-{k}")).alias("vessel"),
            pl.col("time") + pl.duration(seconds=37 * k),
        )
        for k in range(copies)
    ]
    pl.concat(frames).head(positions).sort("vessel", "time").write_parquet(path)


def run_polars(path: Path) -> dict[str, float]:
    import polars as pl

    from blueledger.fisheries.tracks.anchorages import load_anchorages
    from blueledger.fisheries.tracks.events import detect
    from blueledger.fisheries.tracks.rules import load_rules

    positions = pl.read_parquet(path)
    anchorages = load_anchorages()
    rules = load_rules("moratorium-2023")
    started, cpu = time.perf_counter(), time.process_time()
    detection = detect(
        positions, anchorages=anchorages, rules=rules, years=[YEAR], kinds=("port_visit", "gap", "moratorium_breach")
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    counts = detection.events.group_by("kind").len().rows()
    stages = {f"stage_{k}": v for k, v in detection.seconds.items()}
    return {"seconds": seconds, "cpu_seconds": cpu, "positions": positions.height, **stages,
            **{f"events_{k}": n for k, n in counts}}


def run_pandas(path: Path, limit: int) -> dict[str, float]:
    import numpy as np
    import pandas as pd
    import polars as pl

    from blueledger.fisheries.tracks.anchorages import DEFAULT_ANCHORAGES
    from blueledger.fisheries.tracks.events import GapThresholds, PortThresholds
    from blueledger.fisheries.tracks.rules import load_rules

    source = pl.read_parquet(path).head(limit)
    frame = pd.DataFrame({c: source[c].to_numpy() for c in source.columns})  # times as naive UTC (no pyarrow)
    anchorages = pd.read_csv(DEFAULT_ANCHORAGES, dtype={"s2id": str})
    rules = load_rules("moratorium-2023")
    port, gap = PortThresholds(), GapThresholds()
    started, cpu = time.perf_counter(), time.process_time()

    def haversine(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
        p1, p2 = np.radians(lat1), np.radians(lat2)
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
        return 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))

    within = port.exit_distance_km
    lat_cell = within / 111.2
    lon_cell = within / (111.2 * math.cos(math.radians(min(75.0, anchorages["latitude"].abs().max() + 1))))
    cells = anchorages.assign(
        c_lat=np.floor(anchorages["latitude"] / lat_cell).astype(int),
        c_lon=np.floor(anchorages["longitude"] / lon_cell).astype(int),
    )
    cells = pd.concat(
        [cells.assign(c_lat=cells.c_lat + a, c_lon=cells.c_lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)]
    )
    frame["k_lat"] = np.round(frame["lat"] * 1000).astype(int)
    frame["k_lon"] = np.round(frame["lon"] * 1000).astype(int)
    distinct = frame[["k_lat", "k_lon"]].drop_duplicates()
    distinct["c_lat"] = np.floor(distinct.k_lat / 1000 / lat_cell).astype(int)
    distinct["c_lon"] = np.floor(distinct.k_lon / 1000 / lon_cell).astype(int)
    near = distinct.merge(cells, on=["c_lat", "c_lon"])
    near["km"] = haversine(near.k_lat / 1000, near.k_lon / 1000, near.latitude, near.longitude)
    near = near[near.km <= within]
    near = near.loc[near.groupby(["k_lat", "k_lon"]).km.idxmin(), ["k_lat", "k_lon", "km", "label"]]
    frame = frame.merge(near, on=["k_lat", "k_lon"], how="left").sort_values(["vessel", "time"], kind="stable")
    state = np.where(frame.km <= port.entry_distance_km, 1.0, np.where(frame.km.isna() | (frame.km > within), 0.0,
                                                                        np.nan))
    frame["in_port"] = pd.Series(state, index=frame.index).groupby(frame.vessel).ffill().fillna(0).astype(bool)
    new_vessel = frame.vessel.ne(frame.vessel.shift())
    run = (frame.in_port.ne(frame.in_port.shift()) | new_vessel).cumsum()
    frame["dt_h"] = frame.groupby("vessel").time.diff().dt.total_seconds() / 3600
    in_port = frame[frame.in_port]
    visits = in_port.groupby(run[frame.in_port]).agg(
        vessel=("vessel", "first"), start=("time", "min"), end=("time", "max"), lat=("lat", "mean"),
        lon=("lon", "mean"), stopped=("speed_knots", lambda s: bool((s <= port.stop_speed_knots).any())),
        max_gap=("dt_h", "max"),
    )
    visits = visits[visits.stopped | (visits.max_gap >= port.port_gap_hours)]
    gaps = frame[frame.dt_h >= gap.gap_min_hours]
    moving = (frame.speed_knots >= rules.moving_min_speed_knots) & ~frame.in_port
    rule_id = pd.Series(None, index=frame.index, dtype=object)
    for rule in reversed(rules.rules):
        if rule.province:  # no registry in the benchmark: province rules match no vessel (as in the polars run)
            continue
        start, end = (pd.Timestamp(t).tz_convert(None) for t in rule.window(YEAR, rules.timezone))
        selector = frame.lat.between(rule.lat_min, rule.lat_max, inclusive="left") & frame.lon.between(
            rule.lon_min, rule.lon_max
        )
        selector &= frame.gear.notna() & ~frame.gear.isin(rule.gear_exempt)
        applies = selector & (frame.time >= start) & (frame.time < end) & moving
        rule_id = rule_id.mask(applies, rule.id)
    breach = frame[rule_id.notna()].assign(rule=rule_id[rule_id.notna()])
    split = pd.Timedelta(hours=rules.breach_split_hours)
    brk = (breach.vessel.ne(breach.vessel.shift()) | breach.rule.ne(breach.rule.shift())
           | (breach.time.diff() > split)).cumsum()
    breaches = breach.groupby(brk).agg(vessel=("vessel", "first"), start=("time", "min"), end=("time", "max"),
                                       lat=("lat", "first"), lon=("lon", "first"), n=("time", "size"))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "positions": len(frame), "events_port_visit": len(visits),
            "events_gap": len(gaps), "events_moratorium_breach": len(breaches)}


def child(kind: str, path: Path, limit: int) -> None:
    result = run_polars(path) if kind == "polars" else run_pandas(path, limit)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def _peak_mb() -> float:
    """This process's resident-set high-water mark (VmHWM: reset at exec, unlike ru_maxrss, which a child
    inherits from the parent that built the data)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=10_000_000)
    parser.add_argument("--pandas-positions", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["polars", "pandas"])
    parser.add_argument("--input", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.input, args.pandas_positions)
        return
    if not BUNDLE.exists():
        print(f"fisheries benchmark skipped: DCIC bundle not found at {BUNDLE} (set BLUELEDGER_SHARED_DIR)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "positions.parquet"
        began = time.perf_counter()
        build(path, args.positions)
        print(f"built {args.positions:,} positions in {time.perf_counter() - began:.1f} s (not timed below)")
        results = {}
        for kind in ("polars", "pandas"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", kind, "--input", str(path),
                 "--pandas-positions", str(args.pandas_positions)],
                capture_output=True, text=True, cwd=ROOT,
            )
            if out.returncode:
                sys.exit(f"{kind} run failed:\n{out.stderr}")
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    polars_r, pandas_r = results["polars"], results["pandas"]
    scale = polars_r["positions"] / pandas_r["positions"]
    pandas_full = pandas_r["seconds"] * scale
    for kind, r in results.items():
        rate = r["positions"] / r["seconds"]
        print(f"{kind:<7} {r['positions']:>12,} positions  {r['seconds']:7.2f} s (CPU {r['cpu_seconds']:.2f} s)  "
              f"{rate:>12,.0f} positions/s  "
              f"peak {r['peak_mb']:,.0f} MB  events: port_visit {r.get('events_port_visit', 0):,}, "
              f"gap {r.get('events_gap', 0):,}, moratorium_breach {r.get('events_moratorium_breach', 0):,}")
    stages = ", ".join(f"{k[6:]} {v:.2f} s" for k, v in polars_r.items() if k.startswith("stage_"))
    print(f"polars stages: {stages}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if scale != 1:
        print(f"pandas extrapolated to {polars_r['positions']:,} positions: {pandas_full:.1f} s (linear, ×{scale:.1f})")
    cpu_full = pandas_r["cpu_seconds"] * scale
    ratio = cpu_full / polars_r["cpu_seconds"]
    print(f"CPU time: polars {polars_r['cpu_seconds']:.2f} s, pandas {cpu_full:.1f} s → {ratio:.1f}×")
    print(f"speed-up polars vs pandas: {pandas_full / polars_r['seconds']:.1f}×  "
          f"(goal: < 3.6 s, ≥ 20×, < 2,048 MB → polars {polars_r['seconds']:.2f} s, {polars_r['peak_mb']:,.0f} MB)")


if __name__ == "__main__":
    main()
