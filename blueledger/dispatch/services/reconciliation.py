"""Writes of the year-end reconciliation: a plan's targets matched to a summary's facts, confirmed by staff."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import require_dispatch_in_region
from blueledger.dispatch.choices import ReconciliationVerdict
from blueledger.dispatch.models import Reconciliation, ReconciliationRow
from blueledger.dispatch.reconciliation import (
    PlanTarget,
    ReportedFact,
    TextQuantity,
    check_arithmetic,
    match_facts_to_targets,
)
from blueledger.ledgers.choices import OP_FROM_ENGINE, QuantityRole
from blueledger.ledgers.models import Ledger

OP_TO_ENGINE = {str(choice): spelling for spelling, choice in OP_FROM_ENGINE.items()}
VERDICT_FROM_ENGINE = {
    "完成": ReconciliationVerdict.COMPLETED,
    "未完成": ReconciliationVerdict.NOT_COMPLETED,
    "无法判断": ReconciliationVerdict.UNDECIDABLE,
}


@transaction.atomic
def reconciliation_create(*, actor: Any, plan: Ledger, summary: Ledger) -> Reconciliation:
    """Matches the summary's reported facts to the plan's targets (reconciliation engine) and keeps the
    arithmetic findings of the summary's text; staff then confirm or correct each row."""
    require_dispatch_in_region(actor, plan.region)
    targets = list(plan.quantities.filter(role=QuantityRole.TARGET))
    summary_quantities = list(summary.quantities.order_by("position", "pk"))
    facts = [q for q in summary_quantities if q.role == QuantityRole.FACT] or summary_quantities
    rows = match_facts_to_targets(
        [
            PlanTarget(id=str(t.pk), metric=t.metric, value=t.value, unit=t.unit, op=OP_TO_ENGINE.get(t.op, "="),
                       deadline=t.deadline, quote=t.quote)
            for t in targets
        ],
        [
            ReportedFact(id=str(f.pk), metric=f.metric, value=f.value, unit=f.unit, quote=f.quote, period_end=None)
            for f in facts
        ],
    )
    text_quantities = [
        TextQuantity(value=q.value, unit=q.unit, quote=q.quote, start=q.span_start or 0, end=q.span_end or 0,
                     metric=q.metric)
        for q in summary_quantities
        if q.span_start is not None and q.span_end is not None
    ]
    findings = check_arithmetic(sorted(text_quantities, key=lambda q: q.start), summary.text)
    reconciliation = Reconciliation(
        plan=plan,
        summary=summary,
        created_by=actor,
        arithmetic_findings=[
            {"kind": str(f.kind), "quotes": list(f.quotes), "consistent": f.consistent, "explanation": f.explanation}
            for f in findings
        ],
    )
    attribute_change(reconciliation, actor=actor, reason="年终对账")
    reconciliation.save()
    by_id = {str(t.pk): t for t in targets}
    records = [
        ReconciliationRow(
            reconciliation=reconciliation,
            target=by_id[row.target_id],
            fact_id=int(row.fact_id) if row.fact_id else None,
            suggested_verdict=VERDICT_FROM_ENGINE[str(row.verdict)],
            similarity=row.similarity,  # the engine rounds it to the field's four places
            evidence_quote=fit_to_field(ReconciliationRow, "evidence_quote", row.evidence_quote or ""),
            reason=fit_to_field(ReconciliationRow, "reason", row.reason),
        )
        for row in rows
    ]
    ReconciliationRow.objects.bulk_create(records)
    history_bulk_create(records, actor=actor, reason="年终对账")
    return reconciliation


@transaction.atomic
def reconciliation_row_confirm(
    *, actor: Any, row: ReconciliationRow, verdict: str, note: str = ""
) -> ReconciliationRow:
    """Staff confirm the suggested verdict or correct it; the history keeps the suggestion and who decided."""
    require_dispatch_in_region(actor, row.reconciliation.plan.region)
    if verdict not in ReconciliationVerdict.values:
        raise ValidationError(f"未知的结论“{verdict}”。")
    row.verdict = verdict
    row.note = fit_to_field(ReconciliationRow, "note", note.strip())
    row.confirmed_at = timezone.now()
    row.confirmed_by = actor
    attribute_change(row, actor=actor, reason="确认对账结论" if verdict == row.suggested_verdict else "更正对账结论")
    row.save()
    return row
