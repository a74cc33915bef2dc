"""The one position schema every reader produces, and the rejected-rows frame beside it."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

TIME = pl.Datetime("us", "UTC")

POSITION_SCHEMA: dict[str, pl.DataType] = {
    "vessel": pl.String(),
    "time": TIME,
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "speed_knots": pl.Float64(),
    "course": pl.Float64(),
    "gear": pl.String(),
    "source": pl.String(),
    "line": pl.Int64(),
}

REJECTED_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "line": pl.Int64(),
    "reason": pl.String(),
    "detail": pl.String(),
}

# Reasons a row is set aside; every one is counted and reported with its file and line.
REASON_LABELS: dict[str, str] = {
    "checksum": "校验和错误",
    "malformed": "语句格式错误或被截断",
    "incomplete_multipart": "多段报文缺段",
    "undecodable": "报文无法解码",
    "bad_value": "字段值无法解析",
    "missing_columns": "缺少必需的列",
    "not_available": "位置不可用 (纬度 91 / 经度 181)",
    "out_of_range": "经纬度超出范围",
    "zero_position": "经纬度为 0/0",
    "no_time": "没有时间",
    "impossible_speed": "速度不可能",
    "impossible_jump": "位置跳变不可能",
    "duplicate": "重复位置",
}


def empty_positions() -> pl.DataFrame:
    return pl.DataFrame(schema=POSITION_SCHEMA)


def empty_rejected() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECTED_SCHEMA)


@dataclass
class ReadResult:
    """Positions in POSITION_SCHEMA and the rows set aside, each with its source and line."""

    positions: pl.DataFrame = field(default_factory=empty_positions)
    rejected: pl.DataFrame = field(default_factory=empty_rejected)
    vessel_names: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def combine(results: list[ReadResult]) -> ReadResult:
        names: dict[str, str] = {}
        for result in results:
            names.update(result.vessel_names)
        return ReadResult(
            positions=pl.concat([empty_positions(), *(r.positions for r in results)], how="vertical"),
            rejected=pl.concat([empty_rejected(), *(r.rejected for r in results)], how="vertical"),
            vessel_names=names,
        )


def rejected_summary(rejected: pl.DataFrame) -> dict[str, int]:
    """Counts by reason, sorted by reason name."""
    if rejected.is_empty():
        return {}
    counts = rejected.group_by("reason").len().sort("reason")
    return {str(reason): int(n) for reason, n in counts.iter_rows()}
