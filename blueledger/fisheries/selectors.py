"""Reads of 渔船监管, always within the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from blueledger.core.permissions import scoped
from blueledger.fisheries.choices import AlertStatus, Disposition
from blueledger.fisheries.models import Alert, Vessel


def vessel_list(*, user: Any) -> QuerySet[Vessel]:
    return scoped(Vessel.objects.select_related("region"), user, "region")


def alert_list(*, user: Any) -> QuerySet[Alert]:
    return scoped(Alert.objects.select_related("region", "vessel", "assignee"), user, "region")


def false_positive_rates(*, user: Any) -> list[dict[str, Any]]:
    """Per rule: disposed alerts and how many were 未发现违规, so a rule's thresholds can be tuned."""
    done = alert_list(user=user).filter(status__in=[AlertStatus.DISPOSED, AlertStatus.CLOSED])
    rows = (
        done.values("rule")
        .annotate(disposed=Count("id"), false_positives=Count("id", filter=Q(disposition=Disposition.NO_VIOLATION)))
        .order_by("rule")
    )
    return list(rows)
