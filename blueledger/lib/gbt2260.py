"""GB/T 2260 administrative division codes: reading the region reference file and checking its codes.

Six digits: province (2) + prefecture (2) + county (2). Codes 37xx7x are statistical-only codes of
development zones, kept apart from the administrative units.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

CODE_PATTERN = re.compile(r"^[1-8]\d{5}$")
LEVELS = ("province", "city", "county")


class RegionFileError(ValueError):
    """The region file has a row blueledger cannot use; the message names the row."""


@dataclass(frozen=True, slots=True)
class RegionRecord:
    code: str
    name: str
    short_name: str
    parent_code: str | None
    level: str
    is_statistical_only: bool
    is_coastal: bool
    aliases: tuple[str, ...]
    notes: str


PROVINCE_DIGITS = 2
CITY_DIGITS = 4


def province_prefix(code: str) -> str:
    """The two digits every region of the province shares: 370211 → 37."""
    return code[:PROVINCE_DIGITS]


def city_prefix(code: str) -> str:
    """The four digits every region of the prefecture-level city shares: 370211 → 3702."""
    return code[:CITY_DIGITS]


def city_code(code: str) -> str:
    """The code of the prefecture-level city a district belongs to (370211 → 370200; a city is its own)."""
    return city_prefix(code) + "00"


def descendants_prefix(code: str) -> str:
    """The prefix shared by a region and every region below it: 370000 → 37, 370200 → 3702, 370211 → 370211.
    `code__startswith=descendants_prefix(code)` selects the region and all it contains."""
    level = level_of_code(code)
    if level == "province":
        return province_prefix(code)
    if level == "city":
        return city_prefix(code)
    return code


def city_scope(prefix: str) -> str:
    """A scope prefix widened to the city that holds it, for what cities own (tracks, dispatch-table layouts):
    370211 → 3702, 3702 → 3702, 37 → 37, '' (everything) → ''."""
    return prefix[:CITY_DIGITS]


def is_within(code: str, ancestor_code: str) -> bool:
    """True when region `code` is `ancestor_code` or lies below it: 370211 is within 370200 and 370000."""
    return code.startswith(descendants_prefix(ancestor_code))


def same_city(code: str, other_code: str) -> bool:
    """True when both regions belong to the same prefecture-level city (or are it)."""
    return city_prefix(code) == city_prefix(other_code)


def level_of_code(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def parent_code_of(code: str) -> str | None:
    level = level_of_code(code)
    if level == "province":
        return None
    if level == "city":
        return province_prefix(code) + "0000"
    return city_code(code)


def _flag(value: str, where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "是"):
        return True
    if lowered in ("false", "0", "no", "否", ""):
        return False
    raise RegionFileError(f"{where}: 应为 true 或 false, 实为 {value!r}")


def read_region_file(path: Path) -> list[RegionRecord]:
    """All rows, parents before children; raises RegionFileError naming the first bad row."""
    records: list[RegionRecord] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name} 第{line_number}行"
            code = (row.get("code") or "").strip()
            if not CODE_PATTERN.match(code):
                raise RegionFileError(f"{where}: 区划代码应为6位数字, 实为 {code!r}")
            level = (row.get("level") or "").strip()
            if level not in LEVELS:
                raise RegionFileError(f"{where}: 层级应为 {'/'.join(LEVELS)}, 实为 {level!r}")
            if level != level_of_code(code):
                raise RegionFileError(f"{where}: 代码 {code} 的层级应为 {level_of_code(code)}, 写的是 {level}")
            parent = (row.get("parent_code") or "").strip() or None
            if parent != parent_code_of(code):
                raise RegionFileError(f"{where}: 代码 {code} 的上级应为 {parent_code_of(code)}, 写的是 {parent}")
            name = (row.get("name") or "").strip()
            if not name:
                raise RegionFileError(f"{where}: 名称为空")
            records.append(
                RegionRecord(
                    code=code,
                    name=name,
                    short_name=(row.get("short_name") or "").strip() or name,
                    parent_code=parent,
                    level=level,
                    is_statistical_only=_flag(row.get("is_statistical_only") or "", where),
                    is_coastal=_flag(row.get("is_coastal") or "", where),
                    aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
                    notes=(row.get("notes") or "").strip(),
                )
            )
    known = {record.code for record in records}
    for record in records:
        if record.parent_code is not None and record.parent_code not in known:
            raise RegionFileError(f"{path.name}: {record.code} {record.name} 的上级 {record.parent_code} 不在文件中")
    return sorted(records, key=lambda record: (LEVELS.index(record.level), record.code))
