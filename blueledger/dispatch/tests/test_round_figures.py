"""Status per target, roll-ups, the ranking with its drill-down and change, and figures kept at close."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from blueledger.dispatch.models import RoundFigures
from blueledger.dispatch.progress import Status
from blueledger.dispatch.selectors.dashboard import dashboard
from blueledger.dispatch.selectors.figures import fill_once_counts, previous_ranks, rank_results, round_results
from blueledger.dispatch.services.rounds import round_close, round_settings_update
from blueledger.dispatch.tests.factories import NOVEMBER, make_published_ledger, make_round, report_all


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    ledger, departments = make_published_ledger(shandong["weifang"])
    return {"ledger": ledger, **departments}


def test_status_respects_op_unit_and_elapsed_time_and_binding_targets_come_first(world: dict[str, Any]) -> None:
    october = make_round(world["ledger"])
    report_all(october, world["市发改委"], ["600"])  # 1200亿元 确保: 50 % against 序时 83.3 %
    report_all(october, world["市海渔局"], ["1100", "3"])
    # 市生态环境局 does not report

    board = dashboard(october)

    statuses = {(r.slot.department.short_name, r.quantity.metric): str(r.assessment.status)
                for r in board.data.results}
    assert statuses == {
        ("市发改委", "海洋生产总值"): "严重滞后",
        ("市海渔局", "海洋生产总值"): "序时推进",
        ("市海渔局", "新建渔港"): "已完成",
        ("市生态环境局", "整治岸线"): "未报送",
    }
    assert [(r.slot.department.short_name, r.assessment.is_binding) for r in board.attention] == [("市发改委", True)]
    assert board.overall.counts[Status.NOT_REPORTED] == 1
    assert board.overall.binding_lagging == 1
    assert board.departments["市生态环境局"].mean_completion is None
    assert set(board.sections) == {"一 发展海洋经济", "二 保护海洋生态"}


def test_ranking_uses_the_offices_weights_drills_down_and_shows_the_change(world: dict[str, Any]) -> None:
    october = make_round(world["ledger"])
    report_all(october, world["市发改委"], ["600"])
    report_all(october, world["市海渔局"], ["1100", "3"])
    report_all(october, world["市生态环境局"], ["12.5"])
    round_close(actor=None, reporting_round=october)
    figures = RoundFigures.objects.get(round=october)
    fagai, haiyu, shengtai = (str(world[name].pk) for name in ("市发改委", "市海渔局", "市生态环境局"))
    assert figures.department_ranks == {shengtai: 1, haiyu: 2, fagai: 3}

    november = make_round(world["ledger"], NOVEMBER)
    report_all(november, world["市发改委"], ["1200"])
    report_all(november, world["市海渔局"], ["1100", "3"])
    rows = rank_results(round_results(november), previous=previous_ranks(november))
    assert [(row.label, row.score, row.change) for row in rows] == [
        ("市发改委", Decimal("1.000000"), 2),
        ("市海渔局", Decimal("0.944444"), 0),  # (2 × 1100/1200 + 1 × 1) / 3: 确保 weighs 2
        ("市生态环境局", Decimal("0.000000"), -2),  # nothing reported this round counts 0
    ]
    contributions = rows[1].unit.contributions
    assert [(c.hardness, c.weight, c.reported, len(c.report_ids)) for c in contributions] == [
        ("确保", Decimal(2), True, 1), ("力争", Decimal(1), True, 1)]

    round_settings_update(actor=None, reporting_round=november,
                          hardness_weights={"binding": Decimal(1), "strive": Decimal(1), "try": Decimal(1),
                                            "none": Decimal(1)},
                          tolerance_share=Decimal("0.05"), severe_lag_points=Decimal(20))
    november.refresh_from_db()
    rows = rank_results(round_results(november))
    assert rows[1].score == Decimal("0.958333")
    assert november.history.latest().history_change_reason == "设置计分权重"


def test_fill_once_counts_prefilled_against_typed_fields(world: dict[str, Any]) -> None:
    october = make_round(world["ledger"])
    report_all(october, world["市海渔局"], ["1100", "3"])
    round_close(actor=None, reporting_round=october)
    november = make_round(world["ledger"], NOVEMBER)
    report_all(november, world["市海渔局"], ["1100", "4"])  # the first value unchanged from October

    counts = fill_once_counts(november)

    assert (counts.prefilled, counts.typed) == (4 * 4 + 2, 1 + 2)
