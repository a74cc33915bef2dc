"""`blueledger fisheries detect FILE… [--rules moratorium-2023] [--year Y] [--ports PORTS.geojson] [--format json|text]
[--summary]`:
position files → events, with no database and no Django start-up.

Prints `{"events": [{"kind", "vessel", "start", "end", "lat", "lon", "rule", "detail"}], "rejected": {...}}`;
`rejected` counts the positions set aside by reason and lists them with file and line. `--summary` prints only
counts and timings."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from blueledger.fisheries.tracks.cleaning import clean
from blueledger.fisheries.tracks.events import detect, events_as_dicts
from blueledger.fisheries.tracks.ports import load_port_points, load_port_polygons
from blueledger.fisheries.tracks.positions import REASON_LABELS, rejected_summary
from blueledger.fisheries.tracks.readers import read_files
from blueledger.fisheries.tracks.rules import available_rules, load_rules

EXIT_BAD_INPUT = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blueledger fisheries detect",
        description="从船位文件识别事件 (进港、信号中断、休渔违规、依港管船、外籍船舶、MMSI 冲突), 不需要数据库",
    )
    parser.add_argument("files", type=Path, nargs="+", help="NMEA、北斗 CSV、NOAA CSV 或 GFW JSON 行文件")
    parser.add_argument(
        "--rules", default="moratorium-2023", help=f"规则文件名或路径 (可用: {', '.join(available_rules())})"
    )
    parser.add_argument("--year", type=int, help="北斗 CSV 时间不带年份时所用的年份")
    parser.add_argument("--anchorages", type=Path, help="锚地 CSV (GFW 格式); 默认为随附的中国锚地 (另加 WPI 港口)")
    parser.add_argument("--ports", type=Path, help="本局港区范围 GeoJSON (每个要素一个带 name 的面)")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument("--summary", action="store_true", help="只打印计数和耗时")
    return parser


def run_detect(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        print(f"blueledger fisheries detect: 找不到文件“{'”“'.join(missing)}”。", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        rules = load_rules(args.rules)
    except (OSError, ValueError, KeyError) as error:
        print(f"blueledger fisheries detect: 规则文件“{args.rules}”无法读取: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        port_polygons = load_port_polygons(args.ports) if args.ports else None
    except (OSError, ValueError, KeyError) as error:
        print(f"blueledger fisheries detect: 港区文件“{args.ports}”无法读取: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    began = time.perf_counter()
    read = read_files(list(args.files), year=args.year)
    read_seconds = time.perf_counter() - began
    cleaned = clean(read.positions)
    clean_seconds = time.perf_counter() - began - read_seconds
    detection = detect(
        cleaned.positions,
        anchorages=load_port_points(args.anchorages),
        port_polygons=port_polygons,
        rules=rules,
        clashes=cleaned.clashes,
        years=[args.year] if args.year else None,
    )
    rejected_all = read.rejected.vstack(cleaned.rejected)
    counts = rejected_summary(rejected_all)
    kinds = dict(detection.events.group_by("kind").len().sort("kind").rows())
    if args.summary:
        summary: dict[str, Any] = {
            "positions": read.positions.height,
            "kept": cleaned.positions.height,
            "vessels": cleaned.positions["vessel"].n_unique(),
            "events": kinds,
            "rejected": counts,
            "seconds": {
                "read": round(read_seconds, 3),
                "clean": round(clean_seconds, 3),
                **{k: round(v, 3) for k, v in detection.seconds.items()},
            },
        }
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    events = events_as_dicts(detection.events)
    if args.format == "text":
        for event in events:
            print(f"{event['kind']}\t{event['vessel']}\t{event['start']}\t{event['end']}\t"
                  f"{event['lat']:.5f},{event['lon']:.5f}\t{event['rule']}")
        for reason, n in counts.items():
            print(f"已剔除 {REASON_LABELS.get(reason, reason)} ({reason}): {n}", file=sys.stderr)
        return 0
    rejected: dict[str, Any] = {
        "counts": counts,
        "rows": [
            {"file": s, "line": line, "reason": reason, "detail": detail}
            for s, line, reason, detail in rejected_all.sort("source", "line").iter_rows()
        ],
    }
    print(json.dumps({"events": events, "rejected": rejected}, ensure_ascii=False, indent=1))
    return 0
