"""The investment-attraction funnel, Django-free.

A lead moves forward through 在谈 → 签约 → 落地 → 开工 → 投产 or is dropped (终止) from any of them. It has
*reached* a stage when it got there or beyond (skipping a stage counts as passing it). Conversion of a stage
= leads that reached the next stage ÷ leads that reached this one. Days in a stage = days from entering it to
entering the next stage it moved on to, for the leads that moved on (a dropped lead, or one still in the
stage, has no duration there); the median is over those leads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

FORWARD_STAGES: tuple[str, ...] = ("negotiating", "signed", "landed", "started", "producing")
DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class StageEntry:
    stage: str
    entered_on: date


@dataclass(frozen=True, slots=True)
class LeadPath:
    """A lead's dated stage changes, oldest first."""

    entries: tuple[StageEntry, ...]


@dataclass(frozen=True, slots=True)
class FunnelStage:
    stage: str
    reached: int
    current: int  # leads standing in this stage now
    dropped_here: int  # leads dropped while in this stage
    conversion_to_next: Decimal | None  # None for the last stage or when nobody reached this one
    median_days: float | None


@dataclass(frozen=True, slots=True)
class Funnel:
    stages: tuple[FunnelStage, ...]
    leads: int
    dropped: int


def funnel_of(paths: Iterable[LeadPath]) -> Funnel:
    reached = [0] * len(FORWARD_STAGES)
    current = [0] * len(FORWARD_STAGES)
    dropped_here = [0] * len(FORWARD_STAGES)
    durations: list[list[int]] = [[] for _ in FORWARD_STAGES]
    leads = dropped = 0
    for path in paths:
        forward = [entry for entry in path.entries if entry.stage in FORWARD_STAGES]
        if not forward:
            continue
        leads += 1
        highest = max(FORWARD_STAGES.index(entry.stage) for entry in forward)
        for index in range(highest + 1):
            reached[index] += 1
        is_dropped = path.entries[-1].stage == DROPPED
        last_forward = FORWARD_STAGES.index(forward[-1].stage)
        if is_dropped:
            dropped += 1
            dropped_here[last_forward] += 1
        else:
            current[last_forward] += 1
        for this, following in itertools.pairwise(forward):
            if FORWARD_STAGES.index(following.stage) > FORWARD_STAGES.index(this.stage):
                durations[FORWARD_STAGES.index(this.stage)].append((following.entered_on - this.entered_on).days)
    stages = []
    for index, stage in enumerate(FORWARD_STAGES):
        conversion = None
        if index + 1 < len(FORWARD_STAGES) and reached[index]:
            conversion = Decimal(reached[index + 1]) / Decimal(reached[index])
        stages.append(
            FunnelStage(
                stage=stage,
                reached=reached[index],
                current=current[index],
                dropped_here=dropped_here[index],
                conversion_to_next=conversion,
                median_days=float(median(durations[index])) if durations[index] else None,
            )
        )
    return Funnel(stages=tuple(stages), leads=leads, dropped=dropped)
