"""A ledger target bound to an economy series: its trajectory (command and selector), and the dispatch round
taking the figure by itself through dispatch.sources."""

import datetime
import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from blueledger.core.testing import fresh, kept_for_module, make_shandong
from blueledger.dispatch.choices import ReportSource, ReportStatus
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_published_ledger, make_round
from blueledger.economy.choices import Indicator
from blueledger.economy.models import TargetBinding
from blueledger.economy.services import FigureEntry, figure_publish_save, target_bind
from blueledger.ledgers.models import LedgerQuantity

pytestmark = pytest.mark.django_db
SOURCE = "chaxiaohao.com (二手来源)"


@pytest.fixture(scope="module")
def weifang_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """A published ledger and 潍坊's figures, built once for the module; what each test writes is rolled back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        region = shandong["weifang"]
        ledger, departments = make_published_ledger(region)
        target = LedgerQuantity.objects.get(ledger=ledger, unit="亿元")
        for indicator, year, value in ((Indicator.OCEAN_GDP, 2023, "1600"), (Indicator.OCEAN_GDP, 2024, "1703.4"),
                                       (Indicator.OCEAN_GDP_GROWTH, 2024, "6.8")):
            figure_publish_save(actor=None, entry=FigureEntry(indicator=indicator, region=region, year=year,
                                                              value=Decimal(value), source=SOURCE))
        yield {**shandong, "ledger": ledger, "departments": departments, "target": target}


@pytest.fixture
def weifang(weifang_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(weifang_rows)


def test_trajectory_command_prints_each_bound_target(weifang: dict[str, Any]) -> None:
    target = weifang["target"]
    target.value, target.deadline = Decimal(2000), target.deadline.replace(year=2027)
    target.save()
    target_bind(actor=None, quantity=target, indicator=Indicator.OCEAN_GDP, region=weifang["weifang"])
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", "--indicator", "海洋生产总值", "--format", "json",
                 stdout=out)
    assert json.loads(out.getvalue()) == [{
        "indicator": "海洋生产总值",
        "region": "370700",
        "metric": target.metric,
        "target": 2000.0,
        "unit": "亿元",
        "deadline": "2027-12-31",
        "latest_value": 1703.4,
        "latest_period": "2024",
        "required_annual_growth": 0.055,
        "on_track": True,
    }]
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370200", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_binding_is_refused_when_the_units_differ(weifang: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        target_bind(actor=None, quantity=weifang["target"], indicator=Indicator.GDP_SHARE, region=weifang["weifang"])
    assert error.value.messages == [
        f"“{weifang['target'].metric}”的单位“亿元”与指标“海洋生产总值占地区生产总值比重”的单位“%”不一致。"
    ]
    assert not TargetBinding.objects.exists()


def test_round_takes_the_bound_figure_by_itself(weifang: dict[str, Any]) -> None:
    binding = target_bind(actor=None, quantity=weifang["target"], indicator=Indicator.OCEAN_GDP,
                          region=weifang["weifang"])
    assert binding.history.get().history_change_reason == "从经济指标取数: 潍坊市 海洋生产总值"
    reporting_round = make_round(weifang["ledger"])  # October 2025: the latest annual figure is 2024's
    reports = Report.objects.filter(slot__round=reporting_round, slot__quantity=weifang["target"])
    assert reports.count() == reports.values("slot").distinct().count() >= 1
    for report in reports:
        assert (report.value, report.unit, report.source, report.status) == (
            Decimal("1703.4"), "亿元", ReportSource.REGISTRY, ReportStatus.SUBMITTED
        )
        # the fixture's target (1200亿元 by 2025) is already below 潍坊's 2024 figure
        assert report.progress == (f"取自海洋经济监测: 潍坊市2024年海洋生产总值 1703.4亿元 (公开发布: {SOURCE}); "
                                   "已不低于2025年目标值 1200亿元")
        assert report.history.get().history_change_reason == "平台取数"
    # Unbound targets are left to their departments.
    assert not Report.objects.filter(slot__round=reporting_round).exclude(slot__quantity=weifang["target"]).exists()


def test_the_rounds_note_tells_the_trajectory_as_of_the_rounds_year(weifang: dict[str, Any]) -> None:
    """The note beside the figure is the trajectory of `blueledger economy trajectory`, cut at the round's year:
    a 2025 round reads 2024's figure and growth, a 2023 round 2023's figure (no growth known: no verdict)."""
    target = weifang["target"]
    target.value, target.deadline = Decimal(2000), target.deadline.replace(year=2027)
    target.save()
    target_bind(actor=None, quantity=target, indicator=Indicator.OCEAN_GDP, region=weifang["weifang"])
    october = make_round(weifang["ledger"])
    year_2023 = make_round(weifang["ledger"], (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)))
    notes = {
        reporting_round: set(Report.objects.filter(slot__round=reporting_round, slot__quantity=target)
                             .values_list("progress", flat=True))
        for reporting_round in (october, year_2023)
    }
    assert notes == {
        october: {f"取自海洋经济监测: 潍坊市2024年海洋生产总值 1703.4亿元 (公开发布: {SOURCE}); "
                  "距2027年目标 2000亿元需年均增长 5.5%, 2024年增长 6.8%, 按进度"},
        # (2000 ÷ 1600)^(1/4) − 1 = 5.7%; 2022 is not stored, so 2023's growth is unknown
        year_2023: {f"取自海洋经济监测: 潍坊市2023年海洋生产总值 1600亿元 (公开发布: {SOURCE}); "
                    "距2027年目标 2000亿元需年均增长 5.7%, 无法判断"},
    }
