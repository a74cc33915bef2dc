from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import viewsets

from blueledger.ledgers.api.serializers import LedgerSerializer
from blueledger.ledgers.models import LedgerQuantity, LedgerTask, TaskResponsibility
from blueledger.ledgers.selectors import ledger_list


class LedgerViewSet(viewsets.ReadOnlyModelViewSet):
    """Ledgers of the user's scope with their tasks, responsibilities and quantities (read only)."""

    serializer_class = LedgerSerializer
    filterset_fields = {"region__code": ["exact"], "status": ["exact"], "kind": ["exact"]}

    def get_queryset(self) -> Any:
        return ledger_list(user=self.request.user).prefetch_related(
            Prefetch(
                "tasks",
                queryset=LedgerTask.objects.select_related("parent").prefetch_related(
                    Prefetch("responsibilities", queryset=TaskResponsibility.objects.select_related("department"))
                ),
            ),
            Prefetch("quantities", queryset=LedgerQuantity.objects.select_related("task")),
        ).order_by("-created_at", "-pk")
