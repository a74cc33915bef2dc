"""history_bulk_create writes the history row a save() writes: every column the same but the row's own ids and
the moment, with the actor and the reason (cut to its column) given once for all rows or one per row, in the rows'
order."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.testing import make_department, make_user
from blueledger.ledgers.models import LedgerQuantity, LedgerTask
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

# Differ between two rows written alike: the rows' own ids and the moment of writing.
OWN_COLUMNS = {"id", "history_id", "history_date"}
LONG_REASON = "从文件自动抽取" + "很长的原因" * 30


def _copies(ledger: Any) -> list[LedgerQuantity]:
    """New targets with every field of the ledger's targets, covering a task, a decimal, a range, a date and
    review flags (JSON)."""
    originals = list(LedgerQuantity.objects.filter(ledger=ledger))
    originals[0].value_max, originals[0].deadline = Decimal("7.25"), datetime.date(2025, 12, 31)
    originals[0].review_flags = ["角色由文档类型推定", "单位待核"]
    fields = [field for field in LedgerQuantity._meta.concrete_fields if not field.primary_key]
    return [LedgerQuantity(**{field.attname: getattr(original, field.attname) for field in fields})
            for original in originals]


def _history_rows(quantities: list[LedgerQuantity]) -> list[dict[str, Any]]:
    rows = LedgerQuantity.history.filter(id__in=[q.pk for q in quantities]).order_by("id").values()  # type: ignore[attr-defined]
    return [{column: value for column, value in row.items() if column not in OWN_COLUMNS} for row in rows]


def test_bulk_history_rows_equal_the_rows_save_writes(shandong: dict[str, Any]) -> None:
    actor = make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER, "dispatcher")
    ledger = make_ledger(shandong["weifang"])
    saved, bulk = _copies(ledger), _copies(ledger)
    for quantity in saved:
        attribute_change(quantity, actor=actor, reason=LONG_REASON)
        quantity.save()
    started = timezone.now()
    LedgerQuantity.objects.bulk_create(bulk)
    history_bulk_create(bulk, actor=actor, reason=LONG_REASON)

    expected = _history_rows(saved)
    assert len(expected) == 3
    assert _history_rows(bulk) == expected
    assert expected[0]["review_flags"] == ["角色由文档类型推定", "单位待核"]
    assert (expected[0]["history_user_id"], expected[0]["history_type"]) == (actor.pk, "+")
    reason_length = LedgerQuantity.history.model._meta.get_field("history_change_reason").max_length  # type: ignore[attr-defined]
    assert len(LONG_REASON) > reason_length and expected[0]["history_change_reason"] == LONG_REASON[:reason_length]
    dates = {row.history_date for row in LedgerQuantity.history.filter(id__in=[q.pk for q in bulk])}  # type: ignore[attr-defined]
    assert len(dates) == 1 and started <= dates.pop() <= timezone.now()
    records = LedgerQuantity.history.filter(id__in=[q.pk for q in bulk]).order_by("history_id")  # type: ignore[attr-defined]
    assert [record.id for record in records] == [quantity.pk for quantity in bulk]


def test_bulk_history_of_the_system_without_reason_and_of_no_rows(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    before = LedgerTask.history.count()  # type: ignore[attr-defined]
    history_bulk_create([], actor=None, reason="无")
    assert LedgerTask.history.count() == before  # type: ignore[attr-defined]
    task = LedgerTask.objects.filter(ledger=ledger).first()
    assert task is not None
    [copy] = LedgerTask.objects.bulk_create([LedgerTask(ledger=ledger, key="九", title=task.title, parent=task,
                                                        position=99)])
    history_bulk_create([copy], actor=None)
    record = LedgerTask.history.get(id=copy.pk)  # type: ignore[attr-defined]
    assert (record.history_user_id, record.history_change_reason, record.parent_id, record.key) == (
        None, None, task.pk, "九")


def test_bulk_history_with_a_reason_per_row_equals_the_rows_save_writes(
    shandong: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = make_user(make_department(shandong["weifang"], "市海渔办"), Role.DISPATCHER, "dispatcher")
    ledger = make_ledger(shandong["weifang"])
    reasons = [LONG_REASON, "", "补报"]
    saved, bulk = _copies(ledger), _copies(ledger)
    for quantity, reason in zip(saved, reasons, strict=True):
        attribute_change(quantity, actor=actor, reason=reason)
        quantity.save()
    LedgerQuantity.objects.bulk_create(bulk)
    # Two rows a batch, so that the reasons of a later batch are not those of the first; the instances given in
    # reverse, so that each reason goes with its instance, not with the place of its pk.
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: 2)
    history_bulk_create(bulk[::-1], actor=actor, reason=reasons[::-1])

    expected = _history_rows(saved)
    assert _history_rows(bulk) == expected
    reason_length = LedgerQuantity.history.model._meta.get_field("history_change_reason").max_length  # type: ignore[attr-defined]
    assert [row["history_change_reason"] for row in expected] == [LONG_REASON[:reason_length], None, "补报"]
    records = LedgerQuantity.history.filter(id__in=[q.pk for q in bulk]).order_by("history_id")  # type: ignore[attr-defined]
    assert [record.id for record in records] == [quantity.pk for quantity in bulk]
    assert len({record.history_date for record in records}) == 1


def test_bulk_history_refuses_reasons_that_do_not_match_the_rows(shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    bulk = LedgerQuantity.objects.bulk_create(_copies(ledger))
    before = LedgerQuantity.history.count()  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"^3 rows but 2 reasons$"):
        history_bulk_create(bulk, actor=None, reason=["补报", "更正"])
    assert LedgerQuantity.history.count() == before  # type: ignore[attr-defined]
