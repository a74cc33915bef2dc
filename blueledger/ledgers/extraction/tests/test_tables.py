"""Target tables in both text shapes: TAB-led cell lines, and TAB-joined rows (.docx reader)."""

import datetime

from blueledger.ledgers.extraction import extract

CELL_LINES = (
    "2024年度市直单位业务目标\n\n\t类别\n\t序号\n\t目标名称\n\t目标内容\n\n"
    "\t重点目标\n\t1\n\t建设海洋牧场\n\t新建示范区2处。\n\n"
    "\t\n\t2\n\t推进渔港整治\n\t全年完成渔港整治12个。\n\n"
    "\t创优目标\n\t1\n\t争创示范城市\n\t争取形成经验3个。\n\n"
    "标杆城市：厦门市    标杆值：力争引进院士2-3位。\n"
)

JOINED_ROWS = (
    "2024年度重点工作目标表\n"
    "类别\t序号\t目标名称\t目标内容\t牵头单位\t配合单位\t完成时限\n"
    "重点目标\t1\t建设海洋牧场\t新建示范区2处。\t市海洋局\t市财政局、市自然资源局\t2024年10月底前\n"
    "\t2\t推进渔港整治\t完成渔港整治5个。\t市海洋局\t\t\n"
)


def test_cell_lines_give_one_task_per_row_keyed_by_group() -> None:
    ledger = extract(CELL_LINES, source="test.txt")
    assert [(t.key, t.title, t.parent_key) for t in ledger.tasks] == [
        ("重点目标.1", "建设海洋牧场", None),
        ("重点目标.2", "推进渔港整治", None),
        ("创优目标.1", "争创示范城市", None),
    ]
    assert ledger.kind == "targets"


def test_lines_after_a_row_belong_to_it() -> None:
    ledger = extract(CELL_LINES, source="test.txt")
    assert [(q.task_key, q.quote) for q in ledger.quantities] == [
        ("重点目标.1", "2处"),
        ("重点目标.2", "12个"),
        ("创优目标.1", "3个"),
        ("创优目标.1", "2-3位"),
    ]


def test_joined_rows_with_department_and_deadline_columns() -> None:
    ledger = extract(JOINED_ROWS, source="test.txt")
    assert [(t.key, t.title) for t in ledger.tasks] == [
        ("重点目标.1", "建设海洋牧场"),
        ("重点目标.2", "推进渔港整治"),
    ]
    assert [(r.task_key, r.role, r.department_name) for r in ledger.responsibilities] == [
        ("重点目标.1", "lead", "市海洋局"),
        ("重点目标.1", "support", "市财政局"),
        ("重点目标.1", "support", "市自然资源局"),
        ("重点目标.2", "lead", "市海洋局"),
    ]
    assert [(q.quote, q.deadline) for q in ledger.quantities] == [
        ("2处", datetime.date(2024, 10, 31)),
        ("5个", None),
    ]


def test_a_bare_month_in_the_deadline_column_is_the_due_date() -> None:
    text = (
        "2024年度重点工作目标表\n"
        "序号\t目标名称\t目标内容\t完成时限\n"
        "1\t渔港建设\t完成2处中心渔港升级改造。\t6月底\n"
        "2\t质量安全\t抽检不少于800批次。\t2024年12月\n"
    )
    ledger = extract(text, source="t.txt")
    assert [(task.title, task.deadline) for task in ledger.tasks] == [
        ("渔港建设", datetime.date(2024, 6, 30)),
        ("质量安全", datetime.date(2024, 12, 31)),
    ]
    assert [q.deadline for q in ledger.quantities] == [datetime.date(2024, 6, 30), datetime.date(2024, 12, 31)]


BAR_ROWS = (
    "序号 | 主要工作任务 | 责任单位 |\n"
    "1 | 地区生产总值增长6%左右。 | 市发展改革委 |\n"
    "2 | 加大企业支持力度,采购预留比例不低于40%。 | 市财政局、市经信局 |\n"
    "3 | 深化审批改革,推进一网通办 | *市政务办、市司法局 |\n"
    "4 | 推进营商环境优化,让企业\n"
)


def test_rows_printed_with_bars_are_tasks_titled_up_to_their_first_comma() -> None:
    ledger = extract(BAR_ROWS, source="t.txt")
    assert ledger.kind == "targets"
    assert [(t.key, t.title) for t in ledger.tasks] == [
        ("1", "地区生产总值增长6%左右"),
        ("2", "加大企业支持力度"),
        ("3", "深化审批改革"),
        ("4", "推进营商环境优化"),
    ]
    assert [(q.task_key, q.quote, q.role) for q in ledger.quantities] == [
        ("1", "6%", "target"),
        ("2", "40%", "target"),
    ]


def test_a_responsibility_cell_with_one_unit_names_the_lead_and_with_several_all_support() -> None:
    ledger = extract(BAR_ROWS, source="t.txt")
    assert [(r.task_key, r.role, r.department_name) for r in ledger.responsibilities] == [
        ("1", "lead", "市发展改革委"),
        ("2", "support", "市财政局"),
        ("2", "support", "市经信局"),
        ("3", "support", "市政务办"),
        ("3", "support", "市司法局"),
    ]


def test_first_and_main_responsibility_columns() -> None:
    text = (
        "序号\t主要工作任务\t第一责任单位\t主要责任单位\n"
        "1\t服务业增加值比重达到40%。\t市发展改革委\t市统计局、各县政府\n"
    )
    ledger = extract(text, source="t.txt")
    assert [(r.role, r.department_name) for r in ledger.responsibilities] == [
        ("lead", "市发展改革委"),
        ("support", "市统计局"),
        ("support", "各县政府"),
    ]


def test_a_legend_can_make_the_first_unit_of_each_list_the_lead() -> None:
    text = (
        "责任单位中排在第一位的为牵头单位。\n"
        "序号\t重点任务\t责任单位\n"
        "1\t建设渔港。\t市海洋局、市财政局\n"
    )
    ledger = extract(text, source="t.txt")
    assert [(r.role, r.department_name) for r in ledger.responsibilities] == [
        ("lead", "市海洋局"),
        ("support", "市财政局"),
    ]


FLATTENED = (
    "—1—某市规划纲要主要目标任务分解落实方案序号主要工作任务第一责任单位主要责任单位一、主要发展指标"
    "1地区生产总值年均增长8%左右,人均生产总值达到9万元。市发展改革委各县(市、区)政府、某某港区"
    "2能耗下降15%。市发展改革委市经信委市统计局、各县(市、区)政府—2—二、产业升级"
    "3推进技术创新,推广先进技术市科技局市经信委、各县(市、区)政府\n"
)


def test_a_table_that_lost_its_separators_is_read_row_by_row() -> None:
    ledger = extract(FLATTENED, source="t.txt")
    assert [(t.key, t.title) for t in ledger.tasks] == [
        ("一", "主要发展指标"),
        ("一.1", "地区生产总值年均增长8%左右"),
        ("一.2", "能耗下降15%"),
        ("二", "产业升级"),
        ("二.3", "推进技术创新"),
    ]
    assert [(q.task_key, q.quote) for q in ledger.quantities] == [
        ("一.1", "8%"),
        ("一.1", "9万元"),
        ("一.2", "15%"),
    ]


def test_the_first_column_of_a_flattened_table_runs_its_units_together() -> None:
    ledger = extract(FLATTENED, source="t.txt")
    assert [(r.task_key, r.role, r.department_name) for r in ledger.responsibilities] == [
        ("一.1", "lead", "市发展改革委"),
        ("一.1", "support", "各县(市、区)政府"),
        ("一.1", "support", "某某港区"),
        ("一.2", "lead", "市发展改革委"),
        ("一.2", "lead", "市经信委"),
        ("一.2", "support", "市统计局"),
        ("一.2", "support", "各县(市、区)政府"),
        ("二.3", "lead", "市科技局"),
        ("二.3", "support", "市经信委"),
        ("二.3", "support", "各县(市、区)政府"),
    ]


def test_a_flattened_tables_title_on_its_line_and_a_plans_implementing_scheme_is_a_policy() -> None:
    text = FLATTENED.replace("某市规划纲要", "《某市规划纲要》")
    ledger = extract(text, source="t.txt")
    assert (ledger.title, ledger.kind) == ("《某市规划纲要》主要目标任务分解落实方案", "policy")
    scheme = extract("某市海洋经济发展规划实施方案\n\n一、重点任务\n", source="t.txt")
    assert scheme.kind == "policy"
    plan = extract("某区养殖水域滩涂规划2018-2030\n\n第一章 总 则\n", source="t.txt")
    assert plan.kind == "plan"
