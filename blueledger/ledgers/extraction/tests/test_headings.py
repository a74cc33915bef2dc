"""The task outline: heading styles, nesting, keys as written and titles."""

from blueledger.ledgers.extraction import extract


def make_tasks(text: str) -> list[tuple[str, str, str | None]]:
    return [(t.key, t.title, t.parent_key) for t in extract(text, source="test.txt").tasks]


def test_all_heading_styles_nest_in_order_of_first_use() -> None:
    text = (
        "一、总体要求\n（一）主要目标\n1.做强产业。正文。\n（1）培育企业\n"
        "①引进项目\n2、建设园区\n二、保障措施\n"
    )
    assert make_tasks(text) == [
        ("一", "总体要求", None),
        ("一.（一）", "主要目标", "一"),
        ("一.（一）.1", "做强产业", "一.（一）"),
        ("一.（一）.1.（1）", "培育企业", "一.（一）.1"),
        ("一.（一）.1.（1）.①", "引进项目", "一.（一）.1.（1）"),
        ("一.（一）.2", "建设园区", "一.（一）"),
        ("二", "保障措施", None),
    ]


def test_brackets_are_kept_as_written() -> None:
    assert make_tasks("一、任务\n(一)渔业\n（二）海洋\n") == [
        ("一", "任务", None),
        ("一.(一)", "渔业", "一"),
        ("一.（二）", "海洋", "一"),
    ]


def test_items_under_a_section_without_subsections() -> None:
    assert make_tasks("一、稳定经济\n1.健全机制。完善运行。\n二、塑强产业\n2.增强种业。加快改造。\n") == [
        ("一", "稳定经济", None),
        ("一.1", "健全机制", "一"),
        ("二", "塑强产业", None),
        ("二.2", "增强种业", "二"),
    ]


def test_run_in_items_are_not_tasks() -> None:
    assert make_tasks("一、加强统筹\n一是完善机制。二是强化调度。\n") == [("一", "加强统筹", None)]


def test_title_keeps_its_comma_and_drops_the_full_stop() -> None:
    assert make_tasks("（一）找准切入口,构建发展格局。一是统筹谋划。\n") == [
        ("（一）", "找准切入口,构建发展格局", None)
    ]


def test_paragraph_heading_is_cut_at_its_first_comma() -> None:
    text = (
        "1.各区市要严格落实渔船安全生产主体责任和属地管理责任，"
        "加强渔港和渔船的日常监管，确保不发生重大事故。\n"
    )
    assert make_tasks(text) == [("1", "各区市要严格落实渔船安全生产主体责任和属地管理责任", None)]


def test_trailing_responsibility_clause_is_no_part_of_the_title() -> None:
    assert make_tasks("1.建设海洋牧场（市海洋局牵头）\n") == [("1", "建设海洋牧场", None)]


def test_decimal_numbers_at_line_start_are_no_headings() -> None:
    assert make_tasks("1.5万吨水产品已经入库。\n") == []


def test_an_item_whose_first_sentence_states_a_quantity_is_titled_up_to_its_comma() -> None:
    text = (
        "一、强化监管\n（一）开展专项执法行动，全年查处案件不少于60起。\n"
        "（二）聚焦统筹谋划，推进重点任务。一是完成2项。\n"
    )
    titles = [task.title for task in extract(text, source="t.txt").tasks]
    assert titles == ["强化监管", "开展专项执法行动", "聚焦统筹谋划，推进重点任务"]


def test_articles_are_numbered_items_titled_up_to_their_first_comma() -> None:
    text = (
        "关于支持海洋牧场建设的若干措施\n\n"
        "第一条 支持牧场建设。对新建牧场的企业给予补助。\n"
        "第二条　对更新渔船的，按造价的30%给予补贴。\n"
        "第十二条、本措施自发布之日起施行，有效期三年。\n"
    )
    assert make_tasks(text) == [
        ("第一条", "支持牧场建设", None),
        ("第二条", "对更新渔船的", None),
        ("第十二条", "本措施自发布之日起施行", None),
    ]


def test_a_reference_to_an_article_is_no_heading() -> None:
    text = "第一条 支持牧场建设。按照第三条规定给予补助。\n第三条规定的补助标准另行制定。\n"
    assert make_tasks(text) == [("第一条", "支持牧场建设", None)]


def test_chapters_and_parts_open_the_outline() -> None:
    ledger = extract("第一章 总 则\n第一节 前言\n一、面临形势\n全区海岸线长40千米。\n第二章 布局\n", source="t.txt")
    assert [(t.key, t.title, t.parent_key) for t in ledger.tasks] == [
        ("第一章", "总 则", None),
        ("第一章.第一节", "前言", "第一章"),
        ("第一章.第一节.一", "面临形势", "第一章.第一节"),
        ("第二章", "布局", None),
    ]


def test_headings_run_into_their_paragraph_when_they_continue_the_numbering() -> None:
    text = (
        "上半年，全省渔业经济稳中有进。 一、主要指标完成情况 (一)渔业增加值。全省渔业增加值231.9亿元。 "
        "(二)水产品总产量。总产量254.8万吨。 二、运行特点 (一)价格稳中有升。一、二产业融合。 (三)不是续号。\n"
    )
    assert make_tasks(text) == [
        ("一", "主要指标完成情况", None),
        ("一.(一)", "渔业增加值", "一"),
        ("一.(二)", "水产品总产量", "一"),
        ("二", "运行特点", None),
        ("二.(一)", "价格稳中有升", "二"),
    ]
    ledger = extract(text, source="t.txt")
    assert [(q.task_key, q.quote) for q in ledger.quantities] == [("一.(一)", "231.9亿元"), ("一.(二)", "254.8万吨")]


def test_a_subsection_runs_straight_into_its_sections_title() -> None:
    text = "全省工作持续健康发展。一、提升服务能力,促进经济发展(一)加强政策研究。推进智库建设。(二)开展监测评估。\n"
    assert make_tasks(text) == [
        ("一", "提升服务能力,促进经济发展", None),
        ("一.(一)", "加强政策研究", "一"),
        ("一.(二)", "开展监测评估", "一"),
    ]


def test_numbered_notes_after_a_table_are_rules_not_tasks() -> None:
    text = (
        "一、主要目标\n1.新建渔港2座。\n说明：\n1.本表数据为预计数。\n2.责任单位排在第一位的为牵头单位。\n"
        "二、保障措施\n1.加强组织领导。\n"
    )
    assert make_tasks(text) == [
        ("一", "主要目标", None),
        ("一.1", "新建渔港2座", "一"),
        ("二", "保障措施", None),
        ("二.1", "加强组织领导", "二"),
    ]


def test_divisions_open_the_outline_above_sections() -> None:
    text = "第一部分 养护现状\n一、现状\n（一）制定管理制度。\n第二部分 指导思想\n一、总体要求\n"
    assert make_tasks(text) == [
        ("第一部分", "养护现状", None),
        ("第一部分.一", "现状", "第一部分"),
        ("第一部分.一.（一）", "制定管理制度", "第一部分.一"),
        ("第二部分", "指导思想", None),
        ("第二部分.一", "总体要求", "第二部分"),
    ]
