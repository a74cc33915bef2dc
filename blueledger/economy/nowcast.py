"""Django-free nowcast (即时预测) of a quarter's ocean GDP from the monthly series a bureau holds, by a bridge
regression, with its prediction interval.

Model (written beside every estimate as METHOD):
- each monthly series is summed to quarters; in the quarter being estimated a series with one or two months
  grows as those months did against the same months a year before (the months used are recorded), so a
  seasonal series is not misread;
- y_q = ln(GDP_q) − ln(GDP_{q−4}) (year-on-year growth of the quarter's ocean GDP) is regressed by ordinary
  least squares on x_{i,q} = ln(X_{i,q}) − ln(X_{i,q−4}) of every series, with a constant (statsmodels OLS),
  over the past quarters where all of them are known;
- estimate = GDP_{q−4} × exp(ŷ_q); the band is the regression's prediction interval at `band_level`,
  transformed the same way. It does not include the error of a quarter read from fewer than three months.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

Quarter = tuple[int, int]  # (year, quarter 1–4)
Month = tuple[int, int]  # (year, month 1–12)

METHOD = (
    "桥接回归: 季度海洋生产总值同比增长 (对数差) 对各月度指标季度合计的同比增长 (对数差) 及常数项作最小二乘回归 "
    "(statsmodels OLS), 样本为各指标与海洋生产总值均齐全的以往季度; "
    "当季不足三个月的指标以已有月份较上年同月的增长代表全季; "
    "估计值 = 上年同季海洋生产总值 × exp(预测增长); 区间为回归的预测区间, 未计入当季月份不全带来的误差。"
)


class NowcastError(ValueError):
    """The nowcast cannot be made; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class MonthlySeries:
    key: str
    name: str
    unit: str
    values: Mapping[Month, Decimal]


@dataclass(frozen=True, slots=True)
class NowcastResult:
    quarter: Quarter
    estimate: Decimal  # in the target's unit (亿元)
    lower: Decimal
    upper: Decimal
    band_level: Decimal  # 0.90: a 90% prediction interval
    growth_percent: Decimal  # the estimated year-on-year growth, %
    base: Decimal  # the same quarter of the year before
    coefficients: tuple[tuple[str, Decimal], ...]  # ("常数项", c), (series name, β) …
    r_squared: Decimal
    quarters_used: int  # training quarters
    months_used: Mapping[str, int] = field(default_factory=dict)  # series key → months of the quarter held
    method: str = METHOD


def previous_quarter(quarter: Quarter, back: int = 1) -> Quarter:
    index = quarter[0] * 4 + quarter[1] - 1 - back
    return index // 4, index % 4 + 1


def quarter_months(quarter: Quarter) -> tuple[Month, Month, Month]:
    first = (quarter[1] - 1) * 3 + 1
    return (quarter[0], first), (quarter[0], first + 1), (quarter[0], first + 2)


def quarter_total(values: Mapping[Month, Decimal], quarter: Quarter) -> Decimal | None:
    """The quarter's sum; None unless all three months are held."""
    held = [values[month] for month in quarter_months(quarter) if month in values]
    return sum(held, Decimal(0)) if len(held) == 3 else None


def quarter_growth(values: Mapping[Month, Decimal], quarter: Quarter) -> tuple[float | None, int]:
    """ln(this quarter's held months) − ln(the same months a year before), and how many months are held:
    a quarter read so far from one or two months grows as those months did."""
    months = [month for month in quarter_months(quarter) if month in values]
    before = [(month[0] - 1, month[1]) for month in months]
    if not months or any(month not in values for month in before):
        return None, len(months)
    return _log_growth(sum((values[m] for m in months), Decimal(0)),
                       sum((values[m] for m in before), Decimal(0))), len(months)


def _log_growth(now: Decimal | None, before: Decimal | None) -> float | None:
    if now is None or before is None or now <= 0 or before <= 0:
        return None
    return math.log(float(now)) - math.log(float(before))


def _decimal(value: float, places: int = 4) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places))


def nowcast_compute(
    target: Mapping[Quarter, Decimal], series: Sequence[MonthlySeries], quarter: Quarter,
    band_level: Decimal = Decimal("0.9"),
) -> NowcastResult:
    """The estimate of `quarter` from `target` (past quarters' ocean GDP) and the monthly `series`."""
    if not series:
        raise NowcastError("没有月度指标, 无法估计。")
    base = target.get(previous_quarter(quarter, 4))
    if base is None:
        raise NowcastError(f"缺少上年同季 ({quarter[0] - 1}年第{quarter[1]}季度) 的海洋生产总值。")
    current: list[float] = []
    months_used: dict[str, int] = {}
    for item in series:
        growth, months = quarter_growth(item.values, quarter)
        months_used[item.key] = months
        if growth is None:
            raise NowcastError(f"“{item.name}”缺少{quarter[0]}年第{quarter[1]}季度或上年同季的数据。")
        current.append(growth)
    rows: list[list[float]] = []
    outcomes: list[float] = []
    for past in sorted(q for q in target if q < quarter):
        y = _log_growth(target[past], target.get(previous_quarter(past, 4)))
        xs = [_log_growth(quarter_total(item.values, past), quarter_total(item.values, previous_quarter(past, 4)))
              for item in series]
        if y is None or any(x is None for x in xs):
            continue
        rows.append([x for x in xs if x is not None])
        outcomes.append(y)
    needed = len(series) + 3
    if len(rows) < needed:
        raise NowcastError(f"可用于回归的以往季度只有 {len(rows)} 个, 至少需要 {needed} 个。")
    # Imported here, not with the module: statsmodels (with scipy) took about 1 s of every process's start
    # (every command, every test run), and only this fit needs it.
    import statsmodels.api as sm

    exog = sm.add_constant(np.array(rows), has_constant="add")
    fit = sm.OLS(np.array(outcomes), exog).fit()
    frame = fit.get_prediction(np.array([[1.0, *current]])).summary_frame(alpha=1 - float(band_level))
    predicted = float(frame["mean"].iloc[0])
    low, high = float(frame["obs_ci_lower"].iloc[0]), float(frame["obs_ci_upper"].iloc[0])
    base_float = float(base)
    names = ("常数项", *(item.name for item in series))
    return NowcastResult(
        quarter=quarter,
        estimate=_decimal(base_float * math.exp(predicted), 2),
        lower=_decimal(base_float * math.exp(low), 2),
        upper=_decimal(base_float * math.exp(high), 2),
        band_level=band_level,
        growth_percent=_decimal((math.exp(predicted) - 1) * 100, 2),
        base=base,
        coefficients=tuple((name, _decimal(float(value), 4)) for name, value in zip(names, fit.params, strict=True)),
        r_squared=_decimal(float(fit.rsquared), 4),
        quarters_used=len(rows),
        months_used=months_used,
    )
