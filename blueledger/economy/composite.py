"""Django-free composite index (综合指数): an indicator system of domains and indicators with weights and
directions, normalised against a base year (= 100), with each indicator's contribution.

Method (written beside every result):
- an indicator's score in year t: positive direction s = x_t / x_base × 100, negative s = x_base / x_t × 100;
- a domain's index: Σ w_i × s_i / Σ w_i over its indicators with a value in both years;
- the composite: Σ W_d × domain index / Σ W_d over domains with a value;
- an indicator's contribution to the composite's distance from 100: W_d / ΣW × w_i / Σw × (s_i − 100); the
  contributions add up to composite − 100 (when every indicator has values).
An indicator without a value in the base year or in t is left out of that year and named in `missing`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
METHOD = (
    "基期=100: 正向指标 本期÷基期×100, 逆向指标 基期÷本期×100; 领域指数为领域内指标得分按权重加权平均, "
    "综合指数为领域指数按权重加权平均; 贡献 = 领域权重占比 × 指标权重占比 × (得分 − 100)"
)


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    key: str
    name: str
    domain: str
    weight: Decimal
    positive: bool = True  # False: smaller is better (e.g. energy use per unit of value added)


@dataclass(frozen=True, slots=True)
class DomainSpec:
    key: str
    name: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Contribution:
    indicator: str
    domain: str
    score: Decimal
    contribution: Decimal  # index points of the composite


@dataclass(frozen=True, slots=True)
class IndexResult:
    year: int
    composite: Decimal | None
    domains: Mapping[str, Decimal]
    contributions: tuple[Contribution, ...]
    missing: tuple[str, ...]
    method: str = METHOD


class IndexDefinitionError(ValueError):
    pass


def _check(domains: Sequence[DomainSpec], indicators: Sequence[IndicatorSpec]) -> None:
    keys = {domain.key for domain in domains}
    for domain in domains:
        if domain.weight < 0:
            raise IndexDefinitionError(f"领域“{domain.name}”的权重不能为负数")
    for indicator in indicators:
        if indicator.domain not in keys:
            raise IndexDefinitionError(f"指标“{indicator.name}”所属领域“{indicator.domain}”不存在")
        if indicator.weight < 0:
            raise IndexDefinitionError(f"指标“{indicator.name}”的权重不能为负数")


def score(value: Decimal, base: Decimal, *, positive: bool) -> Decimal:
    if value <= 0 or base <= 0:
        raise ValueError("基期值和本期值应大于 0")
    return value / base * HUNDRED if positive else base / value * HUNDRED


def composite_compute(
    domains: Sequence[DomainSpec],
    indicators: Sequence[IndicatorSpec],
    values: Mapping[tuple[str, int], Decimal],
    *,
    base_year: int,
    year: int,
) -> IndexResult:
    """`values`: (indicator key, year) → value. Returns the year's domain and composite indices (base = 100)."""
    _check(domains, indicators)
    scores: dict[str, Decimal] = {}
    missing = []
    for indicator in indicators:
        base, current = values.get((indicator.key, base_year)), values.get((indicator.key, year))
        if base is None or current is None or base <= 0 or current <= 0:
            missing.append(indicator.name)
            continue
        scores[indicator.key] = score(current, base, positive=indicator.positive)
    domain_index: dict[str, Decimal] = {}
    domain_weight_in: dict[str, Decimal] = {}
    for domain in domains:
        members = [i for i in indicators if i.domain == domain.key and i.key in scores and i.weight > 0]
        total_weight = sum((i.weight for i in members), Decimal(0))
        if total_weight == 0:
            continue
        domain_index[domain.key] = sum((i.weight * scores[i.key] for i in members), Decimal(0)) / total_weight
        domain_weight_in[domain.key] = total_weight
    present = [d for d in domains if d.key in domain_index and d.weight > 0]
    all_weight = sum((d.weight for d in present), Decimal(0))
    if all_weight == 0:
        return IndexResult(year, None, {}, (), tuple(missing))
    composite = sum((d.weight * domain_index[d.key] for d in present), Decimal(0)) / all_weight
    contributions = tuple(
        Contribution(
            indicator=i.name,
            domain=i.domain,
            score=scores[i.key],
            contribution=(d.weight / all_weight) * (i.weight / domain_weight_in[d.key]) * (scores[i.key] - HUNDRED),
        )
        for d in present
        for i in indicators
        if i.domain == d.key and i.key in scores and i.weight > 0
    )
    return IndexResult(year, composite, {d.key: domain_index[d.key] for d in present}, contributions, tuple(missing))
