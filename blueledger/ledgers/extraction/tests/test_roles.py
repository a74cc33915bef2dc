"""Target or fact, from the section heading, the document kind and the words of the sentence."""

from blueledger.ledgers.extraction import extract

MIXED = """某区海洋发展局2023年工作总结及2024年工作计划

一、2023年工作完成情况
（一）渔业生产。水产品产量达到85万吨，新建海洋牧场3处。预计到2026年，将建成网箱20座。
二、2024年工作计划
（一）稳定生产。力争水产品产量86万吨，在现有12处海洋牧场基础上新增2处。截至目前，已签约项目5个。
"""


def test_summary_section_reports_facts_and_plan_section_sets_targets() -> None:
    ledger = extract(MIXED, source="test.txt")
    assert [(q.quote, q.role) for q in ledger.quantities] == [
        ("85万吨", "fact"),
        ("3处", "fact"),
        ("20座", "target"),
        ("86万吨", "target"),
        ("12处", "fact"),
        ("2处", "target"),
        ("5个", "fact"),
    ]


def test_facts_carry_no_deadline_or_hardness() -> None:
    ledger = extract(MIXED, source="test.txt")
    facts = [q for q in ledger.quantities if q.role == "fact"]
    assert {(q.deadline, q.hardness) for q in facts} == {(None, None)}


def test_a_past_year_in_a_plan_is_a_fact() -> None:
    ledger = extract(
        "某市海洋局2024年工作要点\n\n2023年，全市海洋生产总值达到1200亿元。\n一、重点任务\n"
        "全市海洋生产总值增长6%。\n",
        source="test.txt",
    )
    assert [(q.quote, q.role) for q in ledger.quantities] == [("1200亿元", "fact"), ("6%", "target")]


def test_quantities_belong_to_the_innermost_heading() -> None:
    ledger = extract(MIXED, source="test.txt")
    assert [q.task_key for q in ledger.quantities] == [
        "一.（一）",
        "一.（一）",
        "一.（一）",
        "二.（一）",
        "二.（一）",
        "二.（一）",
        "二.（一）",
    ]
