"""A document whose annex numbers again from 一 imports (it failed with an IntegrityError on
ledger_task_key_unique): the annex's tasks are keyed 第2部分.一 …, and each figure and department stays with
the task it is written under."""

from __future__ import annotations

from typing import Any

from blueledger.ledgers.tests.factories import make_ledger

ANNEX_TEXT = """潍坊市海洋发展和渔业局2025年工作要点

一、发展海洋经济
到2025年底,海洋生产总值确保达到1200亿元。(牵头单位:市发改委)
二、保护海洋生态
整治岸线不少于12.5公里。(牵头单位:市生态环境局)

附件:重点任务分工
一、渔港建设
力争新建渔港3个以上。(牵头单位:市海渔局)
二、海洋牧场
新增海洋牧场2处。(牵头单位:市海渔局)
"""


def test_an_annex_numbering_again_from_one_becomes_a_second_part(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"], text=ANNEX_TEXT, filename="附件重新编号.txt")

    assert [(task.key, task.title) for task in ledger.tasks.order_by("position")] == [
        ("一", "发展海洋经济"), ("二", "保护海洋生态"), ("第2部分.一", "渔港建设"), ("第2部分.二", "海洋牧场"),
    ]
    assert [(q.metric, q.task.key) for q in ledger.quantities.select_related("task").order_by("position")] == [
        ("海洋生产总值", "一"), ("整治岸线", "二"), ("新建渔港", "第2部分.一"), ("新增海洋牧场", "第2部分.二"),
    ]
    assert sorted((task.key, r.written_name) for task in ledger.tasks.all() for r in task.responsibilities.all()) == [
        ("一", "市发改委"), ("二", "市生态环境局"), ("第2部分.一", "市海渔局"), ("第2部分.二", "市海渔局"),
    ]
