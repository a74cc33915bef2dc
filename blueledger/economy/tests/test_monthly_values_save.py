"""monthly_values_save saves many months of a region's series as monthly_value_save saves one: new months in
bulk each with its "+" history row, a changed month saved with its "~" row, an equal one not written; every entry
checked first, so a refused entry writes nothing; the same few queries for 1 month or 12."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user
from blueledger.economy.models import MonthlyValue
from blueledger.economy.services import MonthlyEntry, monthly_value_save, monthly_values_save
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db
SOURCE = "市港航局月报"


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        yield {**shandong, "office": make_user(make_department(shandong["weifang"]), Role.DISPATCHER)}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def _rows() -> list[tuple[Any, ...]]:
    return list(MonthlyValue.objects.order_by("pk").values_list(
        "region__code", "series", "year", "month", "value", "unit", "source", "generated"))


def _history() -> list[tuple[Any, ...]]:
    return list(MonthlyValue.history.order_by("history_id").values_list(  # type: ignore[attr-defined]
        "id", "series", "month", "value", "history_type", "history_user_id", "history_change_reason"))


def test_new_changed_and_equal_months_in_one_call(world: dict[str, Any]) -> None:
    office, weifang = world["office"], world["weifang"]
    january = monthly_value_save(actor=office, region=weifang, series="port_throughput", year=2025, month=1,
                                 value=Decimal("3200.5"), source=SOURCE)
    february = monthly_value_save(actor=office, region=weifang, series="port_throughput", year=2025, month=2,
                                  value=Decimal("2900"), source=SOURCE)

    rows = monthly_values_save(actor=office, region=weifang, source=SOURCE, reason="导入月报", entries=[
        MonthlyEntry("landings", 2025, 1, Decimal("21000.2")),
        MonthlyEntry("port_throughput", 2025, 2, Decimal("2950")),  # changed
        MonthlyEntry("port_throughput", 2025, 1, Decimal("3200.5000")),  # equal: not written
        MonthlyEntry("port_throughput", 2025, 3, Decimal("3300")),
    ])

    assert [row.pk for row in rows[1:3]] == [february.pk, january.pk]
    assert _rows() == [
        ("370700", "port_throughput", 2025, 1, Decimal("3200.5000"), "万吨", SOURCE, False),
        ("370700", "port_throughput", 2025, 2, Decimal("2950.0000"), "万吨", SOURCE, False),
        ("370700", "landings", 2025, 1, Decimal("21000.2000"), "吨", SOURCE, False),
        ("370700", "port_throughput", 2025, 3, Decimal("3300.0000"), "万吨", SOURCE, False),
    ]
    assert _history() == [
        (january.pk, "port_throughput", 1, Decimal("3200.5000"), "+", office.pk, "录入月度指标"),
        (february.pk, "port_throughput", 2, Decimal("2900.0000"), "+", office.pk, "录入月度指标"),
        (rows[0].pk, "landings", 1, Decimal("21000.2000"), "+", office.pk, "导入月报"),
        (rows[3].pk, "port_throughput", 3, Decimal("3300.0000"), "+", office.pk, "导入月报"),
        (february.pk, "port_throughput", 2, Decimal("2950.0000"), "~", office.pk, "导入月报"),
    ]


@pytest.mark.parametrize(("entry", "refusal"), [
    (MonthlyEntry("tides", 2025, 4, Decimal(1)), "未知的月度指标“tides”。"),
    (MonthlyEntry("landings", 2025, 13, Decimal(1)), "月份应为 1–12, 实为 13。"),
    (MonthlyEntry("landings", 2025, 4, Decimal(-1)), "月度指标值不能为负数。"),
    (MonthlyEntry("landings", 2025, 1, Decimal(2)), "月度指标“渔获及水产品上岸量” 2025-01 重复。"),
])
def test_a_refused_entry_writes_nothing(world: dict[str, Any], entry: MonthlyEntry, refusal: str) -> None:
    with pytest.raises(ValidationError) as refused:
        monthly_values_save(actor=world["office"], region=world["weifang"], entries=[
            MonthlyEntry("landings", 2025, 1, Decimal("21000.2")), entry])
    assert refused.value.messages == [refusal]
    assert (MonthlyValue.objects.count(), MonthlyValue.history.count()) == (0, 0)  # type: ignore[attr-defined]


def test_the_same_queries_for_one_month_or_twelve(world: dict[str, Any]) -> None:
    counts = []
    for year, months in ((2023, 1), (2024, 1), (2025, 12)):  # the first reads the actor's rights, kept after
        with CaptureQueriesContext(connection) as queries:
            monthly_values_save(actor=world["office"], region=world["weifang"], entries=[
                MonthlyEntry("investment", year, month, Decimal(month)) for month in range(1, months + 1)])
        counts.append(len(queries))
    # The savepoint and its release, the months already held, the new rows, their history rows.
    assert counts[1:] == [5, 5]
    assert MonthlyValue.history.filter(year=2025).count() == 12  # type: ignore[attr-defined]
