"""Django-free computations of economy figures. Every amount carries its unit; results say how they were
computed (`method`), so the page prints the method beside the figure.

- share of GDP = ocean GDP / GDP × 100 (%), both at current prices in the same unit;
- growth at current prices = value / previous − 1;
- growth at comparable prices = (value / (deflator / 100)) / previous − 1, deflator = price index with the
  previous year = 100;
- an industry's value added from unit reports = Σ unit value added × 涉海 share (万元 → 亿元).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

WAN_PER_YI = Decimal(10000)
PERCENT = Decimal(100)


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class Computed:
    value: Decimal
    unit: str
    method: str


class UnitsDisagree(ValueError):
    pass


def _same_unit(first: Amount, second: Amount) -> None:
    if first.unit != second.unit:
        raise UnitsDisagree(f"单位不一致: {first.unit} 与 {second.unit}")


def share_of_gdp(ocean_gdp: Amount, gdp: Amount) -> Computed:
    _same_unit(ocean_gdp, gdp)
    if gdp.value <= 0:
        raise ValueError("地区生产总值应大于 0")
    return Computed(ocean_gdp.value / gdp.value * PERCENT, "%", "海洋生产总值 ÷ 地区生产总值 × 100% (现价)")


def growth_current(value: Amount, previous: Amount) -> Computed:
    _same_unit(value, previous)
    if previous.value <= 0:
        raise ValueError("上期值应大于 0")
    return Computed((value.value / previous.value - 1) * PERCENT, "%", "本期现价 ÷ 上期现价 − 1 (现价增速)")


def growth_comparable(value: Amount, previous: Amount, deflator: Decimal) -> Computed:
    """`deflator`: the price index of the period with the previous period = 100."""
    _same_unit(value, previous)
    if previous.value <= 0 or deflator <= 0:
        raise ValueError("上期值和价格指数应大于 0")
    real = value.value / (deflator / PERCENT)
    return Computed(
        (real / previous.value - 1) * PERCENT,
        "%",
        f"本期现价 ÷ 价格指数 ({deflator}, 上年=100) ÷ 上期现价 − 1 (可比价增速)",
    )


@dataclass(frozen=True, slots=True)
class UnitValueAdded:
    industry_key: str
    region_code: str
    value_added_wan: Decimal
    sea_share: Decimal | None


@dataclass(frozen=True, slots=True)
class AggregateCell:
    industry_key: str
    region_code: str
    value_yi: Decimal
    units: int


def value_added_aggregate(
    reports: Iterable[UnitValueAdded], *, region_length: int
) -> tuple[list[AggregateCell], str]:
    """Σ value added × 涉海 share by industry and region (the first `region_length` digits of the code,
    padded with 0: 4 → the city), in 亿元; a unit without a share counts in full (a unit of a marine
    industry by definition). Returns the cells sorted by industry and region, and the method text."""
    totals: dict[tuple[str, str], Decimal] = {}
    counts: dict[tuple[str, str], int] = {}
    for report in reports:
        key = (report.industry_key, report.region_code[:region_length].ljust(6, "0"))
        share = report.sea_share if report.sea_share is not None else Decimal(1)
        totals[key] = totals.get(key, Decimal(0)) + report.value_added_wan * share
        counts[key] = counts.get(key, 0) + 1
    cells = [
        AggregateCell(industry_key=key[0], region_code=key[1], value_yi=total / WAN_PER_YI, units=counts[key])
        for key, total in sorted(totals.items())
    ]
    return cells, "统计单位报送增加值 (万元) × 涉海比例 (未填按 100%) 求和 ÷ 10000 (亿元, 现价)"
