"""Read-only API of rounds and report slots, scoped like the pages: reporters see only their own
department's slots. Writes go through the pages (and their services) for now."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import viewsets

from blueledger.dispatch.api.serializers import ReportingRoundSerializer, ReportSlotSerializer
from blueledger.dispatch.models import Report, ReportSlot
from blueledger.dispatch.selectors.rounds import round_list, slot_list


class ReportingRoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportingRoundSerializer
    filterset_fields = {"ledger": ["exact"], "status": ["exact"], "period_kind": ["exact"]}

    def get_queryset(self) -> Any:
        return round_list(user=self.request.user).order_by("-period_end", "-pk")


class ReportSlotViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportSlotSerializer
    filterset_fields = {"round": ["exact"], "department": ["exact"]}

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return ReportSlot.objects.none()
        return (
            slot_list(user=self.request.user)
            .select_related("department", "quantity")
            .prefetch_related(Prefetch("reports", queryset=Report.objects.order_by("version")))
            .order_by("round", "position", "pk")
        )
