"""Writes of a department's objection to its ranking and the office's answer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.history import attribute_change
from blueledger.dispatch.choices import ObjectionStatus
from blueledger.dispatch.models import RankingObjection, ReportingRound, ReportSlot
from blueledger.dispatch.permissions import require_report_for, require_run_round
from blueledger.orgs.models import Department


@transaction.atomic
def objection_file(
    *, actor: Any, reporting_round: ReportingRound, department: Department, text: str
) -> RankingObjection:
    """A department's objection to its ranking; only the department's own reporters (or an admin) file it."""
    require_report_for(actor, department)
    text = text.strip()
    if not text:
        raise ValidationError("请填写异议内容。")
    if not ReportSlot.objects.filter(round=reporting_round, department=department).exists():
        raise ValidationError(f"{department}不在本轮排名之中。")
    objection = RankingObjection(
        round=reporting_round, department=department, text=text, filed_at=timezone.now(), filed_by=actor
    )
    attribute_change(objection, actor=actor, reason="提出异议")
    objection.save()
    return objection


@transaction.atomic
def objection_answer(*, actor: Any, objection: RankingObjection, answer: str) -> RankingObjection:
    require_run_round(actor, objection.round)
    answer = answer.strip()
    if not answer:
        raise ValidationError("请填写答复内容。")
    if objection.status == ObjectionStatus.ANSWERED:
        raise ValidationError("该异议已答复。")
    objection.answer = answer
    objection.status = ObjectionStatus.ANSWERED
    objection.answered_at = timezone.now()
    objection.answered_by = actor
    attribute_change(objection, actor=actor, reason="答复异议")
    objection.save()
    return objection
