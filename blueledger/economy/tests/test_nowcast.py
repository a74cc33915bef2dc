"""The nowcast with a database: the demo's generated monthly series (labelled 演示生成) give two vintages of
潍坊 2025Q3, each kept with its revision; release states move 草稿 → 与统计部门核对 → 发布 on the locked row with
history, a stale or skipped move is refused; the page shows the figure with its band and the method beside."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.economy.choices import FigureOrigin, NowcastStatus
from blueledger.economy.demo import nowcast_demo_load
from blueledger.economy.models import EconomyFigure, MonthlyValue, NowcastRelease
from blueledger.economy.services import nowcast_move, nowcast_run
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def weifang_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo's series and two vintages, built once for the module; what each test writes is rolled back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        nowcast_demo_load()
        yield {**shandong, "office": make_user(make_department(shandong["weifang"]), Role.DISPATCHER),
               "viewer": make_user(make_department(shandong["weifang"]), Role.VIEWER)}


@pytest.fixture
def weifang(weifang_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(weifang_rows)


def test_demo_data_is_labelled_generated_and_vintages_are_kept(weifang: dict[str, Any]) -> None:
    assert MonthlyValue.objects.count() == 4 * (6 * 12 + 8)
    assert not MonthlyValue.objects.filter(generated=False).exists()
    assert set(MonthlyValue.objects.values_list("source", flat=True)) == {"演示生成 (非真实数据)"}
    quarterly = EconomyFigure.objects.filter(region=weifang["weifang"], quarter__gt=0)
    assert quarterly.count() == 6 * 4 + 2
    assert set(quarterly.values_list("origin", flat=True)) == {FigureOrigin.GENERATED}
    first, second = NowcastRelease.objects.order_by("vintage")
    assert (first.vintage, first.status, first.data_through) == (1, NowcastStatus.PUBLISHED, datetime.date(2025, 7, 31))
    assert (second.vintage, second.status, second.data_through) == (
        2, NowcastStatus.RECONCILING, datetime.date(2025, 8, 31))
    assert first.revision is None and second.revision == second.estimate - first.estimate
    assert first.model["months_used"] == {"port_throughput": 1, "landings": 1, "key_firm_revenue": 1,
                                          "investment": 1}
    assert second.model["months_used"]["port_throughput"] == 2
    for release in (first, second):
        assert release.lower < release.estimate < release.upper
        assert release.band_level == Decimal("0.90")
        assert "statsmodels OLS" in release.method
        assert release.model["quarters_used"] == 22  # 2020Q1–2025Q2
    assert [h.history_change_reason for h in first.history.order_by("history_id")] == [
        "生成即时预测第1版", "与统计部门核对", "发布: 演示: 已与市统计局核对"
    ]
    assert nowcast_demo_load() == NowcastRelease.objects.order_by("-vintage").first()  # once
    assert NowcastRelease.objects.count() == 2


def test_moves_are_checked_on_the_row_as_it_is(weifang: dict[str, Any]) -> None:
    stale = NowcastRelease.objects.get(vintage=2)
    nowcast_move(actor=weifang["office"], release=stale, status=NowcastStatus.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        nowcast_move(actor=weifang["office"], release=stale, status=NowcastStatus.PUBLISHED)  # stale copy
    assert error.value.messages == ["第2版当前为“发布”, 不能改为“发布”。"]
    third = nowcast_run(actor=weifang["office"], region=weifang["weifang"], year=2025, quarter=3)
    assert (third.vintage, third.status, third.revision) == (3, NowcastStatus.DRAFT, Decimal("0.00"))
    with pytest.raises(ValidationError) as error:
        nowcast_move(actor=weifang["office"], release=third, status=NowcastStatus.PUBLISHED)
    assert error.value.messages == ["第3版当前为“草稿”, 不能改为“发布”。"]
    nowcast_move(actor=weifang["office"], release=third, status=NowcastStatus.RECONCILING)
    with pytest.raises(ValidationError) as error:
        nowcast_move(actor=weifang["office"], release=third, status=NowcastStatus.DRAFT)
    assert error.value.messages == ["退回草稿时请写明核对意见。"]
    back = nowcast_move(actor=weifang["office"], release=third, status=NowcastStatus.DRAFT, note="港口数据待更正")
    assert (back.status, back.note) == (NowcastStatus.DRAFT, "港口数据待更正")
    assert back.history.latest().history_user == weifang["office"]


def test_too_little_data_is_refused_and_nothing_written(weifang: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        nowcast_run(actor=None, region=weifang["weifang"], year=2025, quarter=4)
    assert error.value.messages == ["“港口货物吞吐量”缺少2025年第4季度或上年同季的数据。"]
    with pytest.raises(ValidationError) as error:
        nowcast_run(actor=None, region=weifang["qingdao"], year=2025, quarter=3)
    assert error.value.messages == ["该区划没有月度指标数据, 无法估计。"]
    assert NowcastRelease.objects.count() == 2


def test_page_shows_the_figure_band_and_method_and_the_office_runs_and_moves(weifang: dict[str, Any]) -> None:
    response = page_client(weifang["viewer"]).get("/economy/nowcast/")
    assert response.status_code == 200
    page = response.content.decode()
    second = NowcastRelease.objects.get(vintage=2)
    text = response.context["latest_text"]
    assert text["estimate"] == f"{second.estimate.quantize(Decimal('0.1'))}亿元"
    assert text["band"].endswith("(90%预测区间)")
    assert "桥接回归" in page and "演示生成" in page and "与统计部门核对" in page
    assert response.context["published"].vintage == 1
    assert "用现有月度数据生成新版本" not in page
    assert page_client(weifang["viewer"]).post("/economy/nowcast/", {"region": "370700", "year": "2025",
                                                                      "quarter": "3"}).status_code == 403
    office = page_client(weifang["office"])
    response = office.post("/economy/nowcast/", {"region": "370700", "year": "2025", "quarter": "3"})
    assert response.status_code == 302
    third = NowcastRelease.objects.get(vintage=3)
    office.post("/economy/nowcast/", {"region": "370700", "release": third.pk, "move": "reconciling"})
    third.refresh_from_db()
    assert third.status == NowcastStatus.RECONCILING
    response = office.post("/economy/nowcast/", {"region": "370700", "release": third.pk, "move": "reconciling"},
                           follow=True)
    assert "第3版当前为“与统计部门核对”, 不能改为“与统计部门核对”。" in response.content.decode()
