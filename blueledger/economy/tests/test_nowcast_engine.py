"""The nowcast engine without a database: a bridge regression recovers a known relation, the band holds the
truth, a quarter with missing months is completed at their mean, and too little data is refused."""

import math
import random
from decimal import Decimal

import pytest

from blueledger.economy.nowcast import (
    MonthlySeries,
    NowcastError,
    nowcast_compute,
    previous_quarter,
    quarter_growth,
    quarter_months,
    quarter_total,
)


def _world(seed: int = 3) -> tuple[dict[tuple[int, int], Decimal], list[MonthlySeries]]:
    """Quarters 2018Q1–2025Q3: two monthly series and an ocean GDP whose yoy log growth is
    0.01 + 0.6 × port + 0.3 × revenue + small noise."""
    rng = random.Random(seed)
    port: dict[tuple[int, int], Decimal] = {}
    revenue: dict[tuple[int, int], Decimal] = {}
    level_p, level_r = 1000.0, 500.0
    for year in range(2018, 2026):
        for month in range(1, 13):
            level_p *= math.exp(rng.gauss(0.004, 0.02))
            level_r *= math.exp(rng.gauss(0.005, 0.03))
            port[(year, month)] = Decimal(f"{level_p:.2f}")
            revenue[(year, month)] = Decimal(f"{level_r:.2f}")
    target: dict[tuple[int, int], Decimal] = {}
    for q in range(1, 5):
        target[(2018, q)] = Decimal(400 + 10 * q)
    for year in range(2019, 2026):
        for q in range(1, 5):
            now = [(year, q)]
            xs = []
            for values in (port, revenue):
                a = quarter_total(values, now[0])
                b = quarter_total(values, previous_quarter(now[0], 4))
                assert a is not None and b is not None
                xs.append(math.log(float(a)) - math.log(float(b)))
            growth = 0.01 + 0.6 * xs[0] + 0.3 * xs[1] + rng.gauss(0, 0.002)
            target[(year, q)] = Decimal(f"{float(target[(year - 1, q)]) * math.exp(growth):.4f}")
    series = [MonthlySeries("port_throughput", "港口货物吞吐量", "万吨", port),
              MonthlySeries("key_firm_revenue", "重点企业营业收入", "万元", revenue)]
    return target, series


def test_quarters_and_months() -> None:
    assert previous_quarter((2025, 1)) == (2024, 4)
    assert previous_quarter((2025, 3), 4) == (2024, 3)
    assert quarter_months((2025, 3)) == ((2025, 7), (2025, 8), (2025, 9))
    values = {(2025, 7): Decimal(10), (2025, 8): Decimal(14), (2024, 7): Decimal(8), (2024, 8): Decimal(12),
              (2024, 9): Decimal(30)}
    assert quarter_total(values, (2025, 3)) is None
    assert quarter_total(values, (2024, 3)) == Decimal(50)
    # July–August 24 against 20 a year before: the quarter grows ln(1.2), whatever September was last year.
    assert quarter_growth(values, (2025, 3)) == (math.log(24) - math.log(20), 2)
    assert quarter_growth({}, (2025, 3)) == (None, 0)
    assert quarter_growth({(2025, 7): Decimal(10)}, (2025, 3)) == (None, 1)


def test_bridge_regression_recovers_the_relation_and_its_band_holds_the_truth() -> None:
    target, series = _world()
    truth = target.pop((2025, 3))
    result = nowcast_compute(target, series, (2025, 3))
    assert result.quarter == (2025, 3)
    assert result.base == target[(2024, 3)]
    assert result.lower < truth < result.upper
    assert abs(result.estimate - truth) / truth < Decimal("0.01")
    assert [name for name, _ in result.coefficients] == ["常数项", "港口货物吞吐量", "重点企业营业收入"]
    assert abs(result.coefficients[1][1] - Decimal("0.6")) < Decimal("0.1")
    assert abs(result.coefficients[2][1] - Decimal("0.3")) < Decimal("0.1")
    assert result.r_squared > Decimal("0.95")
    assert result.quarters_used == 26  # 2019Q1–2025Q2
    assert result.months_used == {"port_throughput": 3, "key_firm_revenue": 3}
    assert result.band_level == Decimal("0.9") and "statsmodels OLS" in result.method


def test_a_quarter_read_from_two_months_says_so() -> None:
    target, series = _world()
    target.pop((2025, 3))
    cut = [MonthlySeries(s.key, s.name, s.unit, {m: v for m, v in s.values.items() if m < (2025, 9)}) for s in series]
    result = nowcast_compute(target, cut, (2025, 3))
    assert result.months_used == {"port_throughput": 2, "key_firm_revenue": 2}
    assert result.lower < result.estimate < result.upper


def test_too_little_data_is_refused() -> None:
    target, series = _world()
    with pytest.raises(NowcastError) as error:
        nowcast_compute({q: v for q, v in target.items() if q != (2024, 3)}, series, (2025, 3))
    assert str(error.value) == "缺少上年同季 (2024年第3季度) 的海洋生产总值。"
    # From 2024 on only 2025Q1 and Q2 have a quarter a year before: 2 of the 2 + 3 needed.
    with pytest.raises(NowcastError) as error:
        nowcast_compute({q: v for q, v in target.items() if (2024, 1) <= q < (2025, 3)}, series, (2025, 3))
    assert str(error.value) == "可用于回归的以往季度只有 2 个, 至少需要 5 个。"
    with pytest.raises(NowcastError) as error:
        nowcast_compute(target, [], (2025, 3))
    assert str(error.value) == "没有月度指标, 无法估计。"
    with pytest.raises(NowcastError) as error:
        nowcast_compute(target, series, (2026, 2))
    assert str(error.value) == "“港口货物吞吐量”缺少2026年第2季度或上年同季的数据。"
