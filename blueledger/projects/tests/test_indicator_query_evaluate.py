"""A saved indicator query gives its value with its unit (个, 亿元, %) on small hand-made registries; the
filters narrow it; a query outside its region or with unknown filters is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.projects import selectors, services
from blueledger.projects.indicators import IndicatorValue
from blueledger.projects.models import IndicatorQuery, Lead
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

D = Decimal
JUNE = date(2023, 6, 1)


@pytest.fixture
def city(shandong: dict[str, Any]) -> dict[str, Any]:
    admin = make_user(make_department(shandong["qingdao"]), Role.ADMIN)
    return {
        **shandong,
        "admin": admin,
        "fishery": make_track(shandong["qingdao"], "海洋渔业"),
        "equipment": make_track(shandong["qingdao"], "海洋装备", 1),
    }


def evaluate(city: dict[str, Any], indicator: str, as_of: date = JUNE, **filters: Any) -> IndicatorValue:
    query = services.indicator_query_save(
        actor=city["admin"], region=city["qingdao"], name=f"{indicator} {filters}", indicator=indicator, filters=filters
    )
    return selectors.indicator_value(query=query, as_of=as_of)


def signed_lead(city: dict[str, Any], region_key: str, name: str, signed_on: str, amount_yi: int) -> Lead:
    track = city["fishery"] if region_key != "weifang" else make_track(city["weifang"])
    lead = services.lead_create(
        actor=None, region=city[region_key], track=track, name=name, entered_on=date(2022, 10, 1)
    )
    services.lead_stage_change(
        actor=None,
        lead=lead,
        stage="signed",
        changed_on=date.fromisoformat(signed_on),
        signed_amount_wan=D(amount_yi) * 10000,
    )
    return lead


@pytest.mark.django_db
def test_signed_over_50_yi_counts_leads_signed_this_year_up_to_the_month(city: dict[str, Any]) -> None:
    signed_lead(city, "huangdao", "六十亿元", "2023-03-15", 60)
    signed_lead(city, "laoshan", "五十亿元整", "2023-06-30", 50)  # the threshold is 50亿元 or more
    signed_lead(city, "huangdao", "二十亿元", "2023-04-01", 20)  # below the threshold
    signed_lead(city, "huangdao", "去年签约", "2022-12-20", 80)  # last year
    signed_lead(city, "laoshan", "七月签约", "2023-07-01", 70)  # after the month
    signed_lead(city, "weifang", "潍坊签约", "2023-02-01", 90)  # another city
    assert evaluate(city, "signed_leads", min_signed_yi=50) == IndicatorValue(D(2), "个")
    assert evaluate(city, "signed_leads") == IndicatorValue(D(3), "个")
    assert evaluate(city, "signed_leads", min_signed_yi=50, district="370212") == IndicatorValue(D(1), "个")
    assert evaluate(city, "signed_leads", as_of=date(2023, 7, 1), min_signed_yi=50) == IndicatorValue(D(3), "个")


@pytest.mark.django_db
def test_listed_rate_is_listed_started_over_started_in_percent(city: dict[str, Any]) -> None:
    make_project(city["huangdao"], city["fishery"], is_listed=True)
    make_project(city["huangdao"], city["fishery"], is_listed=True, status="completed")
    make_project(city["laoshan"], city["equipment"], is_listed=False)
    make_project(city["laoshan"], city["equipment"], is_listed=True, status="preparing")  # not started
    assert evaluate(city, "listed_rate") == IndicatorValue(D(2) / D(3) * 100, "%")
    assert evaluate(city, "listed_rate", district="370211") == IndicatorValue(D(100), "%")
    assert evaluate(city, "listed_rate", track="海洋装备") == IndicatorValue(D(0), "%")
    assert evaluate(city, "started_rate") == IndicatorValue(D(75), "%")


@pytest.mark.django_db
def test_amounts_are_in_yi_and_counts_follow_the_size_filter(city: dict[str, Any]) -> None:
    big = make_project(city["huangdao"], city["fishery"], total_investment_wan=D(600000), annual_plan_wan=D(80000))
    small = make_project(city["laoshan"], city["equipment"], total_investment_wan=D(20000), annual_plan_wan=None)
    make_report(big, "2023-05", "30000.50")
    make_report(small, "2023-06", 1500)
    make_report(big, "2023-07", 50000)  # after the month
    assert evaluate(city, "projects") == IndicatorValue(D(2), "个")
    assert evaluate(city, "projects", size="50") == IndicatorValue(D(1), "个")
    assert evaluate(city, "total_investment") == IndicatorValue(D("62"), "亿元")
    assert evaluate(city, "annual_plan") == IndicatorValue(D(8), "亿元")
    assert evaluate(city, "completed") == IndicatorValue(D("3.150050"), "亿元")
    assert evaluate(city, "annual_completion_rate") == IndicatorValue(D("30000.50") / D(80000) * 100, "%")
    assert evaluate(city, "completed", as_of=date(2023, 7, 1)) == IndicatorValue(D("5.15"), "亿元")


@pytest.mark.django_db
def test_a_rate_without_denominator_has_no_value_but_keeps_its_unit(city: dict[str, Any]) -> None:
    make_project(city["huangdao"], city["fishery"], status="preparing")
    assert evaluate(city, "listed_rate") == IndicatorValue(None, "%")
    assert evaluate(city, "projects", kind="continuing") == IndicatorValue(D(0), "个")


@pytest.mark.django_db
def test_a_query_outside_its_region_or_with_unknown_filters_is_refused(city: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="不在青岛市范围内"):
        services.indicator_query_save(
            actor=city["admin"],
            region=city["qingdao"],
            name="潍坊",
            indicator="projects",
            filters={"district": "370700"},
        )
    with pytest.raises(ValidationError, match="未知的筛选条件: city"):
        services.indicator_query_save(
            actor=city["admin"], region=city["qingdao"], name="城市", indicator="projects", filters={"city": "x"}
        )
    with pytest.raises(ValidationError, match="未知的指标"):
        services.indicator_query_save(
            actor=city["admin"], region=city["qingdao"], name="面积", indicator="area", filters={}
        )
    assert not IndicatorQuery.objects.exists()
