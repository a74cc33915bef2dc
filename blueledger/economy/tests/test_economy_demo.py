"""After `blueledger demo`, `blueledger economy trajectory --region 370700` shows seed 004's 2000亿元 by 2027
against 潍坊's 2024 figure (1703.4亿元): required annual growth ≈ 0.055, and the relative 增幅 target bound;
潍坊's 2024年度 dispatch round on 004 shows the same trajectory beside the figures it took by itself; a second
demo changes nothing."""

import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import page_client
from blueledger.dispatch.models import Report, ReportingRound
from blueledger.economy.demo import weifang_round_load
from blueledger.economy.models import EconomyFigure, StatisticalUnit, TargetBinding
from blueledger.lib.numbers import format_percent
from blueledger.orgs.models import Department
from blueledger.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_snapshot: Snapshot) -> None:
    """The session's run of `blueledger demo`, restored for the test; what the test writes is rolled back."""
    demo_snapshot.restore()


def _trajectory(*args: str) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", *args, "--format", "json", stdout=out)
    rows: list[dict[str, Any]] = json.loads(out.getvalue())
    return rows


def test_demo_binds_weifang_targets_and_the_trajectory_command_shows_them(demo: None) -> None:
    counts = (EconomyFigure.objects.count(), StatisticalUnit.objects.count(), TargetBinding.objects.count())
    rows = _trajectory("--indicator", "海洋生产总值")
    assert [(r["target"], r["unit"], r["deadline"], r["latest_value"], r["latest_period"]) for r in rows] == [
        (2000.0, "亿元", "2027-12-31", 1703.4, "2024")
    ]
    assert rows[0]["required_annual_growth"] == 0.055
    assert rows[0]["on_track"] is True
    rounds = (ReportingRound.objects.count(), Report.objects.count())
    call_command("demo", stdout=StringIO())
    assert (EconomyFigure.objects.count(), StatisticalUnit.objects.count(), TargetBinding.objects.count()) == counts
    assert (ReportingRound.objects.count(), Report.objects.count()) == rounds  # 潍坊's round is opened once
    assert weifang_round_load() is None
    assert counts[2] == 5  # 海洋生产总值, 占GDP比重, 省级 and 市级 集聚区数量, and the relative 增幅 target
    relative = [r for r in _trajectory() if r.get("kind") == "relative"]
    # No growth of 潍坊's 海洋产业增加值 or GDP is published in domain-facts: bound, and nothing judged.
    assert [(r["metric"], r["target"], r["unit"], r["latest_value"], r["on_track"], r["periods"])
            for r in relative] == [("海洋产业增加值增幅高于全市生产总值增幅", 2.0, "个百分点", None, None, [])]


def test_weifangs_round_shows_the_trajectory_of_004s_targets(demo: None) -> None:
    """The round's report page shows, beside the figure the platform took, the trajectory the command
    computes (one engine): 2000亿元 by 2027 from 1703.4亿元 in 2024 needs 5.5% a year."""
    reporting_round = ReportingRound.objects.get(ledger__region__code="370700", title="2024年度调度")
    gdp = _trajectory("--indicator", "海洋生产总值")[0]
    required = format_percent(Decimal(str(gdp["required_annual_growth"])))
    expected = ("潍坊市2024年海洋生产总值 1703.4亿元 (公开发布: chaxiaohao.com (二手来源)); "
                f"距2027年目标 2000亿元需年均增长 {required}, 2024年增长 6.8%, 按进度")
    assert required == "5.5%"
    department = Department.objects.get(region__code="370700", short_name="各县市区人民政府")
    dispatcher = page_client(User.objects.get(username="wf-dispatcher"))
    page = dispatcher.get(f"/dispatch/rounds/{reporting_round.pk}/departments/{department.pk}/").content.decode()
    assert f"<dd>取自海洋经济监测: {expected}</dd>" in page
    task = reporting_round.slots.get(department=department, quantity__metric="全市海洋生产总值").quantity.task
    history = dispatcher.get(f"/dispatch/tasks/{task.pk}/history/").content.decode()
    assert expected in history and "2024年度调度" in history
