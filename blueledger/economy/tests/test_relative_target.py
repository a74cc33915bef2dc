"""004's relative target (海洋产业增加值增幅高于全市生产总值增幅2个百分点左右) bound as indicator growth − reference
growth ≥ margin: each year on/off track (published growth, else current-price growth from two levels), shown by
the trajectory command and page, and filling the dispatch round by itself through dispatch.sources."""

import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.choices import ReportSource
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_published_ledger, make_round
from blueledger.economy.choices import Indicator
from blueledger.economy.models import OceanIndustry, TargetBinding
from blueledger.economy.services import FigureEntry, figure_publish_save, target_bind
from blueledger.economy.tests.factories import load_classification
from blueledger.ledgers.models import LedgerQuantity
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db
SOURCE = "测试出处"
METRIC = "海洋产业增加值增幅高于全市生产总值增幅"


@pytest.fixture(scope="module")
def weifang_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The relative target bound to published figures, built once for the module; what each test writes is rolled
    back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        region = shandong["weifang"]
        ledger, _ = make_published_ledger(region)
        target = LedgerQuantity.objects.get(ledger=ledger, unit="亿元")
        target.metric, target.value, target.unit = METRIC, Decimal(2), "个百分点"
        target.deadline = target.deadline.replace(year=2027)
        target.save()
        industry = OceanIndustry.objects.get(key="marine_industries")
        for indicator, year, value, on_industry in (
            (Indicator.VALUE_ADDED_GROWTH, 2022, "5.0", True), (Indicator.VALUE_ADDED_GROWTH, 2023, "7.1", True),
            (Indicator.VALUE_ADDED_GROWTH, 2024, "8.5", True), (Indicator.GDP_GROWTH, 2022, "4.0", False),
            (Indicator.GDP, 2022, "7300", False), (Indicator.GDP, 2023, "7600", False),
            (Indicator.GDP_GROWTH, 2024, "6.5", False),
        ):
            figure_publish_save(actor=None, entry=FigureEntry(indicator=indicator, region=region, year=year,
                                                              value=Decimal(value), source=SOURCE,
                                                              industry=industry if on_industry else None))
        binding = target_bind(actor=None, quantity=target, indicator=Indicator.VALUE_ADDED, region=region,
                              industry=industry, reference_indicator=Indicator.GDP)
        yield {**shandong, "ledger": ledger, "target": target, "binding": binding, "industry": industry}


@pytest.fixture
def weifang(weifang_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(weifang_rows)


def test_binding_is_relative_with_its_history(weifang: dict[str, Any]) -> None:
    assert weifang["binding"].history.get().history_change_reason == (
        "从经济指标取数: 潍坊市 海洋产业增加值增速 − 地区生产总值增速"
    )


def test_command_prints_each_year_on_or_off_track(weifang: dict[str, Any]) -> None:
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [{
        "indicator": "海洋产业增加值", "region": "370700", "metric": METRIC, "target": 2.0, "unit": "个百分点",
        "deadline": "2027-12-31", "latest_value": 2.0, "latest_period": "2024", "required_annual_growth": None,
        "on_track": True, "kind": "relative", "reference_indicator": "地区生产总值", "margin_points": 2.0,
        "periods": [
            {"period": "2022", "growth": 5.0, "reference_growth": 4.0, "gap_points": 1.0, "on_track": False},
            # 2023: GDP grew 7600 ÷ 7300 − 1 = 4.11% at current prices (no published rate): 7.1 − 4.11 = 2.99
            {"period": "2023", "growth": 7.1, "reference_growth": 4.11, "gap_points": 2.99, "on_track": True},
            {"period": "2024", "growth": 8.5, "reference_growth": 6.5, "gap_points": 2.0, "on_track": True},
        ],
    }]


def test_page_shows_the_gaps(weifang: dict[str, Any]) -> None:
    client = page_client(make_user(make_department(weifang["weifang"]), Role.VIEWER))
    response = client.get("/economy/trajectories/", {"region": "370700"})
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert row["measured"] == "潍坊市 海洋产业增加值 (海洋产业)增速 − 地区生产总值增速"
    assert row["gaps"][0] == {"year": 2022, "growth": "5.0%", "reference": "4.0%", "gap": "1.0个百分点",
                              "on_track": False}
    assert row["gaps"][1]["gap"] == "3.0个百分点"
    assert "required-growth" not in response.content.decode()


def test_round_takes_the_gap_by_itself(weifang: dict[str, Any]) -> None:
    reporting_round = make_round(weifang["ledger"])  # October 2025: the latest year with both rates is 2024
    reports = Report.objects.filter(slot__round=reporting_round, slot__quantity=weifang["target"])
    assert reports.exists()
    for report in reports:
        assert (report.value, report.unit, report.source) == (Decimal("2.0"), "个百分点", ReportSource.REGISTRY)
        assert report.progress == (
            "取自海洋经济监测: 潍坊市2024年海洋产业增加值(海洋产业)增速 8.5%, 地区生产总值增速 6.5%, 高出 2.0个百分点; "
            "目标每年高出 2个百分点, 按进度"  # the trajectory's verdict of 2024: 2.0 ≥ 2
        )


def test_relative_binding_needs_growth_rates_and_points(weifang: dict[str, Any]) -> None:
    other = LedgerQuantity.objects.get(ledger=weifang["ledger"], unit="公里")
    with pytest.raises(ValidationError) as error:
        target_bind(actor=None, quantity=other, indicator=Indicator.GDP_SHARE, region=weifang["weifang"],
                    reference_indicator=Indicator.GDP)
    assert error.value.messages == ["相对目标只能比较有增速的指标, “海洋生产总值占地区生产总值比重”没有增速。"]
    with pytest.raises(ValidationError) as error:
        target_bind(actor=None, quantity=other, indicator=Indicator.OCEAN_GDP, region=weifang["weifang"],
                    reference_indicator=Indicator.GDP)
    assert error.value.messages == [f"相对目标“{other.metric}”的单位应为“个百分点”, 实为“公里”。"]
    assert TargetBinding.objects.count() == 1
