"""Reasons to check an extracted quantity by hand, read from short invented sentences."""

from blueledger.ledgers.extraction import extract
from blueledger.ledgers.extraction.review import (
    CHINESE_NUMERAL,
    NO_UNIT,
    NUMBER_ADJACENT,
    RELATIVE_DEADLINE,
    ROLE_PRESUMED,
    TARGET_UNBOUND,
    quantity_review_flags,
)


def _flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(q.quote, q.review_flags) for q in extract(text, source="test.txt").quantities]


def test_a_firm_target_with_its_due_year_is_not_flagged() -> None:
    assert _flags("某市海洋发展局2024年工作计划\n一、主要目标\n确保到2026年海洋生产总值达到500亿元。\n") == [
        ("500亿元", ()),
    ]


def test_a_target_with_no_hardness_word_nor_deadline_is_flagged() -> None:
    assert _flags("某市海洋发展局2024年工作计划\n一、主要目标\n建成海洋牧场3处。\n") == [
        ("3处", (TARGET_UNBOUND,)),
    ]


def test_a_number_with_no_role_cue_in_a_mixed_document_is_flagged() -> None:
    text = (
        "某区海洋发展局2023年工作总结及2024年工作计划\n一、2023年工作完成情况\n水产品产量达到85万吨。\n"
        "二、2024年工作计划\n力争水产品产量86万吨。\n三、其他\n海洋牧场3处。\n"
    )
    assert _flags(text)[-1] == ("3处", (ROLE_PRESUMED,))  # a mixed document presumes a fact


def test_a_count_written_in_chinese_is_flagged() -> None:
    assert _flags("某市海洋发展局2024年工作计划\n一、主要目标\n年底前确保建成四个海洋牧场。\n") == [
        ("四个", (CHINESE_NUMERAL, RELATIVE_DEADLINE)),
    ]


def test_a_relative_due_date_is_flagged() -> None:
    assert _flags("某市海洋发展局2024年工作计划\n一、主要目标\n年底前确保建成海洋牧场3处。\n") == [
        ("3处", (RELATIVE_DEADLINE,)),
    ]


def test_reasons_come_in_a_fixed_order() -> None:
    assert quantity_review_flags(
        role="target",
        role_cued=False,
        metric="",
        unit="",
        number_adjacent=True,
        chinese_numeral=True,
        deadline_kind=None,
        has_deadline=False,
        has_hardness=False,
    ) == (ROLE_PRESUMED, "未找到指标名称", NUMBER_ADJACENT, CHINESE_NUMERAL, NO_UNIT, TARGET_UNBOUND)


def test_a_cued_fact_with_its_metric_and_unit_has_no_reason() -> None:
    assert quantity_review_flags(
        role="fact",
        role_cued=True,
        metric="水产品产量",
        unit="万吨",
        number_adjacent=False,
        chinese_numeral=False,
        deadline_kind=None,
        has_deadline=False,
        has_hardness=False,
    ) == ()
