"""score_unit and rank_units: weighted capped completion, ties, change against the previous round, drill-down."""

from decimal import Decimal

import pytest

from blueledger.dispatch.engine_tests.factories import assess, make_reading, make_spec
from blueledger.dispatch.ranking import (
    HardnessWeights,
    NoScorableTargets,
    TargetResult,
    UnitScore,
    rank_units,
    score_unit,
)

WEIGHTS = HardnessWeights(binding=Decimal(3), strive=Decimal(2), try_=Decimal(1), none=Decimal(1))


def result(target_id: str, value: str, done: str | None, hardness: str | None = None) -> TargetResult:
    reading = make_reading(done) if done is not None else None
    return TargetResult(target_id, assess(make_spec(value, hardness=hardness), reading), report_ids=(f"r-{target_id}",))


def test_score_is_the_hardness_weighted_mean_of_capped_completion() -> None:
    score = score_unit("市海洋发展局", [result("t1", "10", "5", "确保"), result("t2", "10", "30", "力争")], WEIGHTS)

    # (3 × 0.5 + 2 × 1.0) / 5: the tripled second target cannot make up for the first.
    assert score.score == Decimal("0.700000")
    assert [(c.target_id, c.weight, c.completion, c.contribution, c.report_ids) for c in score.contributions] == [
        ("t1", Decimal(3), Decimal("0.5"), Decimal("0.3"), ("r-t1",)),
        ("t2", Decimal(2), Decimal("1"), Decimal("0.4"), ("r-t2",)),
    ]


def test_unreported_target_counts_zero_and_is_marked_unreported() -> None:
    score = score_unit("崂山区", [result("t1", "10", "10"), result("t2", "10", None)], WEIGHTS)

    assert score.score == Decimal("0.500000")
    assert [c.reported for c in score.contributions] == [True, False]


def test_unit_without_weighted_targets_is_not_scored() -> None:
    weights = HardnessWeights(binding=Decimal(1), strive=Decimal(0), try_=Decimal(0), none=Decimal(0))

    with pytest.raises(NoScorableTargets):
        score_unit("黄岛区", [result("t1", "10", "10")], weights)


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="权重不能为负数"):
        HardnessWeights(binding=Decimal(-1), strive=Decimal(1), try_=Decimal(1), none=Decimal(1))


def test_ties_share_a_rank_and_change_is_previous_minus_current() -> None:
    scores = [
        UnitScore("市南区", Decimal("0.9"), ()),
        UnitScore("市北区", Decimal("0.8"), ()),
        UnitScore("李沧区", Decimal("0.9"), ()),
        UnitScore("崂山区", Decimal("0.5"), ()),
    ]

    ranked = rank_units(scores, previous={"市南区": 3, "市北区": 1, "李沧区": 1})

    assert [(r.rank, r.unit_key, r.previous_rank, r.change) for r in ranked] == [
        (1, "市南区", 3, 2),
        (1, "李沧区", 1, 0),
        (3, "市北区", 1, -2),
        (4, "崂山区", None, None),
    ]


def test_ranked_rows_carry_the_contributions_for_drill_down() -> None:
    score = score_unit("市南区", [result("t1", "10", "5")], WEIGHTS)

    [ranked] = rank_units([score])

    assert ranked.contributions == score.contributions
    assert ranked.previous_rank is None
