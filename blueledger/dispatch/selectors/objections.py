"""Reads of the objections to a round's ranking."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from blueledger.dispatch.models import RankingObjection, ReportingRound


def objection_get(*, reporting_round: ReportingRound, pk: int) -> RankingObjection:
    return get_object_or_404(RankingObjection, pk=pk, round=reporting_round)  # type: ignore[no-any-return]


def objection_list(reporting_round: ReportingRound) -> QuerySet[RankingObjection]:
    return reporting_round.objections.select_related("department", "filed_by", "answered_by")
