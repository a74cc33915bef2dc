"""Invariants of scores and ranks, checked with hypothesis."""

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from blueledger.dispatch.engine_tests.factories import assess, make_reading, make_spec
from blueledger.dispatch.ranking import HardnessWeights, TargetResult, UnitScore, rank_units, score_unit

WEIGHTS = HardnessWeights(binding=Decimal(3), strive=Decimal(2), try_=Decimal(1), none=Decimal(1))
HARDNESS = st.sampled_from(["确保", "力争", "争取", None])
# Completed amounts against a target of 100, in hundredths, including over-achievement.
DONE = st.integers(min_value=0, max_value=30000).map(lambda n: Decimal(n) / 100)
TARGETS = st.lists(st.tuples(HARDNESS, DONE), min_size=1, max_size=8)


def results(targets: list[tuple[str | None, Decimal]]) -> list[TargetResult]:
    return [
        TargetResult(f"t{index:02d}", assess(make_spec("100", hardness=hardness), make_reading(str(done))))
        for index, (hardness, done) in enumerate(targets)
    ]


@given(TARGETS)
def test_score_is_between_zero_and_one(targets: list[tuple[str | None, Decimal]]) -> None:
    score = score_unit("u", results(targets), WEIGHTS).score

    assert Decimal(0) <= score <= Decimal(1)


@given(TARGETS, HARDNESS)
def test_adding_a_fully_completed_target_never_lowers_the_score(
    targets: list[tuple[str | None, Decimal]], hardness: str | None
) -> None:
    before = score_unit("u", results(targets), WEIGHTS).score
    after = score_unit("u", results([*targets, (hardness, Decimal(100))]), WEIGHTS).score

    assert after >= before


@given(st.lists(TARGETS, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_permuting_units_or_their_targets_does_not_change_ranks(
    units: list[list[tuple[str | None, Decimal]]], shuffler: random.Random
) -> None:
    scores = [score_unit(f"u{n}", results(targets), WEIGHTS) for n, targets in enumerate(units)]
    shuffled_scores = []
    for n, targets in enumerate(units):
        shuffled = results(targets)
        shuffler.shuffle(shuffled)
        shuffled_scores.append(score_unit(f"u{n}", shuffled, WEIGHTS))
    shuffler.shuffle(shuffled_scores)

    def ranks(ranked_scores: list[UnitScore]) -> dict[str, int]:
        return {row.unit_key: row.rank for row in rank_units(ranked_scores)}

    assert ranks(shuffled_scores) == ranks(scores)


@given(st.lists(st.tuples(HARDNESS, DONE, DONE), min_size=1, max_size=8))
def test_a_unit_at_least_as_good_on_every_matched_target_is_not_ranked_below(
    pairs: list[tuple[str | None, Decimal, Decimal]],
) -> None:
    better = [(hardness, max(a, b)) for hardness, a, b in pairs]
    worse = [(hardness, min(a, b)) for hardness, a, b in pairs]

    ranked = {row.unit_key: row.rank for row in rank_units([
        score_unit("better", results(better), WEIGHTS), score_unit("worse", results(worse), WEIGHTS)
    ])}

    assert ranked["better"] <= ranked["worse"]
