"""`blueledger demo` loads regions, the seed documents' departments and one user per role; again, it keeps data."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import kept_for_module
from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role
from blueledger.users.models import User


@pytest.fixture(scope="module")
def demo_output(django_db_blocker: Any, demo_snapshot: Snapshot) -> Iterator[str]:
    """The demo loaded once for the module (the session's run, restored); what each test writes is rolled back
    after it."""
    with kept_for_module(django_db_blocker):
        yield demo_snapshot.restore()


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(demo_output: str) -> None:
    counts = (Region.objects.count(), Department.objects.count(), User.objects.count())
    assert counts[0] == 70 and counts[1] >= 50
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert "demo-admin-2026" in demo_output
    weifang = Department.objects.get(region__code="370700", short_name="市发改委")
    assert "发改委" in set(weifang.aliases.values_list("alias", flat=True))

    from blueledger.dispatch.models import Report, ReportingRound

    rounds = (ReportingRound.objects.count(), Report.objects.count())
    reporter = User.objects.get(username="reporter")
    reporter.set_password("changed-by-the-user-1")
    reporter.save()
    call_command("demo", stdout=StringIO())
    assert (Region.objects.count(), Department.objects.count(), User.objects.count()) == counts
    assert (ReportingRound.objects.count(), Report.objects.count()) == rounds  # 潍坊's 2024年度 round too: once
    assert authenticate(username="reporter", password="changed-by-the-user-1") is not None


@pytest.mark.django_db
def test_each_demo_round_is_visible_to_its_citys_dispatcher_only(demo_output: str) -> None:
    from blueledger.core.testing import page_client
    from blueledger.dispatch.models import ReportingRound

    weihai = ReportingRound.objects.get(ledger__region__code="371000", status="closed")
    qingdao = ReportingRound.objects.get(ledger__region__code="370200")
    weifang = ReportingRound.objects.get(ledger__region__code="370700")  # issue 12: 004's trajectory in a round
    weihai_page = page_client(User.objects.get(username="wh-dispatcher")).get("/dispatch/").content.decode()
    qingdao_page = page_client(User.objects.get(username="dispatcher")).get("/dispatch/").content.decode()
    weifang_page = page_client(User.objects.get(username="wf-dispatcher")).get("/dispatch/").content.decode()
    assert f"/dispatch/rounds/{weihai.pk}/" in weihai_page and f"/dispatch/rounds/{qingdao.pk}/" not in weihai_page
    assert f"/dispatch/rounds/{qingdao.pk}/" in qingdao_page and f"/dispatch/rounds/{weihai.pk}/" not in qingdao_page
    assert f"/dispatch/rounds/{weifang.pk}/" in weifang_page and f"/dispatch/rounds/{weihai.pk}/" not in weifang_page
    assert f"/dispatch/rounds/{weifang.pk}/" not in weihai_page + qingdao_page


SOURCE = "公开发布: chaxiaohao.com (二手来源)"
# 潍坊's 2024年度 round: each of 004's targets bound to an economy figure, with the note its slots are filled with.
WEIFANG_FILLED = {
    ("全市海洋生产总值", Decimal("1703.4"), "取自海洋经济监测: 潍坊市2024年海洋生产总值 1703.4亿元 "
     f"({SOURCE}); 距2027年目标 2000亿元需年均增长 5.5%, 2024年增长 6.8%, 按进度"),
    ("全市海洋生产总值占GDP比重", Decimal(21), "取自海洋经济监测: 潍坊市2024年海洋生产总值占地区生产总值比重 21% "
     f"({SOURCE}); 已不低于2027年目标值 21%"),
    ("全市省级海洋特色产业集聚区数量", Decimal(2),
     "取自产业集聚区名录: 潍坊市截至2024年已认定省级海洋特色产业集聚区 2个; "
     "距2027年目标 4个需年均增长 26.0%, 2024年增长 100.0%, 按进度"),
    ("市级", Decimal(3), "取自产业集聚区名录: 潍坊市截至2024年已认定市级海洋特色产业集聚区 3个; "
     "距2027年目标 8个需年均增长 38.7%, 2024年增长 50.0%, 按进度"),
}


@pytest.mark.django_db
def test_weifangs_one_round_is_the_annual_2024_round_on_004_with_its_bound_targets_filled(demo_output: str) -> None:
    from blueledger.dispatch.choices import PeriodKind, ReportSource, ReportStatus, RoundStatus
    from blueledger.dispatch.models import Report, ReportingRound
    from blueledger.economy.demo import WEIFANG_ROUND_DUE_IN_DAYS
    from blueledger.economy.models import TargetBinding

    weifang = ReportingRound.objects.get(ledger__region__code="370700")
    assert (weifang.title, weifang.period_kind, weifang.period_start, weifang.period_end, weifang.status,
            weifang.ledger.document.original_filename) == (
        "2024年度调度", PeriodKind.YEAR, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), RoundStatus.OPEN,
        "004_2e91e0d14aca89a2.txt")
    # Due 10 days after the Beijing day the demo was built (opened), not after today: the session's demo is built
    # once, and a run across Beijing midnight (16:00 UTC) checked it on the next day.
    assert weifang.due_date == timezone.localtime(weifang.opened_at).date() + datetime.timedelta(
        days=WEIFANG_ROUND_DUE_IN_DAYS) and WEIFANG_ROUND_DUE_IN_DAYS == 10
    assert (f"· 2024年度调度 (填报中, 截止 {weifang.due_date:%Y-%m-%d}; 4 项目标已从经济指标取数并附目标轨迹)"
            in demo_output)
    reports = Report.objects.filter(slot__round=weifang)
    # 004's task 一 is assigned to the two, so each gets the four figures; nothing else is reported yet, and the
    # relative 增幅 target (no growth published for 潍坊) waits for its departments like every other item.
    assert reports.count() == 8
    assert set(reports.values_list("slot__department__short_name", flat=True)) == {
        "各县市区人民政府", "市属各开发区管委会"}
    assert {(r.slot.quantity.metric, r.value, r.progress) for r in reports.select_related("slot__quantity")} == (
        WEIFANG_FILLED)
    assert set(reports.values_list("source", "status", "version")) == {
        (ReportSource.REGISTRY, ReportStatus.SUBMITTED, 1)}
    bound = set(TargetBinding.objects.values_list("quantity_id", flat=True))
    assert set(reports.values_list("slot__quantity_id", flat=True)) < bound
    assert (weifang.slots.count(), weifang.slots.filter(quantity__isnull=False).count()) == (149, 68)
