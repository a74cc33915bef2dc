"""Importing a document drafts its ledger: the task tree, departments resolved where the region knows them,
targets with value, unit, comparison, firmness and deadline, each with its span into the ledger's text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from blueledger.ledgers.models import LedgerQuantity, LedgerTask, TaskResponsibility
from blueledger.ledgers.tests.factories import make_ledger, make_plan_departments

pytestmark = pytest.mark.django_db


def test_tasks_form_the_tree_of_the_document(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    assert (ledger.title, ledger.issuer, ledger.kind, ledger.status, ledger.region) == (
        "潍坊市海洋发展和渔业局2025年工作要点", "潍坊市海洋发展和渔业局", "plan", "draft", shandong["weifang"]
    )
    rows = [(task.key, task.title, task.parent.key if task.parent else None, task.position)
            for task in LedgerTask.objects.filter(ledger=ledger)]
    assert rows == [
        ("一", "发展海洋经济", None, 0),
        ("一.(一)", "壮大海洋产业", "一", 1),
        ("一.(二)", "建设渔港", "一", 2),
        ("二", "保护海洋生态", None, 3),
    ]
    task = LedgerTask.objects.get(ledger=ledger, key="一.(一)")
    assert ledger.text[task.span_start : task.span_end] == "壮大海洋产业"


def test_departments_resolve_through_the_region_and_stay_open_otherwise(shandong: dict[str, Any]) -> None:
    departments = make_plan_departments(shandong["weifang"])
    ledger = make_ledger(shandong["weifang"])
    rows = [(item.task.key, item.written_name, item.role, item.department)
            for item in TaskResponsibility.objects.filter(task__ledger=ledger).select_related("task", "department")]
    assert rows == [
        ("一.(一)", "市发改委", "lead", departments["市发改委"]),
        ("一.(一)", "市海渔局", "support", departments["市海渔局"]),
        ("一.(一)", "市未知局", "support", None),
        ("一.(二)", "市海渔局", "lead", departments["市海渔局"]),
        ("二", "市生态环境局", "lead", departments["市生态环境局"]),
    ]
    unresolved = TaskResponsibility.objects.get(task__ledger=ledger, written_name="市未知局")
    assert ledger.text[unresolved.span_start : unresolved.span_end] == "市未知局"


def test_quantities_keep_value_unit_op_hardness_deadline_and_quote(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    rows = [
        (q.task.key, q.role, q.metric, q.value, q.value_max, q.unit, q.op, q.hardness, q.deadline, q.quote)
        for q in LedgerQuantity.objects.filter(ledger=ledger).select_related("task")
    ]
    assert rows == [
        ("一.(一)", "target", "海洋生产总值", Decimal("1200"), None, "亿元", "eq", "ensure",
         datetime.date(2025, 12, 31), "1200亿元"),
        ("一.(二)", "target", "新建渔港", Decimal("3"), None, "个", "ge", "strive", None, "3个"),
        ("二", "target", "整治岸线", Decimal("12.5"), None, "公里", "ge", "", None, "12.5公里"),
    ]
    first = LedgerQuantity.objects.filter(ledger=ledger).first()
    assert first is not None and ledger.text[first.span_start : first.span_end] == "1200亿元"
    assert first.get_op_display() == "等于" and first.get_hardness_display() == "确保"


def test_extraction_rows_are_attributed_to_the_importer(shandong: dict[str, Any]) -> None:
    from blueledger.core.testing import make_department, make_user
    from blueledger.users.choices import Role

    dispatcher = make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER)
    ledger = make_ledger(shandong["weifang"], actor=dispatcher)
    record = ledger.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", dispatcher, "从文件自动抽取“工作要点.txt”"
    )
    task_record = LedgerTask.history.filter(ledger_id=ledger.pk).first()
    assert task_record is not None and task_record.history_user == dispatcher
