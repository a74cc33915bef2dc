"""Share of GDP, growth at current and comparable prices, aggregation of unit reports (engine)."""

from decimal import Decimal

import pytest

from blueledger.economy.series import (
    AggregateCell,
    Amount,
    UnitsDisagree,
    UnitValueAdded,
    growth_comparable,
    growth_current,
    share_of_gdp,
    value_added_aggregate,
)


def test_share_of_gdp_in_percent_with_method() -> None:
    share = share_of_gdp(Amount(Decimal("1703.4"), "亿元"), Amount(Decimal("8111.4"), "亿元"))
    assert share.value.quantize(Decimal("0.01")) == Decimal("21.00")
    assert share.unit == "%"
    assert share.method == "海洋生产总值 ÷ 地区生产总值 × 100% (现价)"


def test_units_must_agree() -> None:
    with pytest.raises(UnitsDisagree, match="单位不一致: 亿元 与 万元"):
        share_of_gdp(Amount(Decimal(1), "亿元"), Amount(Decimal(1), "万元"))


def test_growth_current_and_comparable() -> None:
    now, before = Amount(Decimal("105438"), "亿元"), Amount(Decimal("99097"), "亿元")
    assert growth_current(now, before).value.quantize(Decimal("0.01")) == Decimal("6.40")
    comparable = growth_comparable(now, before, Decimal("100.5"))
    # 105438 / 1.005 / 99097 − 1 = 5.87 % (the 2024 release says 5.9 % at comparable prices)
    assert comparable.value.quantize(Decimal("0.01")) == Decimal("5.87")
    assert comparable.method == "本期现价 ÷ 价格指数 (100.5, 上年=100) ÷ 上期现价 − 1 (可比价增速)"


def test_aggregate_by_industry_and_city_weights_the_sea_share() -> None:
    reports = [
        UnitValueAdded("shipbuilding", "370211", Decimal("20000"), Decimal("0.5")),
        UnitValueAdded("shipbuilding", "370212", Decimal("10000"), None),
        UnitValueAdded("fishery", "370702", Decimal("5000"), Decimal("1")),
    ]
    cells, method = value_added_aggregate(reports, region_length=4)
    assert cells == [
        AggregateCell("fishery", "370700", Decimal("0.5"), 1),
        AggregateCell("shipbuilding", "370200", Decimal("2"), 2),
    ]
    assert method.startswith("统计单位报送增加值 (万元) × 涉海比例")
