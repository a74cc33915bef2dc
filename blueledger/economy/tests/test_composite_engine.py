"""Composite index engine: base year = 100, directions, weights, contributions that add up (no database)."""

from decimal import Decimal

import pytest

from blueledger.economy.composite import (
    DomainSpec,
    IndexDefinitionError,
    IndicatorSpec,
    composite_compute,
)

DOMAINS = (DomainSpec("economy", "经济民生", Decimal(2)), DomainSpec("ecology", "生态环境", Decimal(1)))
INDICATORS = (
    IndicatorSpec("gdp", "海洋生产总值", "economy", Decimal(3)),
    IndicatorSpec("share", "占GDP比重", "economy", Decimal(1)),
    IndicatorSpec("energy", "单位增加值能耗", "ecology", Decimal(1), positive=False),
)
VALUES = {
    ("gdp", 2015): Decimal(100), ("gdp", 2024): Decimal(130),
    ("share", 2015): Decimal(20), ("share", 2024): Decimal(18),
    ("energy", 2015): Decimal(1), ("energy", 2024): Decimal("0.8"),
}


def test_base_year_is_100() -> None:
    result = composite_compute(DOMAINS, INDICATORS, VALUES, base_year=2015, year=2015)
    assert result.composite == Decimal(100)
    assert all(c.contribution == 0 for c in result.contributions)


def test_scores_domains_composite_and_contributions() -> None:
    result = composite_compute(DOMAINS, INDICATORS, VALUES, base_year=2015, year=2024)
    # economy: (3 × 130 + 1 × 90) / 4 = 120; ecology: 1 / 0.8 × 100 = 125; composite (2 × 120 + 125) / 3
    assert result.domains == {"economy": Decimal(120), "ecology": Decimal(125)}
    assert result.composite is not None
    assert result.composite.quantize(Decimal("0.01")) == Decimal("121.67")
    contributions = {c.indicator: c.contribution.quantize(Decimal("0.01")) for c in result.contributions}
    assert contributions == {
        "海洋生产总值": Decimal("15.00"), "占GDP比重": Decimal("-1.67"), "单位增加值能耗": Decimal("8.33")
    }
    total = sum(c.contribution for c in result.contributions)
    assert (total - (result.composite - 100)).copy_abs() < Decimal("1e-20")


def test_missing_values_are_named_and_left_out() -> None:
    values = {key: value for key, value in VALUES.items() if key != ("share", 2024)}
    result = composite_compute(DOMAINS, INDICATORS, values, base_year=2015, year=2024)
    assert result.missing == ("占GDP比重",)
    assert result.domains["economy"] == Decimal(130)


def test_indicator_of_unknown_domain_is_refused() -> None:
    with pytest.raises(IndexDefinitionError, match="指标“x”所属领域“nowhere”不存在"):
        composite_compute(DOMAINS, (IndicatorSpec("x", "x", "nowhere", Decimal(1)),), {}, base_year=2015, year=2016)
