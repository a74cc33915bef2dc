"""Ledgers' panel of the home page (工作台): 延期申请.

调度员 and 系统管理员: the requests awaiting their decision in their scope; 填报员: their department's requests
awaiting a decision. Nobody else is shown a panel, nor anyone with nothing pending.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from blueledger.core.desk import DeskCount, DeskEntry, DeskPanel
from blueledger.core.permissions import can_dispatch
from blueledger.ledgers.choices import ExtensionStatus
from blueledger.ledgers.selectors import extension_list, pending_extensions

ENTRY_LIMIT = 10


def desk_panels(*, user: Any) -> list[DeskPanel]:
    url = reverse("ledgers:extension_list")
    if can_dispatch(user):
        pending = list(pending_extensions(user=user)[:ENTRY_LIMIT + 1])
        count = pending_extensions(user=user).count() if len(pending) > ENTRY_LIMIT else len(pending)
        hint = "填报单位申请推迟完成时限, 待批准或不批准"
    elif user.is_reporter and user.department_id:
        mine = extension_list(user=user).filter(status=ExtensionStatus.PENDING).order_by("requested_at", "pk")
        pending = list(mine[:ENTRY_LIMIT + 1])
        count = mine.count() if len(pending) > ENTRY_LIMIT else len(pending)
        hint = "本单位提出、等待调度办审批的延期申请"
    else:
        return []
    if not count:
        return []
    entries = tuple(
        DeskEntry("extensions", f"{extension.department.short_name} · {extension.item_label}",
                  f"{url}#pending-extensions", _detail(extension), "pending", "延期申请")
        for extension in pending[:ENTRY_LIMIT]
    )
    return [DeskPanel("延期申请", (DeskCount("extensions", "待审批延期申请", count, url, "pending", hint=hint),),
                      entries, order=20)]


def _detail(extension: Any) -> str:
    before = f"{extension.deadline_before:%Y-%m-%d}" if extension.deadline_before else "未规定"
    return f"{before} → {extension.requested_deadline:%Y-%m-%d} · {extension.reason}"
