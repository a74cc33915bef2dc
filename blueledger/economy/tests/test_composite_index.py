"""The composite index as data: the 中国海洋发展指数 template from refdata, definitions with history and
checks, and the page computing a region's index with each indicator's contribution."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.economy.demo import DEMO_INDEX, demo_index_load, published_load
from blueledger.economy.models import CompositeIndex, IndexDomain
from blueledger.economy.refdata import refdata_load
from blueledger.economy.services import DomainDefinition, IndicatorDefinition, composite_index_define
from blueledger.economy.tests.factories import load_classification
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_refdata_loads_the_six_domain_template_once() -> None:
    lines: list[str] = []
    refdata_load(write=lines.append)
    refdata_load(write=lines.append)
    assert lines.count("综合指数模板: 中国海洋发展指数 (6 个领域, 2015=100)") == 1
    index = CompositeIndex.objects.get()
    assert index.base_year == 2015
    assert [d.name for d in index.domains.all()] == [
        "经济民生", "科技创新", "生态环境", "资源利用", "开放水平", "综合管理"
    ]
    assert not index.domains.filter(indicators__isnull=False).exists()


def test_definition_refuses_duplicate_domains_and_writes_nothing() -> None:
    with pytest.raises(ValidationError) as error:
        composite_index_define(actor=None, name="测试指数", base_year=2020,
                               domains=[DomainDefinition("经济"), DomainDefinition("经济")])
    assert error.value.messages == ["领域名称不能重复。"]
    assert not CompositeIndex.objects.exists() and not IndexDomain.objects.exists()


def test_page_computes_shandong_index_with_contributions(shandong: dict[str, Any]) -> None:
    load_classification()
    published_load()
    demo_index_load()
    index = CompositeIndex.objects.get(name=DEMO_INDEX)
    assert index.history.get().history_change_reason == "定义综合指数"
    viewer = make_user(make_department(shandong["province"]), Role.VIEWER)
    response = page_client(viewer).get("/economy/index/", {"index": index.pk, "region": "370000"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["year"] for row in rows] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert rows[0]["composite"] == "100.0"
    # 2024: 海洋生产总值 18011.8 / 14600 × 100 = 123.4 (weight 2), 比重 18.3 / 20.5 × 100 = 89.3 (weight 1)
    assert rows[-1]["composite"] == "112.0"
    assert [(c["indicator"], c["score"], c["contribution"]) for c in response.context["contributions"]] == [
        ("海洋生产总值", "123.4", "15.58"), ("海洋生产总值占地区生产总值比重", "89.3", "-3.58")
    ]
    assert Decimal("15.58") + Decimal("-3.58") == Decimal("12.00")


def test_page_shows_the_structure_with_a_constant_number_of_queries(shandong: dict[str, Any]) -> None:
    client = page_client(make_user(make_department(shandong["province"]), Role.VIEWER))

    def define(domains: int, indicators: int) -> tuple[int, str]:
        index = composite_index_define(actor=None, name="测试指数", base_year=2020, domains=[
            DomainDefinition(f"领域{d}", indicators=tuple(IndicatorDefinition(f"指标{d}-{i}")
                                                         for i in range(indicators)))
            for d in range(domains)])
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/economy/index/", {"index": index.pk, "region": "370000"}).content.decode()
        return len(queries), page

    small, _ = define(1, 1)
    large, page = define(6, 3)

    assert large == small == 9
    assert page.count("<br>") == 6 * 2  # three indicators a domain, in their order
    assert ("领域5 (1)</td><td>指标5-0 (1, 正向, 录入值)<br>指标5-1 (1, 正向, 录入值)<br>"
            "指标5-2 (1, 正向, 录入值)</td>") in page
