"""The accounts panel of the 工作台: for administrators, the accounts of their scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from blueledger.core.desk import DeskCount, DeskPanel
from blueledger.core.permissions import can_edit_reference_data
from blueledger.users.selectors import user_list


def desk_panels(*, user: Any) -> list[DeskPanel]:
    if not can_edit_reference_data(user):
        return []
    count = DeskCount("users", "用户账号", user_list(user=user).count(), reverse("users:user_list"))
    return [DeskPanel(title="用户账号", counts=(count,), order=91)]
