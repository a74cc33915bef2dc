"""Moratorium rules as data (rules/<name>.json): sea areas by latitude band, gear, province, start and end at 12时
local time, overrides (Shandong's 定置 dates) and whether a 专项捕捞 permit exempts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

RULES_DIR = Path(__file__).resolve().parent / "rules"


@dataclass(frozen=True)
class ClosureRule:
    id: str
    label: str
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float
    start: str  # "MM-DDTHH:MM", local time
    end: str
    gear_exempt: tuple[str, ...] = ()
    gear_only: tuple[str, ...] = ()
    province: str | None = None
    overrides: tuple[str, ...] = ()
    permits_allowed: bool = True

    def window(self, year: int, timezone: str) -> tuple[datetime, datetime]:
        """The closure of `year` as UTC datetimes."""
        zone = ZoneInfo(timezone)
        start = datetime.strptime(f"{year}-{self.start}", "%Y-%m-%dT%H:%M").replace(tzinfo=zone)
        end = datetime.strptime(f"{year}-{self.end}", "%Y-%m-%dT%H:%M").replace(tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class Waters:
    id: str
    label: str
    polygon: tuple[tuple[float, float], ...]  # (lon, lat) ring


@dataclass(frozen=True)
class DisablingRule:
    """GFW's suspected disabling of AIS (domain-facts §10): a gap of at least gap_min_hours that begins more than
    shore_distance_min_nm from shore after at least positions_before_min positions in the positions_before_hours
    before it (good reception: the silence is not the receivers' fault)."""

    gap_min_hours: float
    shore_distance_min_nm: float
    positions_before_min: int
    positions_before_hours: float
    source: str = ""


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    timezone: str
    rules: tuple[ClosureRule, ...]
    moving_min_speed_knots: float
    breach_split_hours: float
    waters: Waters | None = None
    domestic_mids: tuple[str, ...] = ("412", "413", "414")
    sources: tuple[str, ...] = field(default=())
    disabling: DisablingRule | None = None

    def rule(self, rule_id: str) -> ClosureRule:
        return next(r for r in self.rules if r.id == rule_id)


def _rule(data: dict[str, Any]) -> ClosureRule:
    return ClosureRule(
        id=str(data["id"]),
        label=str(data["label"]),
        lat_min=float(data["lat_min"]),
        lat_max=float(data["lat_max"]),
        lon_min=float(data.get("lon_min", -180.0)),
        lon_max=float(data.get("lon_max", 180.0)),
        start=str(data["start"]),
        end=str(data["end"]),
        gear_exempt=tuple(data.get("gear_exempt", ())),
        gear_only=tuple(data.get("gear_only", ())),
        province=data.get("province"),
        overrides=tuple(data.get("overrides", ())),
        permits_allowed=bool(data.get("permits_allowed", True)),
    )


def parse_rules(data: dict[str, Any]) -> RuleSet:
    waters = data.get("waters")
    return RuleSet(
        id=str(data["id"]),
        title=str(data["title"]),
        timezone=str(data.get("timezone", "Asia/Shanghai")),
        rules=tuple(_rule(r) for r in data["rules"]),
        moving_min_speed_knots=float(data.get("moving_min_speed_knots", 1.0)),
        breach_split_hours=float(data.get("breach_split_hours", 6.0)),
        waters=None
        if not waters
        else Waters(
            id=str(waters["id"]),
            label=str(waters["label"]),
            polygon=tuple((float(x), float(y)) for x, y in waters["polygon"]),
        ),
        domestic_mids=tuple(data.get("domestic_mids", ("412", "413", "414"))),
        sources=tuple(data.get("sources", ())),
        disabling=_disabling(data.get("suspected_disabling")),
    )


def _disabling(data: dict[str, Any] | None) -> DisablingRule | None:
    if not data:
        return None
    return DisablingRule(
        gap_min_hours=float(data["gap_min_hours"]),
        shore_distance_min_nm=float(data["shore_distance_min_nm"]),
        positions_before_min=int(data["positions_before_min"]),
        positions_before_hours=float(data["positions_before_hours"]),
        source=str(data.get("source", "")),
    )


def load_rules(name_or_path: str) -> RuleSet:
    """A rules file by name (`moratorium-2023`, from rules/) or by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = RULES_DIR / f"{name_or_path}.json"
    return parse_rules(json.loads(path.read_text(encoding="utf-8")))


def available_rules() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.json"))
