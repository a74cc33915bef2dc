"""Industrial clusters (004): the registry with tiers and members, the annual 综合评价 ranking through the
composite engine (average cluster = 100) with contributions, and the cluster counts as target trajectories
that the dispatch round takes by itself."""

import datetime
import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from blueledger.core.testing import fresh, kept_for_module, make_department, make_user, page_client
from blueledger.dispatch.models import Report
from blueledger.dispatch.tests.factories import make_published_ledger, make_round
from blueledger.economy.choices import ClusterTier, Indicator
from blueledger.economy.demo import CLUSTER_INDEX, clusters_load, units_load
from blueledger.economy.models import CompositeIndex, IndustrialCluster
from blueledger.economy.selectors import cluster_evaluation
from blueledger.economy.services import cluster_save, target_bind
from blueledger.economy.tests.factories import load_classification, make_unit
from blueledger.ledgers.models import LedgerQuantity
from blueledger.orgs.models import Region
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def weifang_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo's units and clusters, built once for the module; what each test writes is rolled back."""
    with kept_for_module(django_db_blocker):
        call_command("refdata", stdout=StringIO())  # the real districts of 潍坊 the demo clusters lie in
        load_classification()
        units_load()
        clusters_load()
        yield {"weifang": Region.objects.get(code="370700"), "qingdao": Region.objects.get(code="370200")}


@pytest.fixture
def weifang(weifang_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(weifang_rows)


def test_members_must_lie_in_the_cluster_region(weifang: dict[str, Any]) -> None:
    outsider = make_unit(Region.objects.get(code="370211"))
    with pytest.raises(ValidationError) as error:
        cluster_save(actor=None, name="测试集聚区", tier=ClusterTier.CITY, region=weifang["weifang"],
                     members=[outsider])
    assert error.value.messages == [f"不在潍坊市范围内的成员单位: {outsider.name}"]
    assert not IndustrialCluster.objects.filter(name="测试集聚区").exists()


def test_evaluation_ranks_against_the_average_with_contributions(weifang: dict[str, Any]) -> None:
    index = CompositeIndex.objects.get(name=CLUSTER_INDEX)
    ranking = cluster_evaluation(index=index, year=2024, scope_prefix="3707")
    assert [score.cluster.name for score in ranking][:2] == [
        "寿光海洋化工集聚区 (演示)", "潍坊滨海海洋装备集聚区 (演示)"
    ]
    # 寿光: 营业收入 320 ÷ 平均 120.83 = 264.8 (规模效益, 权重 2), 研发 2.1 ÷ 2.333 = 90.0, 能耗 (逆向)
    # 0.245 ÷ 0.42 = 58.3 (权重各 1): (2 × 264.8 + 90.0 + 58.3) ÷ 4 = 169.5
    assert ranking[0].result.composite is not None
    assert ranking[0].result.composite.quantize(Decimal("0.1")) == Decimal("169.5")
    for score in ranking:
        total = sum(c.contribution for c in score.result.contributions)
        assert score.result.composite is not None
        assert (total - (score.result.composite - 100)).copy_abs() < Decimal("1e-20")
    assert cluster_evaluation(index=index, year=2024, scope_prefix="3702") == []


def test_cluster_counts_are_trajectories_and_fill_the_round(weifang: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(weifang["weifang"])
    target = LedgerQuantity.objects.get(ledger=ledger, unit="个")  # 渔港 ≥3个 stands in for 省级集聚区 4个
    target.value, target.deadline = Decimal(4), datetime.date(2027, 12, 31)
    target.save()
    target_bind(actor=None, quantity=target, indicator=Indicator.PROVINCIAL_CLUSTERS, region=weifang["weifang"])
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", "--format", "json", stdout=out)
    row = json.loads(out.getvalue())[0]
    assert (row["indicator"], row["target"], row["latest_value"]) == ("省级海洋特色产业集聚区数量", 4.0, 2.0)
    reporting_round = make_round(ledger)  # October 2025: two provincial clusters recognised by then
    report = Report.objects.filter(slot__round=reporting_round, slot__quantity=target).first()
    assert report is not None
    assert (report.value, report.progress) == (
        Decimal(2), "取自产业集聚区名录: 潍坊市截至2025年已认定省级海洋特色产业集聚区 2个; "
        "距2027年目标 4个需年均增长 41.4%, 2025年增长 0.0%, 滞后"  # (4 ÷ 2)^(1/2) − 1; none recognised in 2025
    )


def test_clusters_page_shows_registry_and_ranking(weifang: dict[str, Any]) -> None:
    viewer = make_user(make_department(weifang["weifang"]), Role.VIEWER)
    response = page_client(viewer).get("/economy/clusters/")
    page = response.content.decode()
    assert "潍城海洋文旅集聚区 (演示)" in page and "培育中" in page
    assert [row["rank"] for row in response.context["rows"]] == [1, 2, 3, 4, 5, 6]
    assert response.context["indicator_names"] == ["营业收入", "研发投入强度", "单位产值能耗"]
    other = make_user(make_department(weifang["qingdao"]), Role.VIEWER)
    assert page_client(other).get("/economy/clusters/").context["rows"] == []
