"""Economy figures: published ones need their source; computed ones carry their method; a rerun with equal
values writes nothing; the demo loads the published series of domain-facts §2.3–2.4."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.economy.choices import FigureOrigin, Indicator
from blueledger.economy.demo import published_load
from blueledger.economy.models import EconomyFigure, OceanIndustry
from blueledger.economy.selectors import observations_of, series_of
from blueledger.economy.services import FigureEntry, figure_publish_save, unit_report_save, value_added_compute
from blueledger.economy.tests.factories import load_classification, make_unit
from blueledger.economy.trajectory import Observation

pytestmark = pytest.mark.django_db


def test_published_figure_needs_a_source(shandong: dict[str, Any]) -> None:
    entry = FigureEntry(indicator=Indicator.OCEAN_GDP, region=shandong["weifang"], year=2024, value=Decimal("1703.4"))
    with pytest.raises(ValidationError) as error:
        figure_publish_save(actor=None, entry=entry)
    assert error.value.messages == ["公开发布的数据须注明出处。"]
    assert not EconomyFigure.objects.exists()


def test_rerun_with_equal_values_writes_no_history(shandong: dict[str, Any]) -> None:
    entry = FigureEntry(indicator=Indicator.OCEAN_GDP, region=shandong["weifang"], year=2024, value=Decimal("1703.4"),
                        source="来源")
    figure = figure_publish_save(actor=None, entry=entry)
    figure_publish_save(actor=None, entry=entry)
    assert (figure.unit, figure.history.count()) == ("亿元", 1)


def test_value_added_computed_from_unit_reports_with_method(shandong: dict[str, Any]) -> None:
    load_classification()
    shipbuilding = OceanIndustry.objects.get(key="shipbuilding")
    first = make_unit(shandong["huangdao"], ocean_industry=shipbuilding, sea_share=Decimal("0.5"))
    second = make_unit(shandong["laoshan"], ocean_industry=shipbuilding)
    unit_report_save(actor=None, unit=first, year=2024, quarter=0, value_added_wan=Decimal(20000))
    unit_report_save(actor=None, unit=second, year=2024, quarter=0, value_added_wan=Decimal(10000))
    assert value_added_compute(actor=None, year=2024) == 1
    figure = EconomyFigure.objects.get()
    assert (figure.region.code, figure.industry, figure.value, figure.unit, figure.origin) == (
        "370200", shipbuilding, Decimal("2.0000"), "亿元", FigureOrigin.COMPUTED
    )
    assert figure.method == "统计单位报送增加值 (万元) × 涉海比例 (未填按 100%) 求和 ÷ 10000 (亿元, 现价); 2 家单位"


def test_demo_loads_the_published_series_with_sources(shandong: dict[str, Any]) -> None:
    load_classification()
    published_load()
    assert not EconomyFigure.objects.filter(source="").exists()
    national = [(f.year, f.value) for f in series_of(indicator=Indicator.OCEAN_GDP, region=None)]
    assert national == [(2020, Decimal("79550")), (2021, Decimal("90385")), (2022, Decimal("94628")),
                        (2023, Decimal("99097")), (2024, Decimal("105438"))]
    assert observations_of(indicator=Indicator.OCEAN_GDP, region=shandong["weifang"]) == [
        Observation(2024, Decimal("1703.4000"), Decimal("6.8000"))
    ]
    shandong_province = [f.year for f in series_of(indicator=Indicator.OCEAN_GDP, region=shandong["province"])]
    assert shandong_province == [2019, 2020, 2021, 2022, 2023, 2024]
