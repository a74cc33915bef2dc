"""Scores and rankings (排名, 打擂, 赛绩) of departments and districts that can be explained and appealed.

Django-free engine. A unit's score is the weighted mean of the capped completion of *its own* targets:

    score = Σ weight(hardness) × min(completion, 1) / Σ weight(hardness)

with the weight of each hardness (确保 / 力争 / 争取 / none) set by the office in `HardnessWeights`.
Capping at 1 per target means over-achieving one target cannot hide another that lags. A target with
no report counts 0 (no evidence, no credit) and its contribution says so.

Only target results can enter a score. 中共中央办公厅、国务院办公厅《整治形式主义为基层减负若干规定》
(issued 6 August 2024) forbids judging grassroots work by 留痕 — clock-ins (打卡), photo trails, how often an app or a
form was used or filled in. The guarantee here is in the types: `score_unit` takes `TargetResult`s, each
of which wraps an `Assessment` (made by `progress.assess_target` from a target and a reading of that
target); there is no parameter through which an activity count could be passed.

Every score drills down: `UnitScore.contributions` lists each target with its weight, capped completion,
contribution to the score and the ids of the reports behind it, and `RankedUnit` carries them on.
Scores are rounded to `SCORE_PLACES` decimals so that equal results tie exactly, whatever the order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from blueledger.dispatch.progress import Assessment
from blueledger.lib.numbers import round_half_up

SCORE_PLACES = 6


@dataclass(frozen=True, slots=True)
class HardnessWeights:
    """The office's weight for each hardness of target; all ≥ 0, at least one > 0."""

    binding: Decimal
    strive: Decimal
    try_: Decimal
    none: Decimal

    def __post_init__(self) -> None:
        weights = (self.binding, self.strive, self.try_, self.none)
        if any(weight < 0 for weight in weights):
            raise ValueError("权重不能为负数")
        if all(weight == 0 for weight in weights):
            raise ValueError("权重不能全部为0")

    def weight_for(self, hardness: str | None) -> Decimal:
        """The weight of a target by its hardness word (确保 → binding, 力争 → strive, 争取 → try_)."""
        return {"确保": self.binding, "力争": self.strive, "争取": self.try_}.get(hardness or "", self.none)


@dataclass(frozen=True, slots=True)
class TargetResult:
    """One target of a unit with its assessment and the ids of the reports the reading came from."""

    target_id: str
    assessment: Assessment
    report_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one target adds to its unit's score: weight × capped completion / total weight."""

    target_id: str
    hardness: str | None
    weight: Decimal
    completion: Decimal
    contribution: Decimal
    reported: bool
    report_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitScore:
    """A department's or district's score in [0, 1], with the contributions it is the sum of."""

    unit_key: str
    score: Decimal
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True, slots=True)
class RankedUnit:
    """A row of the ranked table; `change` is previous rank − rank (positive: moved up), None if new."""

    rank: int
    unit_key: str
    score: Decimal
    previous_rank: int | None
    change: int | None
    contributions: tuple[Contribution, ...]


class NoScorableTargets(ValueError):
    """A unit has no target with a positive weight, so it cannot be scored."""


def score_unit(unit_key: str, results: Sequence[TargetResult], weights: HardnessWeights) -> UnitScore:
    """The unit's weighted mean of capped completions, in [0, 1], independent of the order of `results`.

    Raises `NoScorableTargets` when the unit has no target or all its targets weigh 0: such a unit is
    left out of the ranking rather than given a score it did not earn.
    """
    ordered = sorted(results, key=lambda result: result.target_id)
    weighted = [(result, weights.weight_for(result.assessment.spec.hardness)) for result in ordered]
    total_weight = sum((weight for _, weight in weighted), Decimal(0))
    if total_weight == 0:
        raise NoScorableTargets(f"{unit_key}: 没有可计分的目标")
    contributions: list[Contribution] = []
    for result, weight in weighted:
        capped = result.assessment.completion_capped
        completion = max(capped, Decimal(0)) if capped is not None else Decimal(0)
        contributions.append(
            Contribution(
                target_id=result.target_id,
                hardness=result.assessment.spec.hardness,
                weight=weight,
                completion=completion,
                contribution=weight * completion / total_weight,
                reported=capped is not None,
                report_ids=result.report_ids,
            )
        )
    weighted_sum = sum((weight * c.completion for (_, weight), c in zip(weighted, contributions, strict=True)),
                       Decimal(0))
    score = round_half_up(weighted_sum / total_weight, SCORE_PLACES)
    return UnitScore(unit_key=unit_key, score=score, contributions=tuple(contributions))


def rank_units(scores: Sequence[UnitScore], previous: Mapping[str, int] | None = None) -> list[RankedUnit]:
    """Units by score, best first; equal scores share a rank (1, 1, 3) and are listed by unit key.

    `previous` maps unit keys to their rank in the previous round; the change is previous − current.
    """
    ordered = sorted(scores, key=lambda unit: (-unit.score, unit.unit_key))
    ranked: list[RankedUnit] = []
    for position, unit in enumerate(ordered, start=1):
        tied_with_previous_row = ranked and ranked[-1].score == unit.score
        rank = ranked[-1].rank if tied_with_previous_row else position
        previous_rank = previous.get(unit.unit_key) if previous is not None else None
        ranked.append(
            RankedUnit(
                rank=rank,
                unit_key=unit.unit_key,
                score=unit.score,
                previous_rank=previous_rank,
                change=previous_rank - rank if previous_rank is not None else None,
                contributions=unit.contributions,
            )
        )
    return ranked
