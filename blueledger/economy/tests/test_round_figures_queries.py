"""The economy figures a dispatch round takes by itself are read in three queries however many targets are bound
(the bindings, their series, their clusters' recognitions): each bound series is read once, not once for the
trajectory and again for the figure, and the figures are those each binding gives on its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import fresh, kept_for_module, make_shandong
from blueledger.dispatch.sources import SourcedFigure
from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.choices import ClusterTier, Indicator
from blueledger.economy.models import OceanIndustry
from blueledger.economy.round_source import economy_round_figures
from blueledger.economy.services import FigureEntry, cluster_save, figure_publish_save, target_bind
from blueledger.economy.tests.factories import load_classification
from blueledger.ledgers.models import LedgerQuantity

pytestmark = pytest.mark.django_db
SOURCE = "测试出处"
AS_OF = datetime.date(2025, 10, 31)


def _target(model: LedgerQuantity, position: int, value: str, unit: str) -> LedgerQuantity:
    return LedgerQuantity.objects.create(
        ledger=model.ledger, task=model.task, metric=f"测试目标{position}", value=Decimal(value), unit=unit,
        deadline=datetime.date(2027, 12, 31), position=position, role=model.role)


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """潍坊's figures and clusters, and six targets bound to them (two level series, a relative target, a target
    without figures, two cluster counts), built once for the module."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        region = shandong["weifang"]
        industry = OceanIndustry.objects.get(key="marine_industries")
        for indicator, year, value, on_industry in (
            (Indicator.OCEAN_GDP, 2023, "1600", False), (Indicator.OCEAN_GDP, 2024, "1703.4", False),
            (Indicator.OCEAN_GDP, 2026, "1900", False), (Indicator.OCEAN_GDP_GROWTH, 2024, "6.8", False),
            (Indicator.GDP, 2022, "7300", False), (Indicator.GDP, 2023, "7600", False),
            (Indicator.GDP_GROWTH, 2024, "6.5", False), (Indicator.VALUE_ADDED_GROWTH, 2023, "7.1", True),
            (Indicator.VALUE_ADDED_GROWTH, 2024, "8.5", True),
        ):
            figure_publish_save(actor=None, entry=FigureEntry(indicator=indicator, region=region, year=year,
                                                              value=Decimal(value), source=SOURCE,
                                                              industry=industry if on_industry else None))
        for name, tier, year in (("甲集聚区", ClusterTier.PROVINCIAL, 2023), ("乙集聚区", ClusterTier.PROVINCIAL, 2024),
                                 ("丙集聚区", ClusterTier.CITY, 2024), ("丁集聚区", ClusterTier.CITY, 2026)):
            cluster_save(actor=None, name=name, tier=tier, region=region, recognised_year=year)
        ledger, _ = make_published_ledger(region)
        model = LedgerQuantity.objects.get(ledger=ledger, unit="亿元")
        bound = [
            (_target(model, 101, "2000", "亿元"), Indicator.OCEAN_GDP, {}),
            (_target(model, 102, "9000", "亿元"), Indicator.GDP, {}),
            (_target(model, 103, "2", "个百分点"), Indicator.VALUE_ADDED,
             {"industry": industry, "reference_indicator": Indicator.GDP}),
            (_target(model, 104, "50", "%"), Indicator.GDP_SHARE, {}),  # no figure: no answer
            (_target(model, 105, "4", "个"), Indicator.PROVINCIAL_CLUSTERS, {}),
            (_target(model, 106, "3", "个"), Indicator.CITY_CLUSTERS, {}),
        ]
        for target, indicator, fields in bound:
            target_bind(actor=None, quantity=target, indicator=indicator, region=region, **fields)
        yield {"targets": [target for target, _, _ in bound]}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def test_three_queries_for_every_binding_and_the_figures_each_gives_alone(world: dict[str, Any]) -> None:
    targets = world["targets"]
    alone: dict[int, SourcedFigure] = {}
    for target in targets:
        with CaptureQueriesContext(connection) as one:
            alone.update(economy_round_figures([target], AS_OF))
        assert len(one) <= 3

    with CaptureQueriesContext(connection) as every:
        figures = economy_round_figures(targets, AS_OF)

    assert len(every) == 3
    assert figures == alone
    assert {target.metric: figures[target.pk].value for target in targets if target.pk in figures} == {
        "测试目标101": Decimal("1703.4"),  # 2026's figure lies after the round's year
        "测试目标102": Decimal("7600"),
        "测试目标103": Decimal("2.0"),  # 2024: 8.5 − 6.5
        "测试目标105": Decimal(2),
        "测试目标106": Decimal(1),  # 丁 is recognised in 2026
    }
    assert figures[targets[0].pk].note == (
        "取自海洋经济监测: 潍坊市2024年海洋生产总值 1703.4亿元 (公开发布: 测试出处); "
        "距2027年目标 2000亿元需年均增长 5.5%, 2024年增长 6.8%, 按进度")
