"""Unit grammar of Chinese work documents: an optional magnitude (万, 亿, 千万…) before a base unit.

A unit is reported as written (万吨, 亿元, 个百分点); `fold_magnitude` splits it into the multiplier and the
base unit so that 21.13万吨 and 211300吨 compare equal. Base units are grouped by what they measure:
`COUNT_UNITS` are measure words that count things (个, 家, 艘…); `MEASURE_UNITS` measure an amount (元,
吨, 亩, %…). The difference matters to the extractor: an amount followed by 以上 and a noun
(50亿元以上项目) describes a class of things, a count (1个以上集聚区) does not.
"""

from __future__ import annotations

from decimal import Decimal

# Longest first, so that 千万 wins over 千 when a unit is split.
MAGNITUDES: tuple[tuple[str, int], ...] = (
    ("万亿", 10**12),
    ("千万", 10**7),
    ("百万", 10**6),
    ("十万", 10**5),
    ("亿", 10**8),
    ("万", 10**4),
)

COUNT_UNITS: frozenset[str] = frozenset(
    {
        "个", "家", "艘", "艘次", "项", "处", "座", "条", "支", "名", "位", "人", "人次", "户", "宗", "件",
        "起", "次", "车次", "航次", "批次", "套", "台", "尾", "篇", "期", "份", "场", "所", "辆", "架",
        "只", "头", "株", "张", "笔",
        # wells and net cages (口), buildings, pieces, lamps, trees, birds, tents, poles, groups
        "口", "栋", "幢", "块", "枚", "盏", "棵", "羽", "顶", "根", "组",
        # counts of occasions and of sets: 6场次, 300台套, 1200家次
        "场次", "台套", "台次", "家次", "户次", "架次", "班次",
        # kinds (100多种 鱼类) and grains or seeds counted (3.89亿粒)
        "种", "粒",
    }
)

MEASURE_UNITS: frozenset[str] = frozenset(
    {
        "%", "‰", "个百分点", "百分点", "倍",
        "元", "美元",
        "吨", "公斤", "千克", "斤",
        "平方公里", "平方千米", "平方米", "公顷", "亩", "公里", "千米", "米", "海里",
        "立方米", "空方", "单位",
        "千瓦", "兆瓦", "千瓦时", "GW", "MW", "kW", "马力",
        "标箱", "标准箱", "TEU", "载重吨", "总吨", "延米", "平方海里",
        "克", "km",
        # compound units are kept whole: a price per weight, a yield or an investment per area
        "元/公斤", "元/千克", "元/斤", "元/吨", "元/亩", "元/平方米", "斤/亩", "公斤/亩", "吨/亩",
        "吨/公顷", "公斤/公顷",
    }
)

# Units a base unit may never take a magnitude prefix in front of (万% is no unit).
UNITS_WITHOUT_MAGNITUDE: frozenset[str] = frozenset({"%", "‰", "个百分点", "百分点", "倍"})


def fold_magnitude(unit: str) -> tuple[int, str]:
    """(multiplier, base unit) of a unit as written: 万吨 → (10000, 吨), 亿单位 → (10^8, 单位)."""
    for prefix, multiplier in MAGNITUDES:
        if unit.startswith(prefix) and unit[len(prefix):] not in UNITS_WITHOUT_MAGNITUDE:
            return multiplier, unit[len(prefix):]
    return 1, unit


def canonical_amount(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """The value in the base unit: (Decimal('407.54'), '亿元') → (Decimal('40754000000'), '元')."""
    multiplier, base = fold_magnitude(unit)
    return value * multiplier, base


def is_count_unit(unit: str) -> bool:
    """True for measure words that count things (个, 家, 万个 …), False for amounts (元, 吨, %)."""
    return fold_magnitude(unit)[1] in COUNT_UNITS
