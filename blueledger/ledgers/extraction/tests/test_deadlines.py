"""Due dates: 年内/全年完成/年底前, 8月份前, 2023年年底前, 到2027年 — resolved with the document's year."""

import datetime

from blueledger.ledgers.extraction import extract


def make_deadlines(
    body: str, title: str = "某区海洋发展局2024年工作要点"
) -> list[tuple[str, datetime.date | None]]:
    ledger = extract(title + "\n\n一、重点工作\n" + body + "\n", source="test.txt")
    return [(q.quote, q.deadline) for q in ledger.quantities]


def test_within_the_year() -> None:
    assert make_deadlines("年内新建渔港2座。全年完成投资8亿元。年底前改造码头3处。") == [
        ("2座", datetime.date(2024, 12, 31)),
        ("8亿元", datetime.date(2024, 12, 31)),
        ("3处", datetime.date(2024, 12, 31)),
    ]


def test_month_and_half_year() -> None:
    assert make_deadlines("8月份前完成整治5处。上半年完成培训200人次。6月底前建成平台1个。") == [
        ("5处", datetime.date(2024, 8, 31)),
        ("200人次", datetime.date(2024, 6, 30)),
        ("1个", datetime.date(2024, 6, 30)),
    ]


def test_explicit_years() -> None:
    assert make_deadlines("2025年年底前建成网箱10座。到2027年，产值超过500亿元。") == [
        ("10座", datetime.date(2025, 12, 31)),
        ("500亿元", datetime.date(2027, 12, 31)),
    ]


def test_deadline_covers_the_whole_sentence() -> None:
    assert make_deadlines("年内抽检1000批次以上，合格率达到98%以上。新建平台2个。") == [
        ("1000批次", datetime.date(2024, 12, 31)),
        ("98%", datetime.date(2024, 12, 31)),
        ("2个", None),
    ]


def test_measured_periods_are_no_deadlines() -> None:
    assert make_deadlines("全年海洋生产总值增长8%左右，年度计划投资60亿元，每年培育企业5家。") == [
        ("8%", None),
        ("60亿元", None),
        ("5家", None),
    ]


def test_year_inside_a_document_name_is_no_deadline() -> None:
    assert make_deadlines("编制《2024年海洋牧场建设方案》，梳理重点任务30项。") == [("30项", None)]


def test_a_multi_year_plan_speaks_from_its_first_year() -> None:
    text = (
        "某市海洋经济三年行动方案（2024—2026年）\n\n一、重点任务\n"
        "1.壮大海洋化工。2025年底前化工产业产值达到500亿元，年内新建园区2个。\n"
    )
    quantities = extract(text, source="t.txt").quantities
    assert [(q.role, q.deadline) for q in quantities] == [
        ("target", datetime.date(2025, 12, 31)),
        ("target", datetime.date(2024, 12, 31)),
    ]
    assert quantities[0].metric == "化工产业产值"


def test_a_deadline_never_reaches_back_to_numbers_before_it() -> None:
    assert make_deadlines("增幅2个百分点左右，到2027年海洋生产总值达到750亿元。新建平台2个，年底前建成网箱1座。") == [
        ("2个百分点", None),
        ("750亿元", datetime.date(2027, 12, 31)),
        ("2个", None),
        ("1座", datetime.date(2024, 12, 31)),
    ]


def test_this_year_in_a_target_sentence_is_due_at_the_end_of_the_documents_year() -> None:
    assert make_deadlines("今年全市新建渔港2座，今年以来已建成码头3处。") == [
        ("2座", datetime.date(2024, 12, 31)),
        ("3处", None),
    ]
