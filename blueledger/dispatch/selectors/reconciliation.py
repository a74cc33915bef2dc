"""Reads of the year-end reconciliation, scoped to the plan's region."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from blueledger.core.permissions import get_scoped_or_404, scoped
from blueledger.dispatch.models import Reconciliation, ReconciliationRow


def reconciliation_list(*, user: Any) -> QuerySet[Reconciliation]:
    return scoped(Reconciliation.objects.all(), user, "plan__region").select_related("plan", "summary")


def reconciliation_get(*, user: Any, pk: int) -> Reconciliation:
    """The reconciliation if its plan lies in the user's scope, else Http404."""
    queryset = Reconciliation.objects.select_related("plan__region", "summary")
    return get_scoped_or_404(queryset, user, "plan__region", pk=pk)  # type: ignore[no-any-return]


def reconciliation_rows(reconciliation: Reconciliation) -> QuerySet[ReconciliationRow]:
    return reconciliation.rows.select_related("target__task", "fact", "confirmed_by")


def reconciliation_row_get(*, user: Any, pk: int, row_pk: int) -> ReconciliationRow:
    """A row of a reconciliation in the user's scope, else Http404."""
    reconciliation = reconciliation_get(user=user, pk=pk)
    return get_object_or_404(  # type: ignore[no-any-return]
        ReconciliationRow.objects.select_related("reconciliation__plan__region"), pk=row_pk,
        reconciliation=reconciliation,
    )
