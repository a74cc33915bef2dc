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
