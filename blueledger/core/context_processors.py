from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from blueledger.core.models import Notification
from blueledger.core.navigation import PRODUCT_PARTS
from blueledger.core.permissions import can_edit_reference_data


def navigation(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    items = []
    for part in PRODUCT_PARTS:
        url = reverse(part.url_name) if part.url_name else reverse("core:part", args=[part.slug])
        items.append({"part": part, "url": url, "built": part.url_name is not None, "active": path.startswith(url)})
    return {"product_parts": items, "can_edit_reference_data": can_edit_reference_data(request.user)}


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The bell in the header: the user's unread notifications."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
