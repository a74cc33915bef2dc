"""Readers for the position files a bureau receives: BeiDou terminal CSV exports (the DCIC layout), GFW's normalised
JSON lines, the NOAA/MarineCadastre CSV, and NMEA (nmea.py). `read_file` picks the reader from the content."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

import polars as pl

from blueledger.fisheries.tracks.nmea import read_nmea
from blueledger.fisheries.tracks.positions import (
    POSITION_SCHEMA,
    REJECTED_SCHEMA,
    TIME,
    ReadResult,
    empty_positions,
)
from blueledger.lib.encoding import TextDecodingError, decode_chinese_text

BEIDOU_COLUMNS = ("渔船ID", "lat", "lon", "速度", "方向", "time", "type")
NOAA_COLUMNS = ("MMSI", "BaseDateTime", "LAT", "LON", "SOG", "COG")
# BeiDou terminal exports carry local (Beijing) time without a year.
BEIDOU_TIMEZONE = "Asia/Shanghai"


class ReadError(ValueError):
    """A whole file cannot be read (unknown layout, missing columns, unreadable bytes); `detail` is Chinese."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _text(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return decode_chinese_text(data)[0]
    except TextDecodingError as error:
        raise ReadError("bad_value", f"文件无法解码: {error.detail}") from error


def _file_rejection(source: str, reason: str, detail: str) -> ReadResult:
    return ReadResult(
        positions=empty_positions(),
        rejected=pl.DataFrame([(source, 0, reason, detail)], schema=REJECTED_SCHEMA, orient="row"),
    )


def _split_bad(frame: pl.DataFrame, ok: pl.Expr, *, source: str, reason: str, detail: pl.Expr) -> tuple[
    pl.DataFrame, pl.DataFrame
]:
    marked = frame.with_columns(_ok=ok)
    bad = marked.filter(~pl.col("_ok")).select(
        pl.lit(source).alias("source"),
        pl.col("line").cast(pl.Int64),
        pl.lit(reason).alias("reason"),
        detail.cast(pl.String).alias("detail"),
    )
    return marked.filter(pl.col("_ok")).drop("_ok"), bad


def read_beidou_csv(text: str, *, source: str, year: int) -> ReadResult:
    """BeiDou CSV: 渔船ID,lat,lon,速度,方向,time('MMDD HH:MM:SS', Beijing time),type(gear). Needs the year."""
    frame = pl.read_csv(text.encode("utf-8"), infer_schema=False)
    missing = [c for c in BEIDOU_COLUMNS if c not in frame.columns]
    if missing:
        raise ReadError("missing_columns", f"缺少列: {'、'.join(missing)}")
    frame = frame.with_row_index("line", offset=2)
    parsed = frame.select(
        pl.col("line").cast(pl.Int64),
        pl.col("渔船ID").str.strip_chars().alias("vessel"),
        (pl.lit(f"{year:04d}") + pl.col("time").str.strip_chars())
        .str.strptime(pl.Datetime("us"), "%Y%m%d %H:%M:%S", strict=False)
        .dt.replace_time_zone(BEIDOU_TIMEZONE, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
        .alias("time"),
        pl.col("lat").str.strip_chars().cast(pl.Float64, strict=False).alias("lat"),
        pl.col("lon").str.strip_chars().cast(pl.Float64, strict=False).alias("lon"),
        pl.col("速度").str.strip_chars().cast(pl.Float64, strict=False).alias("speed_knots"),
        pl.col("方向").str.strip_chars().cast(pl.Float64, strict=False).alias("course"),
        pl.col("type").str.strip_chars().alias("gear"),
        pl.concat_str([pl.col(c).fill_null("") for c in BEIDOU_COLUMNS], separator=",").alias("_raw"),
    )
    good, bad = _split_bad(
        parsed,
        pl.col("time").is_not_null() & pl.col("lat").is_not_null() & pl.col("lon").is_not_null()
        & pl.col("vessel").is_not_null(),
        source=source,
        reason="bad_value",
        detail=pl.col("_raw"),
    )
    positions = good.select(
        *(pl.col(c) for c in ("vessel", "time", "lat", "lon", "speed_knots", "course", "gear")),
        pl.lit(source).alias("source"),
        pl.col("line"),
    )
    return ReadResult(positions=positions.cast(POSITION_SCHEMA), rejected=bad)  # type: ignore[arg-type]


def read_noaa_csv(text: str, *, source: str) -> ReadResult:
    """MarineCadastre/NOAA CSV: MMSI,BaseDateTime(UTC),LAT,LON,SOG,COG,…"""
    frame = pl.read_csv(text.encode("utf-8"), infer_schema=False)
    missing = [c for c in NOAA_COLUMNS if c not in frame.columns]
    if missing:
        raise ReadError("missing_columns", f"缺少列: {'、'.join(missing)}")
    frame = frame.with_row_index("line", offset=2)
    parsed = frame.select(
        pl.col("line").cast(pl.Int64),
        pl.col("MMSI").str.strip_chars().str.zfill(9).alias("vessel"),
        pl.col("BaseDateTime")
        .str.strip_chars()
        .str.strptime(pl.Datetime("us"), "%Y-%m-%dT%H:%M:%S", strict=False)
        .dt.replace_time_zone("UTC")
        .alias("time"),
        pl.col("LAT").cast(pl.Float64, strict=False).alias("lat"),
        pl.col("LON").cast(pl.Float64, strict=False).alias("lon"),
        pl.col("SOG").cast(pl.Float64, strict=False).alias("speed_knots"),
        pl.col("COG").cast(pl.Float64, strict=False).alias("course"),
        pl.concat_str([pl.col(c).fill_null("") for c in NOAA_COLUMNS], separator=",").alias("_raw"),
    )
    good, bad = _split_bad(
        parsed,
        pl.col("time").is_not_null() & pl.col("lat").is_not_null() & pl.col("lon").is_not_null(),
        source=source,
        reason="bad_value",
        detail=pl.col("_raw"),
    )
    positions = good.select(
        *(pl.col(c) for c in ("vessel", "time", "lat", "lon", "speed_knots", "course")),
        pl.lit(None, pl.String).alias("gear"),
        pl.lit(source).alias("source"),
        pl.col("line"),
    )
    return ReadResult(positions=positions.cast(POSITION_SCHEMA), rejected=bad)  # type: ignore[arg-type]


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def read_gfw_jsonl(text: str, *, source: str) -> ReadResult:
    """GFW normalised AIS, one JSON object a line: ssvid, timestamp, lat, lon, speed, course, shipname."""
    rows: list[tuple[Any, ...]] = []
    rejected: list[tuple[str, int, str, str]] = []
    names: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)  # Python's json reads the NaN these files carry
            vessel = str(record["ssvid"])
            stamp = str(record["timestamp"])
        except (ValueError, KeyError, TypeError) as error:
            rejected.append((source, number, "malformed", f"{type(error).__name__}: {line[:120]}"))
            continue
        if record.get("shipname"):
            names[vessel] = str(record["shipname"])
        lat, lon = _number(record.get("lat")), _number(record.get("lon"))
        if lat is None or lon is None:
            if str(record.get("type", "")).split(".")[-1] in {"1", "2", "3", "18", "19", "27"}:
                rejected.append((source, number, "bad_value", line[:120]))
            continue
        rows.append(
            (vessel, stamp, lat, lon, _number(record.get("speed")), _number(record.get("course")), None, source, number)
        )
    frame = pl.DataFrame(
        rows, schema={**POSITION_SCHEMA, "time": pl.String()}, orient="row"
    ).with_columns(pl.col("time").str.to_datetime(time_unit="us", time_zone="UTC", strict=False))
    frame, bad = _split_bad(
        frame, pl.col("time").is_not_null(), source=source, reason="bad_value", detail=pl.lit("timestamp")
    )
    return ReadResult(
        positions=frame.cast(POSITION_SCHEMA),  # type: ignore[arg-type]
        rejected=pl.concat([pl.DataFrame(rejected, schema=REJECTED_SCHEMA, orient="row"), bad]),
        vessel_names=names,
    )


def read_text(text: str, *, source: str, year: int | None = None) -> ReadResult:
    """Pick the reader from the first meaningful line."""
    head = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    if head.startswith("{"):
        return read_gfw_jsonl(text, source=source)
    columns = {c.strip() for c in head.split(",")}
    if "渔船ID" in columns or "速度" in columns:
        if year is None:
            raise ReadError("bad_value", "北斗 CSV 的时间不带年份，请用 --year 指定年份")
        return read_beidou_csv(text, source=source, year=year)
    if "MMSI" in columns and "BaseDateTime" in columns:
        return read_noaa_csv(text, source=source)
    if "VDM" in text[:100000] or "VDO" in text[:100000]:
        return read_nmea(text, source=source)
    raise ReadError("missing_columns", "无法识别的文件格式 (需要 NMEA、北斗 CSV、NOAA CSV 或 GFW JSON 行)")


def read_file(path: Path, *, year: int | None = None, source: str | None = None) -> ReadResult:
    """Read one file; a file that cannot be read at all becomes one rejected row (line 0) with the reason.
    `source` names the file in the result (default its own name; an upload is stored under another)."""
    source = source or path.name
    try:
        return read_text(_text(path.read_bytes()), source=source, year=year)
    except ReadError as error:
        return _file_rejection(source, error.reason, error.detail)


def read_files(paths: list[Path], *, year: int | None = None) -> ReadResult:
    return ReadResult.combine([read_file(path, year=year) for path in paths])


__all__ = ["ReadError", "read_beidou_csv", "read_file", "read_files", "read_gfw_jsonl", "read_noaa_csv", "read_text"]
_ = TIME
