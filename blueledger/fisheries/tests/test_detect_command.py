"""`blueledger fisheries detect` runs the engine on files without a database and prints events and rejections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blueledger.cli import main
from blueledger.fisheries.tracks.tests.realdata import real

BEIDOU = "渔船ID,lat,lon,速度,方向,time,type\n"


def _beidou(tmp_path: Path, name: str, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes((BEIDOU + body).encode(encoding))
    return path


def test_detect_prints_events_and_rejections_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"7,37.5,{123.0 + i * 0.01:.3f},4.0,90,0601 {8 + i // 6:02d}:{i % 6 * 10:02d}:00,拖网\n"
                   for i in range(12))
    path = _beidou(tmp_path, "gbk.csv", rows + "7,0,0,0,0,0601 20:00:00,拖网\n7,abc,1,0,0,0601 21:00:00,拖网\n",
                   encoding="gb18030")
    assert main(["fisheries", "detect", str(path), "--year", "2023"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["vessel"], e["rule"], e["start"]) for e in out["events"]] == [
        ("moratorium_breach", "7", "north-of-35N", "2023-06-01T00:00:00Z")
    ]
    assert out["events"][0]["detail"]["positions"] == 12
    assert out["rejected"]["counts"] == {"bad_value": 1, "zero_position": 1}
    assert [(r["file"], r["line"], r["reason"]) for r in out["rejected"]["rows"]] == [
        ("gbk.csv", 14, "zero_position"),
        ("gbk.csv", 15, "bad_value"),
    ]


def test_a_csv_with_missing_columns_is_one_rejection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "short.csv"
    path.write_text("渔船ID,lat,lon,time\n7,37.5,123.0,0601 08:00:00\n", encoding="utf-8")
    assert main(["fisheries", "detect", str(path), "--year", "2023"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["events"] == []
    assert out["rejected"]["rows"] == [
        {"file": "short.csv", "line": 0, "reason": "missing_columns", "detail": "缺少列: 速度、方向、type"}
    ]


def test_summary_counts_the_luyanyuanyu_017_track(capsys: pytest.CaptureFixture[str]) -> None:
    path = real("tracks/gfw_gpsdio_segment/regr_412331088.json")
    assert main(["fisheries", "detect", str(path), "--summary"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["events"] == {"gap": 1, "identity_clash": 1, "port_visit": 1}
    assert summary["rejected"] == {"duplicate": 266}
    assert summary["vessels"] == 2


def test_a_missing_file_ends_with_status_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fisheries", "detect", str(tmp_path / "none.nmea")]) == 1
    assert "找不到文件" in capsys.readouterr().err
