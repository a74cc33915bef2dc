"""After `blueledger demo`, `blueledger economy trajectory --region 370700` shows seed 004's 2000亿元 by 2027
against 潍坊's 2024 figure (1703.4亿元): required annual growth ≈ 0.055, and the relative 增幅 target bound;
a second demo changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from blueledger.core.snapshots import Snapshot
from blueledger.economy.models import EconomyFigure, StatisticalUnit, TargetBinding

pytestmark = pytest.mark.django_db


def test_demo_binds_weifang_targets_and_the_trajectory_command_shows_them(demo_snapshot: Snapshot) -> None:
    demo_snapshot.restore()  # the session's run of `blueledger demo`
    counts = (EconomyFigure.objects.count(), StatisticalUnit.objects.count(), TargetBinding.objects.count())
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", "--indicator", "海洋生产总值", "--format", "json",
                 stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["target"], r["unit"], r["deadline"], r["latest_value"], r["latest_period"]) for r in rows] == [
        (2000.0, "亿元", "2027-12-31", 1703.4, "2024")
    ]
    assert rows[0]["required_annual_growth"] == 0.055
    assert rows[0]["on_track"] is True
    call_command("demo", stdout=StringIO())
    assert (EconomyFigure.objects.count(), StatisticalUnit.objects.count(), TargetBinding.objects.count()) == counts
    assert counts[2] == 5  # 海洋生产总值, 占GDP比重, 省级 and 市级 集聚区数量, and the relative 增幅 target
    out = StringIO()
    call_command("economy", "trajectory", "--region", "370700", "--format", "json", stdout=out)
    relative = [r for r in json.loads(out.getvalue()) if r.get("kind") == "relative"]
    # No growth of 潍坊's 海洋产业增加值 or GDP is published in domain-facts: bound, and nothing judged.
    assert [(r["metric"], r["target"], r["unit"], r["latest_value"], r["on_track"], r["periods"])
            for r in relative] == [("海洋产业增加值增幅高于全市生产总值增幅", 2.0, "个百分点", None, None, [])]
