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


def make_roles(text: str) -> list[tuple[str, str]]:
    return [(q.quote, q.role) for q in extract(text, source="test.txt").quantities]


def test_a_running_total_is_a_fact_unless_the_sentence_plans_it() -> None:
    text = (
        "某市海洋局2024年工作要点\n\n一、重点任务\n"
        "全市累计建成示范区12处。2025年底前累计建成平台5座。年底前累计引进项目8个。"
        "三年累计放流苗种15亿单位。近三年累计投入资金6亿元。累计建成网箱20口，年底前新增4口。\n"
    )
    assert make_roles(text) == [
        ("12处", "fact"),
        ("5座", "target"),
        ("8个", "target"),
        ("15亿单位", "target"),
        ("6亿元", "fact"),
        ("20口", "fact"),
        ("4口", "target"),
    ]


def test_a_running_total_in_a_policy_is_a_target_unless_it_counts_up_to_now() -> None:
    text = (
        "关于支持海洋牧场建设的若干措施\n\n近年来，全县累计建成示范区6处。\n"
        "第一条 支持牧场建设。全县累计建成示范区10处。目前累计建成平台2座，年底前达到4座。\n"
    )
    assert make_roles(text) == [("6处", "fact"), ("10处", "target"), ("2座", "fact"), ("4座", "target")]


def test_a_change_against_last_year_is_planned_in_a_plan() -> None:
    text = (
        "某市海洋局2024年工作要点\n\n上年全市海洋生产总值达到1200亿元。\n一、重点任务\n"
        "用海审批时间比上年压减20%，渔业产值较去年增长8%。\n"
    )
    assert make_roles(text) == [("1200亿元", "fact"), ("20%", "target"), ("8%", "target")]


def test_funding_sought_in_a_summary_is_money_obtained() -> None:
    text = (
        "某市海洋局2024年工作总结\n\n一、工作完成情况\n"
        "争取上级科技资金3860万元。积极争取省级资金支持，新建平台3个。争取新增示范区2处。\n"
    )
    ledger = extract(text, source="test.txt")
    assert [(q.quote, q.role, q.hardness) for q in ledger.quantities] == [
        ("3860万元", "fact", None),
        ("3个", "fact", None),
        ("2处", "target", "争取"),
    ]


def test_a_due_date_in_a_later_year_makes_a_summary_sentence_a_target() -> None:
    text = (
        "某市海洋局2024年工作总结\n\n一、工作完成情况\n"
        "2025年底前建成平台5座。2024年底前建成网箱3座。2026年6月前完成改造2处。\n"
    )
    assert make_roles(text) == [("5座", "target"), ("3座", "fact"), ("2处", "target")]


def test_a_news_report_without_a_title_word_reports_facts() -> None:
    text = (
        "某县渔业实现首季开门红\n\n"
        "一季度，全县完成水产品产量6.2万吨，同比增长4.1%。目前，全县拥有远洋渔船52艘。\n"
        "全县建成海上平台12个。\n"
    )
    ledger = extract(text, source="test.txt")
    assert ledger.kind == "summary"
    assert [(q.quote, q.role) for q in ledger.quantities] == [
        ("6.2万吨", "fact"),
        ("4.1%", "fact"),
        ("52艘", "fact"),
        ("12个", "fact"),
    ]


def test_a_report_that_also_sets_targets_is_mixed_and_each_sentence_keeps_its_role() -> None:
    text = (
        "某港区海洋经济发展势头良好\n\n"
        "今年一季度，港区实现财政收入3亿元，同比增长12%。"
        "力争到2030年，港区实现生产总值500亿元。\n"
    )
    ledger = extract(text, source="test.txt")
    assert ledger.kind == "mixed"
    assert [(q.quote, q.role) for q in ledger.quantities] == [
        ("3亿元", "fact"),
        ("12%", "fact"),
        ("500亿元", "target"),
    ]


def test_a_background_section_of_a_plan_reports_facts_at_any_level() -> None:
    text = (
        "某区海洋经济发展规划\n\n第一章 总则\n一、基本形势\n全区海岸线长40千米，海域面积900公顷。\n"
        "二、发展目标\n海洋生产总值达到100亿元。\n"
    )
    assert make_roles(text) == [("40千米", "fact"), ("900公顷", "fact"), ("100亿元", "target")]


def test_an_estimate_for_a_period_still_to_come_is_a_target_in_a_report() -> None:
    text = (
        "前三季度某县渔业情况\n\n"
        "前三季度全县水产品产量13.6万吨，同比增长2.2%。预计年产量可达到20万吨以上。"
        "全县对虾全年产量预计超过2000吨，比去年增长60%。预计一季度完成产值3亿元。\n"
    )
    assert make_roles(text) == [
        ("13.6万吨", "fact"),
        ("2.2%", "fact"),
        ("20万吨", "target"),
        ("2000吨", "target"),
        ("60%", "target"),
        ("3亿元", "fact"),
    ]


def test_a_sentence_that_plainly_reports_is_a_fact_inside_a_plan() -> None:
    text = (
        "某市海洋局2024年工作要点\n\n一、重点任务\n"
        "上半年，全市完成水产品产量16万吨，同比增长3%。目前全市建成海上平台12个。"
        "全市海洋生产总值增长6%。力争新建平台5个，目前已有3个。\n"
    )
    assert make_roles(text) == [
        ("16万吨", "fact"),
        ("3%", "fact"),
        ("12个", "fact"),
        ("6%", "target"),
        ("5个", "target"),
        ("3个", "fact"),
    ]
