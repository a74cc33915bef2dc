"""Property tests of the quantity grammar: whatever number, unit, comparison and commitment a plan sentence
combines, the extractor reads back exactly those."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from blueledger.ledgers.extraction import extract
from blueledger.lib.units import COUNT_UNITS, MEASURE_UNITS, UNITS_WITHOUT_MAGNITUDE

UNITS = ["个", "家", "艘", "处", "项", "万吨", "亿元", "万元", "%", "公里", "亩", "万平方米", "批次", "座", "套"]
# (text before the number, text after the unit, op)
COMPARISONS = [
    ("", "", "="),
    ("", "以上", ">="),
    ("不低于", "", ">="),
    ("超过", "", ">"),
    ("", "左右", "~"),
    ("", "以内", "<="),
]
HARDNESS = [("", None), ("确保", "确保"), ("力争", "力争"), ("争取", "争取")]
METRICS = ["新建海洋牧场", "引进重点项目", "完成岸线修复", "新增养殖面积", "培育龙头企业"]

values = st.one_of(
    st.integers(min_value=1, max_value=99999).map(Decimal),
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999.99"), places=2).filter(
        lambda value: value != value.to_integral_value()
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    value=values,
    unit=st.sampled_from(UNITS),
    comparison=st.sampled_from(COMPARISONS),
    hardness=st.sampled_from(HARDNESS),
    metric=st.sampled_from(METRICS),
)
def test_one_target_reads_back(
    value: Decimal,
    unit: str,
    comparison: tuple[str, str, str],
    hardness: tuple[str, str | None],
    metric: str,
) -> None:
    before, after, op = comparison
    word, grade = hardness
    number = format(value.normalize(), "f")
    text = f"一、重点任务\n（一）推进建设。{word}{metric}{before}{number}{unit}{after}。\n"
    quantities = extract(text, source="t.txt").quantities
    assert [(q.value, q.unit, q.op, q.hardness, q.role) for q in quantities] == [
        (value, unit, op, grade, "target")
    ]


@settings(max_examples=200, deadline=None)
@given(low=st.integers(min_value=1, max_value=50), span=st.integers(min_value=1, max_value=50),
       unit=st.sampled_from(["个", "家", "处", "项", "套"]), dash=st.sampled_from(["-", "—", "～", "到", "至"]))
def test_ranges_read_back(low: int, span: int, unit: str, dash: str) -> None:
    text = f"一、重点任务\n（一）招引项目。引进{low}{dash}{low + span}{unit}重点项目。\n"
    quantities = extract(text, source="t.txt").quantities
    assert [(q.value, q.value_max, q.unit, q.op) for q in quantities] == [
        (Decimal(low), Decimal(low + span), unit, "range")
    ]


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=99999),
    unit=st.sampled_from(sorted(COUNT_UNITS | MEASURE_UNITS)),
    magnitude=st.sampled_from(["", "万", "亿"]),
    more=st.sampled_from(["", "余"]),
)
def test_every_unit_reads_back_whole(value: int, unit: str, magnitude: str, more: str) -> None:
    """The longest unit wins (场次 over 场, 台套 over 台), with its magnitude and 余 as written."""
    magnitude = "" if unit in UNITS_WITHOUT_MAGNITUDE else magnitude
    text = f"一、重点任务\n（一）推进建设。新增{value}{more}{magnitude}{unit}。\n"
    quantities = extract(text, source="t.txt").quantities
    assert [(q.value, q.unit, q.op) for q in quantities] == [
        (Decimal(value), magnitude + unit, ">" if more else "=")
    ]
