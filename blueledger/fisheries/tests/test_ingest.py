"""`blueledger fisheries ingest`: positions into partitioned Parquet under BLUELEDGER_DATA_DIR, events into
alerts for registered vessels (their region) and others (the bureau's), once per vessel, rule and day."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management import call_command

from blueledger.fisheries.models import Alert
from blueledger.fisheries.tests.factories import make_vessel

HEADER = "渔船ID,lat,lon,速度,方向,time,type\n"


def test_ingest_stores_positions_and_records_alerts_once(
    shandong: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "var"
    vessel = make_vessel(shandong["qingdao"], beidou_terminal="BD7001", mmsi="", gear="拖网")
    rows = [
        f"BD7001,37.5,{123.0 + i * 0.01:.3f},4.0,90,0601 {8 + i // 6:02d}:{i % 6 * 10:02d}:00,拖网\n" for i in range(12)
    ]
    rows.append("BD7001,0,0,0,0,0601 20:00:00,拖网\n")
    path = tmp_path / "beidou.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    out = io.StringIO()
    call_command("fisheries", "ingest", str(path), "--year", "2026", stdout=out)
    assert out.getvalue().strip() == ("读入 13 个船位, 入库 12, 剔除 1 (zero_position 1); 事件 1, 新预警 1, 重复 0")
    files = sorted((tmp_path / "var" / "fisheries" / "positions").rglob("*.parquet"))
    assert [p.parent.parent.name for p in files] == ["day=2026-06-01"]
    alert = Alert.objects.get()
    assert (alert.vessel, alert.rule, str(alert.day), alert.region.code) == (
        vessel,
        "north-of-35N",
        "2026-06-01",
        "370200",
    )
    call_command("fisheries", "ingest", str(path), "--year", "2026", stdout=io.StringIO())
    assert Alert.objects.count() == 1
