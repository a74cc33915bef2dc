"""Writes of core: in-app notifications (站内通知)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from blueledger.core.fields import fit_to_field
from blueledger.core.models import Notification


def notification_send(*, user: Any, title: str, body: str = "", url: str = "") -> Notification:
    """One message to one user, unread until they open their notifications."""
    return Notification.objects.create(user=user, title=fit_to_field(Notification, "title", title), body=body,
                                       url=fit_to_field(Notification, "url", url))


@transaction.atomic
def notifications_mark_read(*, user: Any, up_to_pk: int | None = None) -> int:
    """Marks the user's unread notifications read, those up to `up_to_pk` only when given (the ones the user
    was shown, not one that arrived since); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if up_to_pk is not None:
        unread = unread.filter(pk__lte=up_to_pk)
    return unread.update(read_at=timezone.now())
